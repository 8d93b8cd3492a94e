import pg from "pg";
import type { Db } from "./client.server.ts";

/** The node-postgres pool behind a Drizzle handle on PostgreSQL (for COPY); undefined on PGlite. */
export function postgresPool(db: Db): pg.Pool | undefined {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
}
