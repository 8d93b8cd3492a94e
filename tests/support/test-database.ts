// A private, migrated and seeded database for one test file: a copy of the template made in global setup.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../app/modules/db/client.server.ts";

export async function openTestDatabase(): Promise<Database> {
  if (process.env.TEST_DB === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL!;
    const template = inject("postgresTemplate");
    const name = `${template}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
    return {
      ...database,
      async close() {
        await database.close();
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const dump = await readFile(inject("pgliteTemplate"));
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return openDatabase({ pglite });
}

/**
 * A database that outlives a test server, for a restart on the same data: PGlite on disk in `dataDir/pglite`
 * (unpacked from the template the first time), or on PostgreSQL a copy of the template whose name is kept in
 * `dataDir` and reopened each time. `close()` keeps it; `removePersistentTestDatabase(dataDir)` drops it.
 */
export async function openPersistentTestDatabase(dataDir: string): Promise<Database> {
  if (process.env.TEST_DB === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL!;
    const nameFile = join(dataDir, "test-database-name");
    let name: string;
    if (existsSync(nameFile)) name = (await readFile(nameFile, "utf8")).trim();
    else {
      name = `${inject("postgresTemplate")}_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name} template ${inject("postgresTemplate")}`);
      await admin.end();
      await writeFile(nameFile, name);
    }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
  }
  if (!existsSync(join(dataDir, "pglite", "PG_VERSION"))) {
    const dump = await readFile(inject("pgliteTemplate"));
    const unpacked = await PGlite.create({ dataDir: join(dataDir, "pglite"), loadDataDir: new Blob([dump]) });
    await unpacked.close();
  }
  return openDatabase({ dataDir });
}

/** Drops the PostgreSQL database of `openPersistentTestDatabase` (PGlite's goes with its directory). */
export async function removePersistentTestDatabase(dataDir: string): Promise<void> {
  const nameFile = join(dataDir, "test-database-name");
  if (process.env.TEST_DB !== "postgres" || !existsSync(nameFile)) return;
  const cleanup = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL! });
  await cleanup.connect();
  await cleanup.query(`drop database if exists ${(await readFile(nameFile, "utf8")).trim()} with (force)`);
  await cleanup.end();
}
