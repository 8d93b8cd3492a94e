// A gestionnaire's decision on a signed adhesion that changes only its row (a refusal, a missing document asked
// for): the journey is locked in the statuses the decision may start from, updated, audited, and the prospect's
// mail written to the outbox, all in one transaction; the mail leaves after the commit. Accepting an adhesion
// creates a contract and does more (adhesion-review.server.ts, acceptAdhesion), from the same lock.
import { eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit, type AuditAction } from "../audit/audit.server.ts";
import type { KeyRing } from "../banking/iban-crypto.server.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { journeyById, type JourneyView } from "./journey.server.ts";
import { affiliationJourney } from "./schema.ts";

/** Locks a journey in one of `statuses` (signed by default) for a decision, or refuses (404, or 409 if decided). */
export async function lockSigned(tx: Db, id: string, statuses: readonly string[] = ["signed"]) {
  if (!uuidPattern.test(id)) throw new AppError("not_found", "Adhésion introuvable.", 404);
  const [row] = await tx
    .select({ status: affiliationJourney.status })
    .from(affiliationJourney)
    .where(eq(affiliationJourney.id, id))
    .for("update");
  if (!row) throw new AppError("not_found", "Adhésion introuvable.", 404);
  if (!statuses.includes(row.status)) throw new AppError("decided", "Cette adhésion a déjà été traitée.", 409);
}

export interface RowDecision {
  /** The statuses the decision may be taken from. */
  from: readonly string[];
  /** What changes on the journey's row (updatedAt is set here). */
  set: PgUpdateSetSource<typeof affiliationJourney>;
  /** The audit action. */
  audit: AuditAction;
  /** The prospect's mail, written from the journey as it was locked. */
  mail: (journey: JourneyView) => { subject: string; text: string };
}

export async function decideOnSignedAdhesion(
  deps: { db: Db; ibanKeys: KeyRing; mailer: Mailer },
  advisor: AdvisorViewer,
  id: string,
  ip: string,
  decision: RowDecision,
): Promise<void> {
  const mailId = await inTransaction(deps.db, async (tx) => {
    await lockSigned(tx, id, decision.from);
    const journey = (await journeyById({ db: tx, ibanKeys: deps.ibanKeys }, id))!;
    await tx
      .update(affiliationJourney)
      .set({ ...decision.set, updatedAt: sql`now()` })
      .where(eq(affiliationJourney.id, id));
    await recordAudit(tx, {
      action: decision.audit,
      outcome: "success",
      actorUserId: advisor.userId,
      ipAddress: ip,
      details: { journeyId: id },
    });
    return deps.mailer.enqueue(tx, { to: journey.email!, ...decision.mail(journey) });
  });
  await deps.mailer.deliver([mailId]);
}
