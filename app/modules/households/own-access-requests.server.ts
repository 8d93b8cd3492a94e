// Requests for a beneficiary's own space made from the sign-in page, as the gestionnaires' queue sees them
// (/back-office/acces-personnels): listed, counted, confirmed or refused, the holder told either way.
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { user } from "../accounts/schema.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { household, ownAccessInvite, person } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { assertEligible, findBeneficiary, sendInvite, type Deps } from "./own-access.server.ts";

/** Requests made from the sign-in page and waiting for a confirmation, oldest first: the advisors' queue. */
export async function listOwnAccessRequests(db: Db, _advisor: AdvisorViewer) {
  const holder = alias(person, "holder");
  return db
    .select({
      id: ownAccessInvite.id,
      email: ownAccessInvite.email,
      createdAt: ownAccessInvite.createdAt,
      memberNumber: household.memberNumber,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      holderName: sql<string>`${holder.firstName} || ' ' || ${holder.lastName}`,
    })
    .from(ownAccessInvite)
    .innerJoin(person, eq(person.id, ownAccessInvite.personId))
    .innerJoin(household, eq(household.id, ownAccessInvite.householdId))
    .innerJoin(holder, and(eq(holder.householdId, household.id), eq(holder.role, "member")))
    .where(eq(ownAccessInvite.status, "requested"))
    .orderBy(asc(ownAccessInvite.createdAt))
    .limit(200);
}

export async function countOwnAccessRequests(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ownAccessInvite)
    .where(eq(ownAccessInvite.status, "requested"));
  return row?.n ?? 0;
}

/**
 * An advisor settles a request from the sign-in page, after checking it with the people concerned (the address
 * typed there is not proven): "confirm" sends the link and code to that address, "refuse" voids the request.
 * Either way the contract holder is told by e-mail, and it is audited with the advisor as actor.
 */
export async function settleOwnAccessRequestByAdvisor(
  deps: Deps,
  advisor: AdvisorViewer,
  inviteId: string,
  decision: "confirm" | "refuse",
  ip: string,
): Promise<void> {
  const missing = new AppError("not_found", "Demande introuvable ou déjà traitée.", 404);
  if (!uuidPattern.test(inviteId)) throw missing;
  const [invite] = await deps.db
    .select()
    .from(ownAccessInvite)
    .where(and(eq(ownAccessInvite.id, inviteId), eq(ownAccessInvite.status, "requested")));
  if (!invite) throw missing;
  const p = await findBeneficiary(deps.db, invite.householdId, invite.personId);
  if (!p) throw missing;
  const [holder] = await deps.db
    .select({ email: user.email })
    .from(person)
    .innerJoin(user, eq(user.id, person.userId))
    .where(and(eq(person.householdId, invite.householdId), eq(person.role, "member")));
  const notice = holder
    ? {
        to: holder.email,
        subject:
          decision === "confirm"
            ? `Votre mutuelle a confirmé la demande d'espace personnel de ${p.firstName}`
            : `Votre mutuelle a refusé une demande d'espace personnel pour ${p.firstName}`,
        text:
          decision === "confirm"
            ? `Bonjour,\n\nÀ la demande faite depuis la page de connexion, votre mutuelle a envoyé à ${p.firstName} ` +
              "un lien et un code pour ouvrir son propre espace adhérent. Si vous ne reconnaissez pas cette demande, " +
              "contactez votre mutuelle sans attendre.\n\nVotre mutuelle"
            : `Bonjour,\n\nUne demande d'espace personnel pour ${p.firstName}, faite depuis la page de connexion, a été ` +
              "refusée par votre mutuelle : rien n'a été ouvert.\n\nVotre mutuelle",
      }
    : null;
  if (decision === "confirm") {
    assertEligible(p, deps.clock.today());
    await sendInvite(deps, invite.householdId, p.id, invite.email, invite.id, notice);
  } else {
    const mailIds = await inTransaction(deps.db, async (tx) => {
      const done = await tx
        .update(ownAccessInvite)
        .set({ status: "cancelled" })
        .where(and(eq(ownAccessInvite.id, invite.id), eq(ownAccessInvite.status, "requested")))
        .returning({ id: ownAccessInvite.id });
      if (done.length === 0) throw missing;
      return notice ? [await deps.mailer.enqueue(tx, notice)] : [];
    });
    await deps.mailer.deliver(mailIds);
  }
  await recordAudit(deps.db, {
    action: decision === "confirm" ? "access.own_invited" : "access.own_refused",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: invite.householdId,
    ipAddress: ip,
    details: { personId: p.id, requested: true, by: "advisor" },
  });
}
