// Files kept in quarantine because clamd could not be reached when they arrived (claims and quotes, the
// messagerie, the adhesion's attestation) are scanned again once it answers: clean ones are released, infected
// ones deleted (row first, then file: a row never points to a missing file). Run hourly by the job queue;
// harmless to run twice or on several servers at once.
import { asc, eq } from "drizzle-orm";
import type { VirusScanner } from "../claims/virus-scan.server.ts";
import type { Db } from "../db/client.server.ts";
import type { ObjectStorage } from "./storage.server.ts";
import { storedFileKinds } from "./stored-files.server.ts";

const batchSize = 500;
/** Unanswered scans in a row after which clamd is taken for down and the job stops until its next run. */
const unansweredBeforeStopping = 3;

export async function rescanQuarantinedFiles(
  db: Db,
  { storage, scanner }: { storage: ObjectStorage; scanner: VirusScanner | null },
): Promise<{ released: number; deleted: number }> {
  const result = { released: 0, deleted: 0 };
  if (!scanner) return result;
  // One file clamd cannot judge (too large for it, unreadable) is skipped, not allowed to hold back the others:
  // only several unanswered scans in a row stop the job.
  let unansweredInARow = 0;
  for (const kind of storedFileKinds) {
    const { table } = kind;
    const files = await db
      .select({ id: table.id, storedName: table.storedName })
      .from(table)
      .where(eq(table.quarantined, true))
      .orderBy(asc(table.createdAt))
      .limit(batchSize);
    for (const file of files) {
      const stored = await storage.get(kind.key(file.storedName));
      if (!stored) continue; // its file is gone (a restored database): nothing to scan, nothing to serve
      const scan = await scanner.scan(stored.body);
      if (scan.status === "unavailable") {
        if (++unansweredInARow >= unansweredBeforeStopping) return result; // clamd is down: next time
        continue;
      }
      unansweredInARow = 0;
      if (scan.status === "clean") {
        await db.update(table).set({ quarantined: false }).where(eq(table.id, file.id));
        result.released += 1;
      } else if (scan.status === "infected") {
        await db.delete(table).where(eq(table.id, file.id));
        await storage.delete(kind.key(file.storedName));
        result.deleted += 1;
      }
    }
  }
  return result;
}
