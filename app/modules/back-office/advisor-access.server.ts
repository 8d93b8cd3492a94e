// A leaver's access ends at once: an administrateur deactivates the account (every session ended, sign-in
// refused from then on, the account kept for the audit trail), may reactivate it, and may reset its second
// factor (a lost phone): the advisor then enrols a new authenticator at the next sign-in, after a code sent to
// their e-mail. Each action audited; never on one's own account, never leaving no active administrateur.
import { and, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { session, twoFactor, user } from "../accounts/schema.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { memberRequest } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { openRequestStatuses } from "../requests/kinds.ts";
import { advisorProposal } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { isUniqueViolation } from "../db/errors.ts";

/**
 * The active administrateurs, their rows locked until the transaction ends: of two administrateurs removing
 * each other at the same moment, the second sees the first's change and is refused.
 */
export async function lockActiveAdministrators(tx: Db): Promise<string[]> {
  const rows = await tx
    .select({ id: user.id })
    .from(user)
    .where(and(eq(user.role, "advisor"), eq(user.advisorRole, "administrateur"), isNull(user.deactivatedAt)))
    .for("update");
  return rows.map((r) => r.id);
}

function notOneself(admin: AdvisorViewer, advisorId: string, message: string): void {
  if (advisorId === admin.userId) throw new AppError("self", message, 409);
}

async function assertActiveAdministrator(tx: Db, admin: AdvisorViewer): Promise<string[]> {
  const admins = await lockActiveAdministrators(tx);
  if (!admins.includes(admin.userId))
    throw new AppError("forbidden", "Seul un administrateur actif peut gérer les comptes des conseillers.", 403);
  return admins;
}

export async function deactivateAdvisor(db: Db, admin: AdvisorViewer, advisorId: string, ip: string): Promise<void> {
  notOneself(
    admin,
    advisorId,
    "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.",
  );
  const { sessionsEnded, requestsReleased } = await inTransaction(db, async (tx) => {
    const admins = await assertActiveAdministrator(tx, admin);
    if (admins.includes(advisorId) && admins.length <= 1)
      throw new AppError("last_admin", "Il doit rester au moins un administrateur actif.", 409);
    const [done] = await tx
      .update(user)
      .set({ deactivatedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(user.id, advisorId), eq(user.role, "advisor"), isNull(user.deactivatedAt)))
      .returning({ id: user.id });
    if (!done) throw new AppError("state", "Ce compte est introuvable ou déjà désactivé.", 409);
    // Every session ends now (their step-up proofs with them), not at their idle expiry.
    const ended = await tx.delete(session).where(eq(session.userId, advisorId)).returning({ id: session.id });
    // What the leaver proposed, and promotions proposed for them, no longer stand.
    await tx
      .update(advisorProposal)
      .set({ status: "cancelled", decidedBy: admin.userId, decidedAt: sql`now()` })
      .where(
        and(
          eq(advisorProposal.status, "pending"),
          or(eq(advisorProposal.proposedBy, advisorId), eq(advisorProposal.advisorId, advisorId)),
        ),
      );
    // Only the advisor who took a request decides on it: the leaver's open requests go back to the queue.
    const released = await tx
      .update(memberRequest)
      .set({ assignedTo: null })
      .where(and(eq(memberRequest.assignedTo, advisorId), inArray(memberRequest.status, [...openRequestStatuses])))
      .returning({ id: memberRequest.id });
    return { sessionsEnded: ended.length, requestsReleased: released.length };
  });
  await recordAudit(db, {
    action: "backoffice.advisor_deactivated",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details: { advisorId, sessionsEnded, requestsReleased },
  });
}

/**
 * A conseiller or gestionnaire account comes back at once ("reactivated"). An administrateur account only
 * through four eyes ("proposed"), as raising a role to administrateur does: one administrateur alone must not
 * bring back a dormant administrateur account (a leaver's, whose password they may know) and use it as the
 * second pair of eyes on their own proposals.
 */
export async function reactivateAdvisor(
  db: Db,
  admin: AdvisorViewer,
  advisorId: string,
  ip: string,
): Promise<"reactivated" | "proposed"> {
  notOneself(admin, advisorId, "Vous ne pouvez pas réactiver votre propre compte.");
  const outcome = await inTransaction(db, async (tx) => {
    await assertActiveAdministrator(tx, admin);
    const [target] = await tx
      .select({ role: user.advisorRole })
      .from(user)
      .where(and(eq(user.id, advisorId), eq(user.role, "advisor"), isNotNull(user.deactivatedAt)))
      .for("update");
    if (!target) throw new AppError("state", "Ce compte est introuvable ou déjà actif.", 409);
    if (target.role === "administrateur") {
      const [proposal] = await tx
        .insert(advisorProposal)
        .values({ kind: "reactivate", advisorId, role: "administrateur", proposedBy: admin.userId })
        .returning({ id: advisorProposal.id })
        .catch((error: unknown) => {
          if (isUniqueViolation(error))
            throw new AppError(
              "pending",
              "Une proposition concernant ce compte attend déjà l'approbation d'un administrateur.",
              409,
            );
          throw error;
        });
      return { kind: "proposed" as const, proposalId: proposal!.id };
    }
    await tx
      .update(user)
      .set({ deactivatedAt: null, updatedAt: sql`now()` })
      .where(and(eq(user.id, advisorId), eq(user.role, "advisor"), isNotNull(user.deactivatedAt)));
    return { kind: "reactivated" as const };
  });
  await recordAudit(db, {
    action: outcome.kind === "proposed" ? "backoffice.advisor_proposed" : "backoffice.advisor_reactivated",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details:
      outcome.kind === "proposed" ? { proposalId: outcome.proposalId, kind: "reactivate", advisorId } : { advisorId },
  });
  return outcome.kind;
}

/** The authenticator and recovery codes are erased and every session ends: the next sign-in enrols anew. */
export async function resetAdvisorTwoFactor(
  { db, mailer }: { db: Db; mailer: Mailer },
  admin: AdvisorViewer,
  advisorId: string,
  ip: string,
): Promise<void> {
  notOneself(
    admin,
    advisorId,
    "Pour votre propre compte, passez par Mon compte, ou demandez-le à un autre administrateur.",
  );
  const email = await inTransaction(db, async (tx) => {
    await assertActiveAdministrator(tx, admin);
    const [done] = await tx
      .update(user)
      .set({ twoFactorEnabled: false, updatedAt: sql`now()` })
      .where(and(eq(user.id, advisorId), eq(user.role, "advisor")))
      .returning({ email: user.email });
    if (!done) throw new AppError("not_found", "Conseiller introuvable.", 404);
    await tx.delete(twoFactor).where(eq(twoFactor.userId, advisorId));
    await tx.delete(session).where(eq(session.userId, advisorId));
    return done.email;
  });
  await recordAudit(db, {
    action: "backoffice.advisor_two_factor_reset",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details: { advisorId },
  });
  // Told where an attacker cannot mute it: a reset nobody asked for is a reason to call the administrateurs.
  await mailer.send({
    to: email,
    subject: "Votre double authentification a été réinitialisée",
    text:
      "Bonjour,\n\nUn administrateur a réinitialisé la double authentification de votre compte conseiller. " +
      "À votre prochaine connexion, un code vous sera envoyé par e-mail, puis vous associerez à nouveau une application d'authentification.\n" +
      "Si vous ne l'avez pas demandé, prévenez un administrateur sans attendre.\n\nVotre mutuelle",
  });
}
