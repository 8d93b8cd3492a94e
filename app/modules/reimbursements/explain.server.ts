// The engine's stored explanation of one line, read for the viewer's household only.
import { and, eq } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { person } from "../households/schema.ts";
import { reimbursementLine } from "./schema.ts";

/** The stored explanation of a line of the viewer's household (null when it has none or is not theirs). */
export async function getPricingExplanation(db: Db, viewer: MemberViewer, lineId: string): Promise<unknown> {
  const [row] = await db
    .select({ pricingExplanation: reimbursementLine.pricingExplanation, hidden: person.careConfidential })
    .from(reimbursementLine)
    .innerJoin(person, eq(person.id, reimbursementLine.beneficiaryId))
    .where(
      and(
        eq(reimbursementLine.householdId, viewer.householdId),
        eq(reimbursementLine.id, lineId),
        viewer.onlyPersonId ? eq(reimbursementLine.beneficiaryId, viewer.onlyPersonId) : undefined,
      ),
    );
  // A confidential person's line, read from the household: no explanation (it names the care).
  if (row?.hidden && !viewer.onlyPersonId) return null;
  return row?.pricingExplanation ?? null;
}
