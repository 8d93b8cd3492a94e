// Files kept in quarantine because clamd could not be reached when they arrived (claims and quotes, the
// messagerie, the adhesion's attestation) are scanned again once it answers: clean ones are released, infected
// ones deleted (row first with its audit row, then file: a row never points to a missing file; the audit row
// tells the advisor who handles the claim, message or adhesion why its document went). Run hourly by the job
// queue; harmless to run twice or on several servers at once.
import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import { auditLog } from "../audit/schema.ts";
import type { VirusScanner } from "../claims/virus-scan.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import type { ObjectStorage } from "./storage.server.ts";
import { storedFileKinds } from "./stored-files.server.ts";

const batchSize = 500;
/** Unanswered scans in a row after which clamd is taken for down and the job stops until its next run. */
const unansweredBeforeStopping = 3;

/** clamd's name for what it found, kept in the audit row only when it looks like one (a code, never free text). */
function signatureCode(signature: string): string {
  return /^[A-Za-z0-9._:-]{1,100}$/.test(signature) ? signature : "unknown";
}

export async function rescanQuarantinedFiles(
  db: Db,
  { storage, scanner, clock }: { storage: ObjectStorage; scanner: VirusScanner | null; clock: Pick<Clock, "now"> },
): Promise<{ released: number; deleted: number }> {
  const result = { released: 0, deleted: 0 };
  if (!scanner) return result;
  // One file clamd cannot judge (too large for it, unreadable) is skipped, not allowed to hold back the others:
  // only several unanswered scans in a row stop the job.
  let unansweredInARow = 0;
  for (const kind of storedFileKinds) {
    const { table } = kind;
    const files = await db
      .select({ id: table.id, storedName: table.storedName, owner: kind.owner })
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
        const gone = await inTransaction(db, async (tx) => {
          const [row] = await tx.delete(table).where(eq(table.id, file.id)).returning({ id: table.id });
          if (!row) return false; // another server's rescan took it first
          await recordAudit(tx, {
            at: clock.now(), // the adhesion's page gives its date
            action: "storage.infected_file_deleted",
            outcome: "success",
            householdId: kind.ownerIs === "household" ? file.owner : null,
            details: {
              area: kind.area,
              fileId: file.id,
              ...(kind.ownerIs === "journey" ? { journeyId: file.owner } : {}),
              signature: signatureCode(scan.signature),
            },
          });
          return true;
        });
        if (!gone) continue;
        await storage.delete(kind.key(file.storedName));
        result.deleted += 1;
      }
    }
  }
  return result;
}

/** Files of an adhesion journey the rescan deleted as infected (from their audit rows): how many, the last when. */
export async function infectedFilesDeletedFromJourney(
  db: Db,
  journeyId: string,
): Promise<{ count: number; lastAt: Date | null }> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, lastAt: sql<Date | null>`max(${auditLog.at})` })
    .from(auditLog)
    .where(
      and(
        sql`${auditLog.details}->>'journeyId' = ${journeyId}`, // audit_log_journey_idx
        eq(auditLog.action, "storage.infected_file_deleted"),
      ),
    );
  const lastAt = row?.lastAt ? new Date(row.lastAt) : null;
  return { count: row?.count ?? 0, lastAt };
}
