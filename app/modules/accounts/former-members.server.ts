// A former member's access to their space (docs/personal-data.md, "A former member's access"): after a
// résiliation the member keeps signing in, with their documents and reimbursements, for
// FORMER_MEMBER_ACCESS_YEARS (default 3) after the contract's last covered day — the two-year prescription of
// claims between a mutuelle and its members (art. L221-11 code de la mutualité) and the tax authority's right to
// review a year's income until the end of the third year after it (art. L169 livre des procédures fiscales: the
// attestation de cotisations). The daily job `accounts.close_former_members` then closes the logins of the
// contract's people: deactivated (the advisors' mechanism: no new session, see auth.server.ts) and every session
// ended. The data stays under its own retention; the member asks the mutuelle for a document.
import { and, eq, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { addYears } from "../clock/calendar.ts";
import { household, person } from "../households/schema.ts";
import { session, user } from "./schema.ts";

/** What a closed former member reads at sign-in (after the right password only). */
export const formerMemberClosedMessage =
  "Votre contrat a pris fin et la période pendant laquelle votre espace adhérent restait ouvert est terminée : " +
  "vous ne pouvez plus vous y connecter. Pour obtenir un document (relevé de remboursements, attestation de " +
  "cotisations), écrivez ou téléphonez à votre mutuelle.";

/**
 * Closes the member logins of contracts whose last covered day is more than `years` years before today (one day
 * past: ended 31/01/2024, 3 years → open on 31/01/2027, closed from 01/02/2027). Returns how many were closed.
 */
export async function closeFormerMembersAccess(
  { db, clock }: { db: Db; clock: Clock },
  years: number,
): Promise<number> {
  const today = clock.today();
  // Ended strictly before this day: the years have fully passed.
  const endedBefore = addYears(today, -years);
  return inTransaction(db, async (tx) => {
    const due = await tx
      .select({ userId: user.id, householdId: household.id, coverageEnd: household.coverageEnd })
      .from(user)
      .innerJoin(person, eq(person.userId, user.id))
      .innerJoin(household, eq(household.id, person.householdId))
      .where(
        and(
          eq(user.role, "member"),
          isNull(user.deactivatedAt),
          isNotNull(household.coverageEnd),
          lt(household.coverageEnd, endedBefore),
        ),
      );
    if (due.length === 0) return 0;
    const ids = [...new Set(due.map((d) => d.userId))];
    await tx.update(user).set({ deactivatedAt: clock.now(), updatedAt: clock.now() }).where(inArray(user.id, ids));
    await tx.delete(session).where(inArray(session.userId, ids));
    for (const d of due)
      await recordAudit(tx, {
        action: "account.former_member_closed",
        outcome: "success",
        actorUserId: null,
        householdId: d.householdId,
        ipAddress: null,
        details: { userId: d.userId, coverageEnd: d.coverageEnd, years },
      });
    return ids.length;
  });
}
