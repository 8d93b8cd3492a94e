// Loads a directory file into health_professional: idempotent on (identifier_kind, identifier), a changed line
// updates its professional, and a full import withdraws the professionals it no longer lists (docs/directory.md).
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import type { NumberedRecord } from "../reimbursements/import/read-records.ts";
import { parseProfessionalRecord, type ProfessionalRecord, readableKey } from "./record.ts";
import { healthProfessional } from "./schema.ts";

export interface DirectoryImportSummary {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  rejected: number;
  errors: { line: number; reason: string }[];
  /** Why a full import withdrew nobody although it could have (a line without identifier was refused). */
  withdrawalSkipped: string | null;
}

type Values = typeof healthProfessional.$inferInsert;

function valuesOf(r: ProfessionalRecord): Values {
  return {
    identifierKind: r.identifier_kind,
    identifier: r.identifier,
    name: r.name,
    address: r.address,
    postcode: r.postcode,
    city: r.city,
    phone: r.phone,
    latitude: r.latitude,
    longitude: r.longitude,
    specialties: r.specialties,
    partner: r.partner,
    offer100Sante: r.offer_100_sante,
    tiersPayant: r.tiers_payant,
    accessible: r.accessible,
  };
}

const compared = [
  "name",
  "address",
  "postcode",
  "city",
  "phone",
  "latitude",
  "longitude",
  "partner",
  "offer100Sante",
  "tiersPayant",
  "accessible",
] as const;

function sameContent(a: Values, b: Values): boolean {
  return (
    compared.every((k) => (a[k] ?? null) === (b[k] ?? null)) && a.specialties.join("|") === b.specialties.join("|")
  );
}

export async function importProfessionals(
  db: Db,
  clock: Clock,
  records: AsyncIterable<NumberedRecord> | Iterable<NumberedRecord>,
  { full, source }: { full: boolean; source: "cli" | "demo" },
): Promise<DirectoryImportSummary> {
  const summary: DirectoryImportSummary = {
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    rejected: 0,
    errors: [],
    withdrawalSkipped: null,
  };
  const accepted = new Map<string, Values>();
  const spared = new Set<string>();
  let unidentified = 0;
  for await (const record of records) {
    summary.read++;
    if (record.error) {
      summary.rejected++;
      summary.errors.push({ line: record.line, reason: record.error });
      unidentified++;
      continue;
    }
    const parsed = parseProfessionalRecord(record.raw);
    if (!parsed.ok) {
      summary.rejected++;
      summary.errors.push({ line: record.line, reason: parsed.reason });
      const key = readableKey(record.raw);
      if (key) spared.add(key);
      else unidentified++;
      continue;
    }
    const values = valuesOf(parsed.value);
    // Within one file, the last line of an identifier wins.
    accepted.set(`${values.identifierKind}:${values.identifier}`, values);
  }

  await inTransaction(db, async (tx) => {
    const existing = new Map<string, Values & { id: string; withdrawnAt: Date | null }>();
    for (const row of await tx.select().from(healthProfessional))
      existing.set(`${row.identifierKind}:${row.identifier}`, row);
    const inserts: Values[] = [];
    for (const [key, values] of accepted) {
      const old = existing.get(key);
      if (!old) inserts.push(values);
      else if (old.withdrawnAt || !sameContent(old, values)) {
        await tx
          .update(healthProfessional)
          .set({ ...values, withdrawnAt: null, updatedAt: sql`now()` })
          .where(eq(healthProfessional.id, old.id));
        summary.updated++;
      } else summary.unchanged++;
    }
    for (let i = 0; i < inserts.length; i += 500) {
      await tx.insert(healthProfessional).values(inserts.slice(i, i + 500));
    }
    summary.inserted = inserts.length;

    if (!full) return;
    if (unidentified > 0) {
      summary.withdrawalSkipped = `${unidentified} ligne${unidentified > 1 ? "s" : ""} refusée${unidentified > 1 ? "s" : ""} sans identifiant lisible : aucun retrait, corrigez le fichier et relancez l'import`;
      return;
    }
    if (accepted.size === 0) {
      summary.withdrawalSkipped = "aucune ligne acceptée : aucun retrait";
      return;
    }
    const gone = [...existing.entries()]
      .filter(([key, row]) => !row.withdrawnAt && !accepted.has(key) && !spared.has(key))
      .map(([, row]) => row.id);
    for (let i = 0; i < gone.length; i += 500) {
      await tx
        .update(healthProfessional)
        .set({ withdrawnAt: clock.now(), updatedAt: sql`now()` })
        .where(and(inArray(healthProfessional.id, gone.slice(i, i + 500)), isNull(healthProfessional.withdrawnAt)));
    }
    summary.withdrawn = gone.length;
  });

  if (source !== "demo") {
    await recordAudit(db, {
      action: "import.professionnels",
      outcome: summary.rejected > 0 && accepted.size === 0 ? "failure" : "success",
      details: {
        source,
        full,
        read: summary.read,
        inserted: summary.inserted,
        updated: summary.updated,
        unchanged: summary.unchanged,
        withdrawn: summary.withdrawn,
        rejected: summary.rejected,
        firstRejectedLine: summary.errors[0]?.line ?? null,
      },
    });
  }
  return summary;
}
