// Key rotation for what the offer writes with the banking key ring (banking/rotate-key.server.ts does the bank
// accounts; `npm run banking:rotate-key` runs all three): the NIRs and IBANs kept in the adhesion journeys'
// data (bound to the journey id) and the NIRs carried onto `person` by an accepted adhesion (bound to the
// person id). Each row is rewritten in one statement guarded by its old value (a concurrent writer wins, the
// row is retried on the next run); safe to run again and while servers run.
import { and, asc, eq, gt, isNotNull, ne, sql } from "drizzle-orm";
import { decryptIban, encryptIban, keyIdOf, type KeyRing } from "../banking/iban-crypto.server.ts";
import type { Db } from "../db/client.server.ts";
import { person } from "../households/schema.ts";
import type { Stored } from "./journey.server.ts";
import { affiliationJourney } from "./schema.ts";

type Result = { reencrypted: number; left: number };

/** The value under the current key (the same string when it already is). */
function underCurrent(ring: KeyRing, value: string, boundTo: string): string {
  return keyIdOf(value) === ring.currentId ? value : encryptIban(ring, decryptIban(ring, value, boundTo), boundTo);
}

/** A journey's data with every encrypted field under the current key. */
function rotatedData(ring: KeyRing, data: Stored, journeyId: string): Stored {
  const again = (value: string) => underCurrent(ring, value, journeyId);
  return {
    ...data,
    ...(data.identity ? { identity: { ...data.identity, nirEncrypted: again(data.identity.nirEncrypted) } } : {}),
    ...(data.beneficiaries
      ? {
          beneficiaries: data.beneficiaries.map((b) => ({
            ...b,
            nirEncrypted: b.nirEncrypted ? again(b.nirEncrypted) : null,
          })),
        }
      : {}),
    ...(data.bank
      ? {
          bank: {
            ...data.bank,
            debitIbanEncrypted: again(data.bank.debitIbanEncrypted),
            refundIbanEncrypted: data.bank.refundIbanEncrypted ? again(data.bank.refundIbanEncrypted) : null,
          },
        }
      : {}),
  };
}

/** Every journey, whatever its status, in batches by id; rows already under the current key are left alone. */
export async function reencryptJourneys(db: Db, ring: KeyRing, batchSize = 200): Promise<Result> {
  let reencrypted = 0;
  let left = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db
      .select({ id: affiliationJourney.id, data: affiliationJourney.data })
      .from(affiliationJourney)
      .where(gt(affiliationJourney.id, after))
      .orderBy(asc(affiliationJourney.id))
      .limit(batchSize);
    for (const row of rows) {
      const data = row.data as Stored;
      const rotated = rotatedData(ring, data, row.id);
      if (JSON.stringify(rotated) === JSON.stringify(data)) continue;
      // Guarded by the whole old value: a step saved meanwhile keeps its (current-key) fields.
      const updated = await db
        .update(affiliationJourney)
        .set({ data: rotated })
        .where(and(eq(affiliationJourney.id, row.id), sql`${affiliationJourney.data} = ${JSON.stringify(data)}::jsonb`))
        .returning({ id: affiliationJourney.id });
      if (updated.length === 1) reencrypted++;
      else left++;
    }
    if (rows.length < batchSize) break;
    after = rows.at(-1)!.id;
  }
  return { reencrypted, left };
}

/** The NIRs on `person` not yet under the current key. */
export async function reencryptPersonNirs(db: Db, ring: KeyRing, batchSize = 500): Promise<Result> {
  // The key id is the second dot-separated field; compared exactly (a LIKE pattern would read "_" as a wildcard).
  const underOldKey = and(
    isNotNull(person.nirEncrypted),
    ne(sql`split_part(${person.nirEncrypted}, '.', 2)`, ring.currentId),
  );
  let reencrypted = 0;
  for (;;) {
    const rows = await db
      .select({ id: person.id, nirEncrypted: person.nirEncrypted })
      .from(person)
      .where(underOldKey)
      .limit(batchSize);
    let changed = 0;
    for (const row of rows) {
      const updated = await db
        .update(person)
        .set({ nirEncrypted: underCurrent(ring, row.nirEncrypted!, row.id) })
        .where(and(eq(person.id, row.id), eq(person.nirEncrypted, row.nirEncrypted!)))
        .returning({ id: person.id });
      changed += updated.length;
    }
    reencrypted += changed;
    if (rows.length < batchSize || changed === 0) break;
  }
  const left = await db.select({ id: person.id }).from(person).where(underOldKey);
  return { reencrypted, left: left.length };
}
