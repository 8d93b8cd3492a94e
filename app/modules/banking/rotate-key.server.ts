// Key rotation: put the new key first in IBAN_ENCRYPTION_KEYS (keep the old ones after it), restart the
// servers, then run this. It re-encrypts every IBAN not yet under the current key, in batches, each row
// read and rewritten in one statement guarded by its old value (a concurrent writer wins, the row is retried
// on the next run). Once it reports 0 left, the old keys can leave the configuration.
import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { bankAccount } from "../households/schema.ts";
import { decryptIban, encryptIban, type KeyRing } from "./iban-crypto.server.ts";

export async function reencryptIbans(
  db: Db,
  ring: KeyRing,
  batchSize = 500,
): Promise<{ reencrypted: number; left: number }> {
  // The key id is the second dot-separated field; compared exactly (a LIKE pattern would read "_" as a wildcard).
  const underOldKey = and(
    isNotNull(bankAccount.ibanEncrypted),
    ne(sql`split_part(${bankAccount.ibanEncrypted}, '.', 2)`, ring.currentId),
  );
  let reencrypted = 0;
  for (;;) {
    const rows = await db
      .select({ id: bankAccount.id, householdId: bankAccount.householdId, ibanEncrypted: bankAccount.ibanEncrypted })
      .from(bankAccount)
      .where(underOldKey)
      .limit(batchSize);
    let changed = 0;
    for (const row of rows) {
      const iban = decryptIban(ring, row.ibanEncrypted!, row.householdId);
      const updated = await db
        .update(bankAccount)
        .set({ ibanEncrypted: encryptIban(ring, iban, row.householdId) })
        .where(and(eq(bankAccount.id, row.id), eq(bankAccount.ibanEncrypted, row.ibanEncrypted!)))
        .returning({ id: bankAccount.id });
      changed += updated.length;
    }
    reencrypted += changed;
    if (rows.length < batchSize || changed === 0) break;
  }
  const left = await db.select({ id: bankAccount.id }).from(bankAccount).where(underOldKey);
  return { reencrypted, left: left.length };
}
