// Statements a page view runs on every request, built once per database handle instead of once per call:
// Drizzle's query building cost more CPU than PostgreSQL took to answer them (docs/benchmarks.md), and a named
// statement is parsed and planned once per connection.
import type { Db } from "./client.server.ts";

const built = new WeakMap<Db, Map<string, unknown>>();

/** The statement `name` for this handle, built by `build` on first use. Names must be unique in the app. */
export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
  let statements = built.get(db);
  if (!statements) built.set(db, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) statements.set(name, (statement = build(db)));
  return statement;
}
