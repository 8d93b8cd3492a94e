// Bulk import of reimbursement lines from the core system. Idempotent on line_id: a line seen before with
// the same content changes nothing; a corrected line replaces the old one, whose previous version is kept
// in reimbursement_line_revision. Each batch is one transaction: an interrupted import leaves whole batches
// only, and running the file again completes it.
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.server.ts";
import { household, person } from "../../households/schema.ts";
import type { NumberedRecord } from "./read-records.ts";
import { type ImportRecord, validateRecord } from "./record-schema.ts";

export interface ImportSummary {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first rejections, with the file's line number and the reason. */
  errors: { line: number; reason: string }[];
}

export interface ImportOptions {
  batchSize?: number;
  maxReportedErrors?: number;
}

interface PersonRef {
  personId: string;
  householdId: string;
  memberNumber: string;
  memberPersonId: string;
  personAccountId: string | null;
  householdAccountId: string | null;
}

export async function importReimbursementLines(
  db: Db,
  records: AsyncIterable<NumberedRecord>,
  { batchSize = 5000, maxReportedErrors = 1000 }: ImportOptions = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
  const reject = (line: number, reason: string) => {
    summary.rejected += 1;
    if (summary.errors.length < maxReportedErrors) summary.errors.push({ line, reason });
  };
  const people = new Map<string, PersonRef | null>();
  let batch: { line: number; record: ImportRecord }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    await resolvePeople(db, people, batch.map((b) => b.record.beneficiary_ref));
    const rows: ResolvedRow[] = [];
    for (const { line, record } of batch) {
      const ref = people.get(record.beneficiary_ref);
      if (!ref) reject(line, `bénéficiaire inconnu : ${record.beneficiary_ref}`);
      else if (ref.memberNumber !== record.member_number) reject(line, `le bénéficiaire ${record.beneficiary_ref} n'appartient pas au contrat ${record.member_number}`);
      else rows.push(toRow(record, ref));
    }
    // A line corrected later in the same batch: the last version wins, as it would across batches.
    const latest = new Map(rows.map((r) => [r.sourceLineId, r]));
    const counts = await upsertBatch(db, [...latest.values()]);
    summary.inserted += counts.inserted;
    summary.updated += counts.updated;
    summary.unchanged += rows.length - counts.inserted - counts.updated;
    batch = [];
  };

  for await (const item of records) {
    summary.read += 1;
    if (item.error) {
      reject(item.line, item.error);
      continue;
    }
    const checked = validateRecord(item.raw);
    if (!checked.ok) reject(item.line, checked.reason);
    else batch.push({ line: item.line, record: checked.record });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  summary.errors.sort((a, b) => a.line - b.line);
  return summary;
}

async function resolvePeople(db: Db, cache: Map<string, PersonRef | null>, refs: string[]) {
  const missing = [...new Set(refs)].filter((r) => !cache.has(r));
  if (missing.length === 0) return;
  const member = sql`(select m.id from ${person} m where m.household_id = ${person.householdId} and m.role = 'member' limit 1)`;
  const found = await db
    .select({
      ref: person.externalRef,
      personId: person.id,
      householdId: person.householdId,
      memberNumber: household.memberNumber,
      memberPersonId: sql<string>`${member}`,
      personAccountId: person.bankAccountId,
      householdAccountId: household.bankAccountId,
    })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .where(inArray(person.externalRef, missing));
  for (const ref of missing) cache.set(ref, null);
  for (const f of found) cache.set(f.ref, f);
}

interface ResolvedRow {
  sourceLineId: string;
  householdId: string;
  beneficiaryId: string;
  careType: string;
  careDate: string;
  professionalName: string | null;
  chargedCents: number;
  baseCents: number;
  amoRateBp: number | null;
  amoDeductibleCents: number;
  amoCents: number;
  amcCents: number;
  remainingCents: number;
  guaranteeLabel: string | null;
  paidTo: string;
  paidToPersonId: string | null;
  bankAccountId: string | null;
  paymentDate: string;
}

function toRow(r: ImportRecord, ref: PersonRef): ResolvedRow {
  const paidToPersonId = r.paid_to === "professional" ? null : r.paid_to === "member" ? ref.memberPersonId : ref.personId;
  // A beneficiary without an account of their own is paid on the contract's account.
  const bankAccountId =
    r.paid_to === "professional" ? null : r.paid_to === "beneficiary" ? (ref.personAccountId ?? ref.householdAccountId) : ref.householdAccountId;
  return {
    sourceLineId: r.line_id,
    householdId: ref.householdId,
    beneficiaryId: ref.personId,
    careType: r.care_type,
    careDate: r.care_date,
    professionalName: r.professional,
    chargedCents: r.charged_cents,
    baseCents: r.base_cents,
    amoRateBp: r.amo_rate_bp,
    amoDeductibleCents: r.amo_deductible_cents,
    amoCents: r.amo_cents,
    amcCents: r.amc_cents,
    remainingCents: r.charged_cents - r.amo_cents - r.amc_cents,
    guaranteeLabel: r.guarantee_label,
    paidTo: r.paid_to,
    paidToPersonId,
    bankAccountId,
    paymentDate: r.payment_date,
  };
}

// Column name, SQL type, and the row field it comes from: the one list the upsert is written from.
const columns = [
  ["source_line_id", "text", "sourceLineId"],
  ["household_id", "uuid", "householdId"],
  ["beneficiary_id", "uuid", "beneficiaryId"],
  ["care_type", "text", "careType"],
  ["care_date", "date", "careDate"],
  ["professional_name", "text", "professionalName"],
  ["charged_cents", "int4", "chargedCents"],
  ["base_cents", "int4", "baseCents"],
  ["amo_rate_bp", "int4", "amoRateBp"],
  ["amo_deductible_cents", "int4", "amoDeductibleCents"],
  ["amo_cents", "int4", "amoCents"],
  ["amc_cents", "int4", "amcCents"],
  ["remaining_cents", "int4", "remainingCents"],
  ["guarantee_label", "text", "guaranteeLabel"],
  ["paid_to", "text", "paidTo"],
  ["paid_to_person_id", "uuid", "paidToPersonId"],
  ["bank_account_id", "uuid", "bankAccountId"],
  ["payment_date", "date", "paymentDate"],
] as const satisfies readonly (readonly [string, string, keyof ResolvedRow])[];

const names = columns.map(([c]) => c);
const dataColumns = names.filter((c) => c !== "source_line_id");
const list = (prefix: string, cols: readonly string[]) => cols.map((c) => `${prefix}${c}`).join(", ");

// One statement per batch: arrays in (unnest keeps the parameter count fixed whatever the batch size),
// old versions of changed lines copied to the revision table, then insert-or-update only what differs.
const upsertSql = `
with incoming as (
  select * from unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")}) as t(${names.join(", ")})
),
changed as (
  select l.* from reimbursement_line l join incoming i using (source_line_id)
  where (${list("l.", dataColumns)}) is distinct from (${list("i.", dataColumns)})
),
history as (
  insert into reimbursement_line_revision (line_id, version, snapshot)
  select id, version, to_jsonb(changed) - 'id' - 'version' from changed
),
upserted as (
  insert into reimbursement_line (${names.join(", ")})
  select ${names.join(", ")} from incoming
  on conflict (source_line_id) do update set
    ${dataColumns.map((c) => `${c} = excluded.${c}`).join(", ")},
    version = reimbursement_line.version + 1,
    updated_at = now()
  where (${list("reimbursement_line.", dataColumns)}) is distinct from (${list("excluded.", dataColumns)})
  returning (xmax = 0) as inserted
)
select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from upserted`;

async function upsertBatch(db: Db, rows: ResolvedRow[]): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const params = columns.map(([, , field]) => rows.map((r) => r[field]));
  return db.transaction(async (tx) => {
    const result = await tx.execute(withParams(upsertSql, params));
    const row = (result as unknown as { rows: { inserted: number; updated: number }[] }).rows[0];
    return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
  });
}

/** Binds positional values ($1, $2...) in SQL text, each as one parameter (an array stays one array). */
function withParams(text: string, params: unknown[]): SQL {
  const chunks = text.split(/\$(\d+)/);
  let query = sql.raw(chunks[0]!);
  for (let i = 1; i < chunks.length; i += 2) {
    query = sql`${query}${sql.param(params[Number(chunks[i]) - 1])}${sql.raw(chunks[i + 1] ?? "")}`;
  }
  return query;
}
