// The import as the core system runs it (over the API or the command line): the same import, recorded in the
// audit log with counts and line numbers only, whether it ran to the end or broke off.
import { recordAudit } from "../../audit/audit.server.ts";
import type { Clock } from "../../clock/index.ts";
import type { AppEnv } from "../../config/env.server.ts";
import type { Db } from "../../db/client.server.ts";
import type { GuaranteeCatalog } from "../../guarantees/index.ts";
import { checkPendingLines, type PricingCheckSummary } from "./check-pricing.server.ts";
import { type ImportOptions, type ImportSummary, importReimbursementLines } from "./import-lines.server.ts";
import type { NumberedRecord } from "./read-records.ts";
import { importStartedAt, queuePaymentAnnouncement } from "../payment-notices.server.ts";

export interface CoreSystemImportSummary extends ImportSummary {
  /**
   * The guarantee engine's check of the new and corrected lines (ADR 0020); null when it could not run (the
   * lines stay pending: the scheduled check takes them up).
   */
  pricingCheck: PricingCheckSummary | null;
}

/** The import's pace as configured (IMPORT_WRITE_CONCURRENCY, IMPORT_MAX_LINES_PER_SECOND). */
export function importPace(env: Pick<AppEnv, "IMPORT_WRITE_CONCURRENCY" | "IMPORT_MAX_LINES_PER_SECOND">) {
  return { concurrency: env.IMPORT_WRITE_CONCURRENCY, maxLinesPerSecond: env.IMPORT_MAX_LINES_PER_SECOND };
}

/**
 * An import from the core system (over the API, or the command line), recorded in the audit log with counts
 * and line numbers only, whether it ran to the end or broke off (the batches already written stay). Once the
 * lines are in, the guarantee engine checks each new or corrected one (check-pricing.server.ts).
 */
export async function importFromCoreSystem(
  db: Db,
  clock: Clock,
  records: AsyncIterable<NumberedRecord>,
  {
    source,
    ip = null,
    guarantees,
    pace = {},
  }: {
    source: "api" | "cli";
    ip?: string | null;
    guarantees: GuaranteeCatalog;
    /** IMPORT_WRITE_CONCURRENCY and IMPORT_MAX_LINES_PER_SECOND. */
    pace?: Pick<ImportOptions, "concurrency" | "maxLinesPerSecond">;
  },
): Promise<CoreSystemImportSummary> {
  let summary: ImportSummary;
  // The payments this import adds are announced to the members by a job (payment-notices.server.ts), also
  // after an import that broke off: its whole batches are written.
  const since = await importStartedAt(db);
  try {
    summary = await importReimbursementLines(db, records, { clock, ...pace });
  } catch (error) {
    await queuePaymentAnnouncement(db, since).catch(() => {});
    await recordAudit(db, {
      action: "import.decomptes",
      outcome: "failure",
      ipAddress: ip,
      details: { source, reason: failureReason(error) },
    }).catch(() => {});
    throw error;
  }
  // The amounts are in whatever the check finds: a failure here leaves the lines pending for the scheduled run.
  const pricingCheck = await checkPendingLines(db, guarantees).catch(() => null);
  if (summary.inserted > 0) await queuePaymentAnnouncement(db, since);
  await recordAudit(db, {
    action: "import.decomptes",
    // Every line refused: nothing was imported.
    outcome: summary.rejected > 0 && summary.accepted === 0 ? "failure" : "success",
    ipAddress: ip,
    details: {
      source,
      read: summary.read,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
      firstRejectedLine: summary.errors[0]?.line ?? null,
      pricingMatching: pricingCheck?.matching ?? null,
      pricingDifferent: pricingCheck?.different ?? null,
      pricingNotComputed: pricingCheck?.notComputed ?? null,
    },
  });
  return { ...summary, pricingCheck };
}

/** A code for the audit log (no message text: it could quote the file). */
function failureReason(error: unknown): string {
  if (error instanceof Error && error.name !== "Error") return error.name;
  return (error as { code?: unknown })?.code ? String((error as { code: unknown }).code) : "interrupted";
}
