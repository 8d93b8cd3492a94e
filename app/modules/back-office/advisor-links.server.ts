// Four eyes means two independent people. An administrateur who could create an account for an address they
// control (or promote one) would be both pairs of eyes, so two advisors are "linked" when either brought the
// other's account in or raised its role, as proposer or as approver, at any time: a linked advisor is never
// the second pair of eyes on the other's proposals (advisor accounts, RIBs entered from the back-office).
import { and, eq, or } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { advisorProposal } from "./schema.ts";

export async function areLinked(db: Db, a: string, b: string): Promise<boolean> {
  const appointed = (account: string, by: string) =>
    and(
      eq(advisorProposal.advisorId, account),
      or(eq(advisorProposal.proposedBy, by), eq(advisorProposal.decidedBy, by)),
    );
  const [found] = await db
    .select({ id: advisorProposal.id })
    .from(advisorProposal)
    .where(and(eq(advisorProposal.status, "approved"), or(appointed(a, b), appointed(b, a))))
    .limit(1);
  return found !== undefined;
}
