// The purge of abandoned online adhesions (the hourly job affiliation.purge, jobs.server.ts).
import { and, inArray, lt, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import type { ObjectStorage } from "../storage/index.server.ts";
import { affiliationKeyPrefix } from "./journey.server.ts";
import { affiliationFile, affiliationJourney } from "./schema.ts";

/**
 * Journeys left unsigned, refused ones, and signed ones whose requested document never came (the request's
 * link lasts 14 days), untouched for `retentionDays`, are deleted with their attestation files
 * (docs/personal-data.md). Rows go in one transaction, files after the commit (a crash in between leaves
 * files without rows, which the orphan sweep removes). Signed journeys wait for their decision; accepted ones
 * are the proof of the contract's signature and stay.
 */
export async function purgeAbandonedJourneys(
  { db, storage }: { db: Db; storage: ObjectStorage },
  retentionDays: number,
): Promise<{ journeys: number; files: number }> {
  // updated_at is the database's now(): compared with the database's time.
  const cutoff = sql`now() - make_interval(days => ${retentionDays})`;
  const { journeys, files } = await inTransaction(db, async (tx) => {
    const expired = and(
      inArray(affiliationJourney.status, ["in_progress", "refused", "document_requested"]),
      lt(affiliationJourney.updatedAt, cutoff),
    );
    const ids = (
      await tx.select({ id: affiliationJourney.id }).from(affiliationJourney).where(expired).for("update")
    ).map((r) => r.id);
    if (ids.length === 0) return { journeys: 0, files: [] as string[] };
    const removedFiles = await tx
      .delete(affiliationFile)
      .where(inArray(affiliationFile.journeyId, ids))
      .returning({ storedName: affiliationFile.storedName });
    await tx.delete(affiliationJourney).where(inArray(affiliationJourney.id, ids));
    await recordAudit(tx, {
      action: "affiliation.purged",
      outcome: "success",
      details: { journeys: ids.length, files: removedFiles.length, retentionDays },
    });
    return { journeys: ids.length, files: removedFiles.map((f) => f.storedName) };
  });
  for (const name of files) await storage.delete(affiliationKeyPrefix + name);
  return { journeys, files: files.length };
}
