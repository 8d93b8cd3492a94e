// A RIB change's end: put into effect once its hold is over (the jobs, or before a household's bank details are
// shown), or cancelled by the member or by the alert's link. Each change is settled by one conditional update, so
// two servers (or a job and a click) can never both settle it.
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { household, person } from "../households/schema.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { hashToken } from "../shared/token.server.ts";
import type { BankChangeDeps } from "./changes.server.ts";
import { bankChange } from "./schema.ts";

export type CancelOutcome = "cancelled" | "already-applied" | "invalid";

/** From the alert's link: the token alone decides (the member may be locked out of their account). */
export async function cancelBankChangeByToken(
  deps: Pick<BankChangeDeps, "db">,
  token: string,
  ip: string,
): Promise<CancelOutcome> {
  if (!/^[A-Za-z0-9_-]{40,60}$/.test(token)) return "invalid";
  const [change] = await deps.db
    .select({ id: bankChange.id, status: bankChange.status })
    .from(bankChange)
    .where(eq(bankChange.cancelTokenHash, hashToken(token)));
  if (!change) return "invalid";
  if (change.status !== "pending") return change.status === "applied" ? "already-applied" : "invalid";
  return (await settle(deps.db, change.id, "cancelled", { ip, via: "alert_link" })) ? "cancelled" : "invalid";
}

export async function cancelBankChangeByMember(
  deps: Pick<BankChangeDeps, "db">,
  viewer: MemberViewer,
  changeId: string,
  ip: string,
): Promise<boolean> {
  if (!uuidPattern.test(changeId)) return false;
  const [change] = await deps.db
    .select({ id: bankChange.id })
    .from(bankChange)
    .where(
      and(
        eq(bankChange.id, changeId),
        eq(bankChange.householdId, viewer.householdId),
        eq(bankChange.status, "pending"),
        // A beneficiary cancels only a change of their own account.
        viewer.onlyPersonId ? eq(bankChange.personId, viewer.onlyPersonId) : undefined,
      ),
    );
  if (!change) return false;
  return settle(deps.db, change.id, "cancelled", { ip, via: "member", actorUserId: viewer.userId });
}

/**
 * Puts every change whose hold is over into effect. Run by the server's scheduler and before showing a
 * household's bank details; safe to run anywhere at once (each change is claimed by one conditional update).
 */
export async function applyDueBankChanges(db: Db, now: Date, householdId?: string): Promise<number> {
  const due = await db
    .select({ id: bankChange.id })
    .from(bankChange)
    .where(
      and(
        eq(bankChange.status, "pending"),
        lte(bankChange.effectiveAt, now),
        householdId ? eq(bankChange.householdId, householdId) : undefined,
      ),
    )
    .limit(500);
  let applied = 0;
  for (const { id } of due) if (await settle(db, id, "applied", {})) applied++;
  return applied;
}

async function settle(
  db: Db,
  id: string,
  outcome: "applied" | "cancelled",
  who: { ip?: string; via?: string; actorUserId?: string },
): Promise<boolean> {
  const done = await inTransaction(db, async (tx) => {
    const [change] = await tx
      .update(bankChange)
      .set({ status: outcome, settledAt: sql`now()` })
      .where(and(eq(bankChange.id, id), eq(bankChange.status, "pending")))
      .returning();
    if (!change) return null; // someone else settled it first
    if (outcome === "applied") {
      if (change.personId)
        await tx.update(person).set({ bankAccountId: change.newBankAccountId }).where(eq(person.id, change.personId));
      else
        await tx
          .update(household)
          .set({ bankAccountId: change.newBankAccountId })
          .where(eq(household.id, change.householdId));
    }
    if (change.requestId) {
      const status = outcome === "applied" ? "accepted" : "cancelled";
      await tx
        .update(memberRequest)
        .set({ status, updatedAt: sql`now()` })
        .where(
          and(eq(memberRequest.id, change.requestId), inArray(memberRequest.status, ["submitted", "in_progress"])),
        );
      await tx.insert(requestEvent).values({
        requestId: change.requestId,
        status,
        note:
          outcome === "applied"
            ? "Le nouveau compte est utilisé."
            : "Changement annulé : le compte précédent reste utilisé.",
      });
    }
    return change;
  });
  if (!done) return false;
  await recordAudit(db, {
    action: outcome === "applied" ? "banking.change_applied" : "banking.change_cancelled",
    outcome: "success",
    actorUserId: who.actorUserId ?? null,
    householdId: done.householdId,
    ipAddress: who.ip ?? null,
    details: { changeId: done.id, ...(who.via ? { via: who.via } : {}) },
  });
  return true;
}
