// A former member's access to their space (docs/personal-data.md, "A former member's access"): after a
// résiliation the member keeps signing in, with their documents and reimbursements, for
// FORMER_MEMBER_ACCESS_YEARS (default 3) after the contract's last covered day — the two-year prescription of
// claims between a mutuelle and its members (art. L221-11 code de la mutualité) and the tax authority's right to
// review a year's income until the end of the third year after it (art. L169 livre des procédures fiscales: the
// attestation de cotisations). The daily job `accounts.close_former_members` then closes the logins of the
// contract's people: deactivated (the advisors' mechanism: no new session, see auth.server.ts) and every session
// ended. The same run ends every live access given to someone else in that household (a carer's, a legal
// representative's: audited "carer.revoked" as the other ends of a grant) and their sessions in it. A person of
// that household who is still a carer or legal representative for another household keeps their login (their
// own ended space no longer opens, viewer.server.ts); the job closes it on the run after that access ends. The
// data stays under its own retention; the member asks the mutuelle for a document.
import { and, eq, gte, inArray, isNotNull, isNull, lt, notExists } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { addYears } from "../clock/calendar.ts";
import { household, person } from "../households/schema.ts";
import { carerGrant, carerSession } from "../carers/schema.ts";
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
    const endedHouseholds = tx
      .select({ id: household.id })
      .from(household)
      .where(and(isNotNull(household.coverageEnd), lt(household.coverageEnd, endedBefore)));
    // Carers and legal representatives of those households lose their access with the household's own people.
    const endedGrants = await tx
      .update(carerGrant)
      .set({ revokedAt: clock.now() })
      .where(
        and(
          inArray(carerGrant.householdId, endedHouseholds),
          isNull(carerGrant.revokedAt),
          gte(carerGrant.endsOn, today),
        ),
      )
      .returning({ id: carerGrant.id, householdId: carerGrant.householdId, kind: carerGrant.kind });
    if (endedGrants.length > 0) {
      await tx.delete(session).where(
        inArray(
          session.id,
          tx
            .select({ id: carerSession.sessionId })
            .from(carerSession)
            .where(
              inArray(
                carerSession.grantId,
                endedGrants.map((g) => g.id),
              ),
            ),
        ),
      );
      for (const g of endedGrants)
        await recordAudit(tx, {
          action: "carer.revoked",
          outcome: "success",
          actorUserId: null,
          householdId: g.householdId,
          ipAddress: null,
          details: {
            grantId: g.id,
            ...(g.kind === "legal_representative" ? { legalRepresentative: true } : {}),
            reason: "former_member_closed",
          },
        });
    }
    // Still a carer or legal representative elsewhere: the login stays (closed on the run after that ends).
    const liveCarer = tx
      .select({ id: carerGrant.id })
      .from(carerGrant)
      .where(and(eq(carerGrant.carerUserId, user.id), isNull(carerGrant.revokedAt), gte(carerGrant.endsOn, today)));
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
          notExists(liveCarer),
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
