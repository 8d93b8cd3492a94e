// Bulk import of reimbursement lines from the core system. Idempotent on line_id: a line seen before with
// the same content changes nothing; a corrected line replaces the old one, whose previous version is kept
// in reimbursement_line_revision. Each batch is one transaction: an interrupted import leaves whole batches
// only, and running the file again completes it.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import { importPacer } from "./pace.ts";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { v7 as timeOrderedId } from "uuid";
import type { Db } from "../../db/client.server.ts";
import type { NumberedRecord } from "./read-records.ts";
import { type ImportRecord, validateRecord } from "./record-schema.ts";
import type { Clock } from "../../clock/index.ts";
import { addDays } from "../../clock/calendar.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { inTransaction } from "../../db/transaction.server.ts";
import { postgresPool } from "../../db/pool.server.ts";
import { copyValue } from "./copy-text.ts";
import { type PersonRef, type ResolvedRow, resolvePeople, toRow } from "./resolve-rows.server.ts";

export interface ImportSummary {
  read: number;
  /** Lines taken: inserted + updated + unchanged. */
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first rejections, with the file's line number and the reason. */
  errors: { line: number; reason: string }[];
  /** Rejections beyond the listed ones (the list stops at maxReportedErrors). */
  errorsNotListed: number;
}

export interface ImportOptions {
  /** What "the future" is for care dates: the application's clock. */
  clock: Clock;
  batchSize?: number;
  maxReportedErrors?: number;
  /**
   * Batches written at once, each on its own connection: 3 on PostgreSQL (ADR 0005) unless
   * IMPORT_WRITE_CONCURRENCY says otherwise, always 1 on PGlite (one connection).
   */
  concurrency?: number;
  /** IMPORT_MAX_LINES_PER_SECOND: the import waits between batches to stay under it (pace.ts). */
  maxLinesPerSecond?: number;
}

export async function importReimbursementLines(
  db: Db,
  records: AsyncIterable<NumberedRecord>,
  { clock, batchSize = 5000, maxReportedErrors = 1000, concurrency = 3, maxLinesPerSecond }: ImportOptions,
): Promise<ImportSummary> {
  const writers = postgresPool(db) ? concurrency : 1;
  const pace = importPacer(maxLinesPerSecond);
  const summary: ImportSummary = {
    read: 0,
    accepted: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
    errorsNotListed: 0,
  };
  const reject = (line: number, reason: string) => {
    summary.rejected += 1;
    if (summary.errors.length < maxReportedErrors) summary.errors.push({ line, reason });
  };
  const latestCareDate = addDays(clock.today(), 1);
  const people = new Map<string, PersonRef | null>();
  let batch: { line: number; record: ImportRecord }[] = [];

  // Batches are written while the next ones are read and checked, up to `writers` at once, each in its
  // own transaction on its own connection: the parser and the database's backends work on different cores. A
  // batch holding a line of a batch still being written waits for it, so a line corrected later in the file
  // is always written last. A failure stops the import after whole batches only.
  const inFlight: { lineIds: Set<string>; written: Promise<void> }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    await resolvePeople(
      db,
      people,
      current.map((b) => b.record.beneficiary_ref),
    );
    const rows: ResolvedRow[] = [];
    for (const { line, record } of current) {
      const ref = people.get(record.beneficiary_ref);
      if (!ref) reject(line, `bénéficiaire inconnu : ${record.beneficiary_ref}`);
      else if (ref.memberNumber !== record.member_number)
        reject(line, `le bénéficiaire ${record.beneficiary_ref} n'appartient pas au contrat ${record.member_number}`);
      else rows.push(toRow(record, ref));
    }
    // A line corrected later in the same batch: the last version wins, as it would across batches.
    const latest = [...new Map(rows.map((r) => [r.sourceLineId, r])).values()];
    const lineIds = new Set(latest.map((r) => r.sourceLineId));
    while (inFlight.length >= writers || inFlight.some((b) => latest.some((r) => b.lineIds.has(r.sourceLineId)))) {
      await inFlight.shift()!.written;
    }
    const written = upsertBatch(db, latest).then((counts) => {
      summary.inserted += counts.inserted;
      summary.updated += counts.updated;
      summary.unchanged += rows.length - counts.inserted - counts.updated;
    });
    // Keep an unhandled rejection from escaping before an await picks it up.
    written.catch(() => {});
    inFlight.push({ lineIds, written });
    // Give other requests a turn between batches, whatever the input stream does, and keep to the pace.
    await nextTurn();
    await pace(summary.read);
  };
  const settleAll = async () => {
    const results = await Promise.allSettled(inFlight.splice(0).map((b) => b.written));
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  };

  try {
    for await (const item of records) {
      summary.read += 1;
      if (item.error) {
        reject(item.line, item.error);
        continue;
      }
      const checked = validateRecord(item.raw, latestCareDate);
      if (!checked.ok) reject(item.line, checked.reason);
      else batch.push({ line: item.line, record: checked.record });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (error) {
    // The input broke off, or a batch failed: let the batches already sent finish (or fail) before reporting.
    await settleAll().catch(() => {});
    throw error;
  }
  await settleAll();
  summary.errors.sort((a, b) => a.line - b.line);
  summary.accepted = summary.inserted + summary.updated + summary.unchanged;
  summary.errorsNotListed = summary.rejected - summary.errors.length;
  return summary;
}

// Column name and SQL type, in the order of ResolvedRow's fields: the one list the upsert is written from.
const columns = [
  ["source_line_id", "text"],
  ["household_id", "uuid"],
  ["beneficiary_id", "uuid"],
  ["care_type", "text"],
  ["guarantee_category", "text"],
  ["quantity", "int4"],
  ["care_date", "date"],
  ["professional_name", "text"],
  ["charged_cents", "int4"],
  ["base_cents", "int4"],
  ["amo_rate_bp", "int4"],
  ["amo_deductible_cents", "int4"],
  ["amo_cents", "int4"],
  ["amc_cents", "int4"],
  ["remaining_cents", "int4"],
  ["guarantee_label", "text"],
  ["optam", "bool"],
  ["out_of_pathway", "bool"],
  ["out_of_pathway_overrun_cents", "int4"],
  ["pathway_amo_rate_bp", "int4"],
  ["price_limit_cents", "int4"],
  ["ear", "text"],
  ["paid_to", "text"],
  ["paid_to_person_id", "uuid"],
  ["bank_account_id", "uuid"],
  ["payment_date", "date"],
] as const;

const names = columns.map(([c]) => c);
const dataColumns = names.filter((c) => c !== "source_line_id");
const list = (prefix: string, cols: readonly string[]) => cols.map((c) => `${prefix}${c}`).join(", ");

// A new or changed line waits for the guarantee engine's check, which runs once the import's batches are in
// (explain-imported.server.ts, ADR 0020); an unchanged line keeps its check.
const awaitCheck = "pricing_check = 'pending', pricing_explanation = null, pricing_review = null";

// One statement per batch. The batch travels as one JSON array of rows (JSON.stringify and PostgreSQL's
// JSON parser are both far faster than binding thousands of parameters). Old versions of changed lines are
// copied to the revision table, changed lines updated, new lines inserted; identical lines are left alone.
// Every join below goes from the batch to the table through the unique index on source_line_id.
const incomingCte = `incoming as (
  select * from json_to_recordset($1::json) as t(${columns.map(([c, type]) => `${c} ${type}`).join(", ")})
),
changed as (
  select l.* from incoming i join reimbursement_line l on l.source_line_id = i.source_line_id
  where (${list("l.", dataColumns)}) is distinct from (${list("i.", dataColumns)})
),
history as (
  insert into reimbursement_line_revision (line_id, version, snapshot)
  select id, version, to_jsonb(changed) - 'id' - 'version' from changed
)`;

// Fast path: a plain INSERT for lines not seen before (ON CONFLICT costs about a third more per row).
// Every CTE sees the table as it was before the statement, so "not exists" means "new in this batch".
const fastUpsertSql = `with ${incomingCte},
updated as (
  update reimbursement_line l set ${dataColumns.map((c) => `${c} = i.${c}`).join(", ")},
    version = l.version + 1, updated_at = now(), ${awaitCheck}
  from incoming i
  where l.source_line_id = i.source_line_id
    and (${list("l.", dataColumns)}) is distinct from (${list("i.", dataColumns)})
  returning 1
),
inserted as (
  insert into reimbursement_line (${names.join(", ")}, pricing_check)
  select ${names.join(", ")}, 'pending' from incoming i
  where not exists (select 1 from reimbursement_line l where l.source_line_id = i.source_line_id)
  returning 1
)
select (select count(*) from inserted)::int as inserted, (select count(*) from updated)::int as updated`;

// Safe path, when another import inserted one of these lines meanwhile (unique violation on the fast path).
const safeUpsertSql = `with ${incomingCte},
upserted as (
  insert into reimbursement_line (${names.join(", ")}, pricing_check)
  select ${names.join(", ")}, 'pending' from incoming
  on conflict (source_line_id) do update set
    ${dataColumns.map((c) => `${c} = excluded.${c}`).join(", ")},
    version = reimbursement_line.version + 1,
    updated_at = now(), ${awaitCheck}
  where (${list("reimbursement_line.", dataColumns)}) is distinct from (${list("excluded.", dataColumns)})
  returning (xmax = 0) as inserted
)
select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from upserted`;

async function upsertBatch(db: Db, rows: ResolvedRow[]): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const pool = postgresPool(db);
  const run = (statement: string) =>
    inTransaction(db, async (tx) => {
      // A batch probes at most batchSize lines by their unique key: an index lookup is always the right plan,
      // whatever the row estimate of the JSON says (a hash join would scan the whole table every batch).
      await tx.execute(sql`set local enable_hashjoin = off`);
      await tx.execute(sql`set local enable_mergejoin = off`);
      const [head, tail] = statement.split("$1") as [string, string];
      const result = await tx.execute(sql`${sql.raw(head)}${jsonPayload(rows)}${sql.raw(tail)}`);
      // Counts are bigints, which the drivers give as strings: read as numbers here.
      const row = (result as { rows: { inserted: number | string; updated: number | string }[] }).rows[0];
      return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
    });
  try {
    return await (pool ? copyNewLines(pool, rows) : run(fastUpsertSql));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return run(safeUpsertSql);
  }
}

const jsonPayload = (rows: ResolvedRow[]) =>
  JSON.stringify(rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[fieldOrder[i]!]]))));

/**
 * PostgreSQL only: the batch's lines already in the table go through the JSON statement (history, update,
 * or nothing when unchanged); the new ones, usually all of them, are written with COPY, about twice as fast
 * as an INSERT … SELECT here (docs/benchmarks.md), with the same indexes and foreign keys checking each row.
 * One transaction per batch. A line inserted by another import between the probe and the COPY makes the COPY
 * fail on the unique key: the batch is rolled back and goes through the ON CONFLICT statement instead.
 */
async function copyNewLines(pool: pg.Pool, rows: ResolvedRow[]): Promise<{ inserted: number; updated: number }> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("set local enable_hashjoin = off; set local enable_mergejoin = off");
    const { rows: seen } = await client.query<{ source_line_id: string }>(
      "select source_line_id from reimbursement_line where source_line_id = any($1::text[])",
      [rows.map((r) => r.sourceLineId)],
    );
    const existing = new Set(seen.map((r) => r.source_line_id));
    const known = rows.filter((r) => existing.has(r.sourceLineId));
    const fresh = rows.filter((r) => !existing.has(r.sourceLineId));
    let updated = 0;
    if (known.length > 0) {
      const { rows: counts } = await client.query<{ inserted: string; updated: string }>(fastUpsertSql, [
        jsonPayload(known),
      ]);
      updated = Number(counts[0]?.updated ?? 0);
    }
    if (fresh.length > 0) {
      // New lines get time-ordered ids (UUID version 7): each COPY appends to the end of the primary key's
      // index instead of writing into random pages of it, about 8 % faster on a million lines (ADR 0005).
      // Their random bits come from one draw per batch: drawn per id, they cost a tenth of the import's CPU.
      const random = randomBytes(16 * fresh.length);
      const text = fresh
        .map((row, i) => `${timeOrderedId({ random: random.subarray(16 * i, 16 * i + 16) })}\t${copyLine(row)}`)
        .join("");
      await pipeline(
        Readable.from([text]),
        client.query(copyFrom(`copy reimbursement_line (id, ${names.join(", ")}, pricing_check) from stdin`)),
      );
    }
    await client.query("commit");
    return { inserted: fresh.length, updated };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** One line in COPY's text format: tab-separated, \N for null, backslash escapes for the control characters. */
function copyLine(row: ResolvedRow): string {
  // A plain loop rather than map and join: it runs once per imported line.
  let line = copyValue(row[fieldOrder[0]!]);
  for (let i = 1; i < fieldOrder.length; i++) line += `\t${copyValue(row[fieldOrder[i]!])}`;
  return `${line}\tpending\n`;
}

const fieldOrder: (keyof ResolvedRow)[] = [
  "sourceLineId",
  "householdId",
  "beneficiaryId",
  "careType",
  "guaranteeCategory",
  "quantity",
  "careDate",
  "professionalName",
  "chargedCents",
  "baseCents",
  "amoRateBp",
  "amoDeductibleCents",
  "amoCents",
  "amcCents",
  "remainingCents",
  "guaranteeLabel",
  "optam",
  "outOfPathway",
  "outOfPathwayOverrunCents",
  "pathwayAmoRateBp",
  "priceLimitCents",
  "ear",
  "paidTo",
  "paidToPersonId",
  "bankAccountId",
  "paymentDate",
];
