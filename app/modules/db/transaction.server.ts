import type { Db } from "./client.server.ts";

type TransactionConfig = Parameters<Db["transaction"]>[1];

/**
 * The one way to run work in a transaction, on PGlite and on PostgreSQL alike. The callback receives the
 * transaction typed as `Db`, so the module functions that take a `Db` run inside it unchanged; a throw rolls
 * everything back.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>, config?: TransactionConfig): Promise<T> {
  // drizzle types a transaction as PgTransaction, a PgDatabase whose relational-query generics differ from the
  // database's; every query our modules write is valid on both, so the cast is made here, once.
  return db.transaction((tx) => work(tx as unknown as Db), config);
}
