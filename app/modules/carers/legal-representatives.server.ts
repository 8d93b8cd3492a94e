// Legal representatives (tutelle, curatelle): an advisor records one for an adult member on the judgment (a
// démarche `REP-…` with the judgment attached, in the back-office queue « Représentants légaux »); a
// gestionnaire accepts it (decisions.server.ts), which gives the representative access to the person's space
// with the measure's scopes (legal-measures.ts) until the measure's end, and mails them the invitation in the
// same transaction. The representative then signs in like a carer (own login, second factor) and every action is
// recorded "par X pour le compte de Y". The person cannot revoke it: the mutuelle follows the judgment.
import { detailsOf, type LegalRepresentativeDetails } from "../requests/details.ts";
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { session, user } from "../accounts/schema.ts";
import { ageOn } from "../clock/calendar.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { recordUploads, type StoredUpload } from "../claims/attachments.server.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { household, person } from "../households/schema.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { newReference } from "../requests/reference.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { hashToken } from "../shared/token.server.ts";
import { carerInvitationMail } from "./carers.server.ts";
import { type LegalMeasure, legalMeasureEndError, legalMeasureLabels, scopesForMeasure } from "./legal-measures.ts";
import { carerGrant, carerSession } from "./schema.ts";

/** Adults only: a minor's parents act as the holder already. */
const adultAge = 18;

export interface LegalRepresentativeInput {
  personId: string;
  measure: LegalMeasure;
  name: string;
  email: string;
  endsOn: string;
}

/** The contract and its adults still covered, for the advisor's form; null when the number names no contract. */
export async function adultsOfContract(db: Db, memberNumber: string, today: string) {
  const [home] = await db
    .select({ id: household.id, memberNumber: household.memberNumber })
    .from(household)
    .where(eq(household.memberNumber, memberNumber));
  if (!home) return null;
  const people = await db
    .select({
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      coverageEnd: person.coverageEnd,
    })
    .from(person)
    .where(eq(person.householdId, home.id))
    .orderBy(asc(person.birthDate));
  return {
    householdId: home.id,
    memberNumber: home.memberNumber,
    adults: people.filter((p) => ageOn(p.birthDate, today) >= adultAge && (!p.coverageEnd || p.coverageEnd >= today)),
  };
}

/**
 * The advisor's entry: one transaction writes the démarche, its first event and the judgment's file rows; the
 * caller deletes the stored files if it fails. Audited.
 */
export async function recordLegalRepresentative(
  db: Db,
  advisor: AdvisorViewer,
  memberNumber: string,
  input: LegalRepresentativeInput,
  stored: StoredUpload[],
  ip: string,
  today: string,
): Promise<{ reference: string; requestId: string }> {
  const contract = await adultsOfContract(db, memberNumber, today);
  if (!contract) throw new AppError("not_found", "Adhérent introuvable.", 404);
  const who = contract.adults.find((p) => p.id === input.personId);
  if (!who) throw new AppError("personId", "Choisissez une personne majeure couverte par ce contrat.", 400);
  const endError = legalMeasureEndError(input.endsOn, today);
  if (endError) throw new AppError("endsOn", endError, 400);
  if (stored.length === 0)
    throw new AppError("fichiers", "Joignez le jugement qui prononce la mesure (PDF ou photo).", 400);
  const email = input.email.trim().toLowerCase();
  const [taken] = await db.select({ role: user.role }).from(user).where(eq(user.email, email));
  if (taken?.role === "advisor") throw new AppError("email", "Cette adresse ne peut pas recevoir d'accès.", 400);
  const reference = newReference("REP", Number(today.slice(0, 4)));
  const details: LegalRepresentativeDetails = {
    ...input,
    email,
    name: input.name.trim(),
    firstName: who.firstName,
    lastName: who.lastName,
    recordedBy: advisor.userId,
  };
  const requestId = await inTransaction(db, async (tx) => {
    const [request] = await tx
      .insert(memberRequest)
      .values({
        reference,
        householdId: contract.householdId,
        beneficiaryId: who.id,
        kind: "legal_representative",
        subject: `${legalMeasureLabels[input.measure]} de ${who.firstName} ${who.lastName} : ${details.name}`,
        details,
      })
      .returning({ id: memberRequest.id });
    await tx.insert(requestEvent).values({
      requestId: request!.id,
      status: "submitted",
      note: "Enregistrée par votre mutuelle sur présentation du jugement.",
    });
    await recordUploads(tx, { householdId: contract.householdId }, { requestId: request!.id }, stored);
    return request!.id;
  });
  await recordAudit(db, {
    action: "carer.legal_recorded",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: contract.householdId,
    ipAddress: ip,
    details: { reference, measure: input.measure },
  });
  return { reference, requestId };
}

/**
 * Accepting the démarche: what decide() writes in its transaction (the grant and the invitation's mail) and the
 * mails to deliver after the commit. A gestionnaire's decision (checked by decide()).
 */
export function legalRepresentativeAcceptance(
  deps: { mailer: Mailer; publicUrl: string; clock: { today(): string } },
  request: { id: string; kind: string; householdId: string; beneficiaryId: string | null; details: unknown },
  advisor: AdvisorViewer,
) {
  if (request.kind !== "legal_representative")
    throw new AppError("kind", "Ce n'est pas une demande de représentant légal.", 400);
  const d = detailsOf("legal_representative", request.details);
  // Four eyes, as for a RIB an advisor enters: whoever recorded the measure cannot also give its access
  // (security review R7: an insider naming a representative account of their choice).
  if (d.recordedBy === advisor.userId)
    throw new AppError(
      "four_eyes",
      "Vous avez enregistré cette mesure : un autre gestionnaire doit l'accepter (principe des quatre yeux).",
      403,
    );
  const endError = legalMeasureEndError(d.endsOn, deps.clock.today());
  if (endError) throw new AppError("kind", `Cette mesure ne peut plus être acceptée : ${endError}`, 400);
  const mailIds: number[] = [];
  const scopes = scopesForMeasure(d.measure);
  const label = legalMeasureLabels[d.measure].toLowerCase();
  return {
    note: `${d.name} est enregistré(e) comme représentant(e) légal(e) (${label}) de ${d.firstName} jusqu'au ${d.endsOn.split("-").reverse().join("/")}.`,
    details: { measure: d.measure, endsOn: d.endsOn },
    mailIds,
    effect: async (tx: Db) => {
      const [p] = await tx
        .select({ id: person.id })
        .from(person)
        .where(
          and(
            eq(person.id, d.personId),
            eq(person.householdId, request.householdId),
            sql`(${person.coverageEnd} is null or ${person.coverageEnd} >= ${deps.clock.today()})`,
          ),
        );
      if (!p) throw new AppError("kind", "Cette personne n'est plus couverte par le contrat.", 409);
      const [existing] = await tx
        .select({ id: user.id, role: user.role })
        .from(user)
        .where(and(eq(user.email, d.email), ne(user.role, "advisor")));
      const token = existing ? null : randomBytes(32).toString("base64url");
      await tx.insert(carerGrant).values({
        householdId: request.householdId,
        grantorPersonId: p.id,
        carerEmail: d.email,
        carerName: d.name,
        carerUserId: existing?.id ?? null,
        scopes,
        endsOn: d.endsOn,
        note: `${legalMeasureLabels[d.measure]} (démarche enregistrée sur jugement)`,
        inviteTokenHash: token ? hashToken(token) : null,
        createdByUserId: advisor.userId,
        kind: "legal_representative",
        measure: d.measure,
        requestId: request.id,
      });
      mailIds.push(
        await deps.mailer.enqueue(
          tx,
          carerInvitationMail(deps.publicUrl, {
            to: d.email,
            carerName: d.name,
            forName: `${d.firstName} ${d.lastName}`,
            endsOn: d.endsOn,
            token,
            why: `Votre mutuelle vous a enregistré(e) comme représentant(e) légal(e) (${label}) de ${d.firstName} ${d.lastName} : vous pouvez agir pour son compte`,
          }),
        ),
      );
    },
  };
}

/** The legal representatives recorded on a contract (the advisor's member file), newest first. */
export async function listLegalRepresentatives(db: Db, memberNumber: string, today: string) {
  const rows = await db
    .select({
      id: carerGrant.id,
      carerName: carerGrant.carerName,
      carerEmail: carerGrant.carerEmail,
      measure: carerGrant.measure,
      endsOn: carerGrant.endsOn,
      revokedAt: carerGrant.revokedAt,
      activated: sql<boolean>`${carerGrant.carerUserId} is not null`,
      forName: sql<string>`${person.firstName} || ' ' || ${person.lastName}`,
    })
    .from(carerGrant)
    .innerJoin(household, eq(household.id, carerGrant.householdId))
    .innerJoin(person, eq(person.id, carerGrant.grantorPersonId))
    .where(and(eq(household.memberNumber, memberNumber), eq(carerGrant.kind, "legal_representative")))
    .orderBy(sql`${carerGrant.createdAt} desc`);
  return rows.map((r) => ({
    ...r,
    measureLabel: legalMeasureLabels[r.measure ?? "tutelle"],
    live: !r.revokedAt && r.endsOn >= today,
    state: r.revokedAt ? "Terminé" : r.endsOn < today ? "Expiré" : r.activated ? "Actif" : "En attente d'activation",
  }));
}

/**
 * A gestionnaire ends a legal representative's access before its date (the measure lifted or the representative
 * replaced, on the new judgment): the grant is marked ended and every session acting under it is deleted at once,
 * in one transaction. Audited. (The person never can: the mutuelle follows the judgment.)
 */
export async function endLegalRepresentative(
  db: Db,
  advisor: AdvisorViewer,
  memberNumber: string,
  grantId: string,
  ip: string,
): Promise<void> {
  const missing = new AppError("not_found", "Représentant introuvable ou déjà sans accès.", 404);
  if (!/^[0-9a-f-]{36}$/.test(grantId)) throw missing;
  const householdId = await inTransaction(db, async (tx) => {
    const [ended] = await tx
      .update(carerGrant)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(carerGrant.id, grantId),
          eq(carerGrant.kind, "legal_representative"),
          isNull(carerGrant.revokedAt),
          inArray(
            carerGrant.householdId,
            tx.select({ id: household.id }).from(household).where(eq(household.memberNumber, memberNumber)),
          ),
        ),
      )
      .returning({ householdId: carerGrant.householdId });
    if (!ended) throw missing;
    await tx
      .delete(session)
      .where(
        inArray(
          session.id,
          tx.select({ id: carerSession.sessionId }).from(carerSession).where(eq(carerSession.grantId, grantId)),
        ),
      );
    return ended.householdId;
  });
  await recordAudit(db, {
    action: "carer.revoked",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId,
    ipAddress: ip,
    details: { grantId, legalRepresentative: true },
  });
}
