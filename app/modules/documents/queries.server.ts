import { and, asc, eq, inArray } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { memberDocument } from "./schema.ts";

export interface DocumentSummary {
  id: string;
  kind: string;
  year: number | null;
  title: string;
}

/** What the dashboard offers to download: the tiers payant cards and the guarantee table. */
export async function listDashboardDocuments(db: Db, viewer: MemberViewer): Promise<DocumentSummary[]> {
  return db
    .select({ id: memberDocument.id, kind: memberDocument.kind, year: memberDocument.year, title: memberDocument.title })
    .from(memberDocument)
    .where(
      and(
        eq(memberDocument.householdId, viewer.householdId),
        inArray(memberDocument.kind, ["tiers_payant_card", "guarantee_table"]),
      ),
    )
    .orderBy(asc(memberDocument.kind), asc(memberDocument.year));
}
