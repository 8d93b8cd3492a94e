// Opens the database: embedded PGlite in DATA_DIR by default, a real PostgreSQL when DATABASE_URL is set.
// Both speak the same SQL through the same Drizzle schema, so the rest of the code never knows which.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { sql } from "drizzle-orm";
import pg from "pg";
import { keepPrivate } from "../config/private-files.server.ts";
import * as schema from "./schema.ts";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** True when the embedded database was created by this call (first start). */
  created: boolean;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PostgreSQL's pool: connections open, idle, and requests waiting for one (metrics); none on PGlite. */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** Runs `fn` while holding a cluster-wide lock, so two servers starting together migrate once. */
  withStartupLock<T>(fn: () => Promise<T>): Promise<T>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolMax?: number;
  /** A PGlite instance prepared elsewhere (tests load a migrated template). */
  pglite?: PGlite;
  /** Sees every statement Drizzle sends (the benchmark uses it to EXPLAIN the app's own queries). */
  onQuery?: (query: string, params: unknown[]) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolMax ?? 10, options.onQuery);
  return openPglite(options);
}

async function openPostgres(url: string, max: number, onQuery?: DatabaseOptions["onQuery"]): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // Never let a request wait forever on a dead database: fail fast, the pool reconnects by itself.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
    query_timeout: 20_000,
    // Our named prepared statements (db/prepared.server.ts, ADR 0009) look rows up by id, token or household:
    // one plan fits every value. Left to choose, PostgreSQL kept planning the viewer's statement anew on every
    // execution (0.29 ms of planning for 0.08 ms of work, docs/benchmarks.md). Unnamed statements, everything
    // else, are planned with their values as before.
    options: "-c plan_cache_mode=force_generic_plan",
  });
  // A backend killed by the server surfaces here; the pool drops that client and opens a new one later.
  pool.on("error", () => {});
  const logger = onQuery ? { logQuery: onQuery } : undefined;
  const db = drizzlePg(pool, { schema, logger }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    created: false,
    async ping() {
      await pool.query("select 1");
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      if (!pool.ended) await pool.end();
    },
    async withStartupLock(fn) {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock(727274)");
        return await fn();
      } finally {
        await client.query("select pg_advisory_unlock(727274)").catch(() => {});
        client.release();
      }
    },
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  let client = options.pglite;
  let created = false;
  let releaseLock = () => {};
  if (!client) {
    const dir = resolve(options.dataDir ?? "./data", "pglite");
    // Scripts (import, seed, migrate) open the embedded database without the server: keep it private too.
    keepPrivate(resolve(options.dataDir ?? "./data"));
    releaseLock = lockDataDir(dir);
    created = !existsSync(join(dir, "PG_VERSION"));
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create(dir);
    // A new database is unpacked from PGlite's bundled files with mode 0666 whatever the umask (PostgreSQL's
    // own files are 0600): tighten them now that they exist.
    if (created) keepPrivate(dir);
  }
  const pglite = client;
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    created,
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (!pglite.closed) await pglite.close();
      releaseLock();
    },
    // PGlite lives inside this one process: nothing else can race it.
    withStartupLock: (fn) => fn(),
  };
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it. A pid file
 * makes a second opener (say, an import script while the server runs) stop with an explanation instead.
 */
function lockDataDir(dir: string): () => void {
  const lock = `${dir}.lock`;
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `La base intégrée ${dir} est déjà ouverte par le processus ${pid} (le serveur ?). ` +
          "Arrêtez-le, ou passez par l'API d'import, ou utilisez PostgreSQL (DATABASE_URL).",
      );
    }
  }
  mkdirSync(resolve(dir, ".."), { recursive: true });
  writeFileSync(lock, String(process.pid));
  return () => {
    rmSync(lock, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
