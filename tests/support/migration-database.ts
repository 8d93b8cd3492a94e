// A scratch database of the project's kind (PGlite, or a throwaway PostgreSQL database when the suite runs on
// PostgreSQL) and the migration folder as it was before one migration, found by the end of its tag (its number
// may change when branches merge): the migration tests write rows the old schema knows, then run the rest.
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type Database, openDatabase } from "../../app/modules/db/client.server.ts";

export interface MigrationDatabase {
  database: Database;
  /** A copy of drizzle/ whose journal stops just before the migration under test. */
  beforeThisMigration: string;
  close: () => Promise<void>;
}

export async function openMigrationDatabase(tagEnd: string): Promise<MigrationDatabase> {
  let database: Database;
  let dropDatabase = async () => {};
  if (process.env.TEST_DB === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL!;
    const name = `espace_mig_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolMax: 2 });
    dropDatabase = async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    };
  } else {
    database = await openDatabase({ pglite: await PGlite.create() });
  }
  const beforeThisMigration = await mkdtemp(join(tmpdir(), "espace-drizzle-"));
  await cp("drizzle", beforeThisMigration, { recursive: true });
  const journalPath = join(beforeThisMigration, "meta/_journal.json");
  const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: { tag: string }[] };
  const mine = journal.entries.findIndex((e) => e.tag.endsWith(tagEnd));
  if (mine < 1) throw new Error(`no migration ending in ${tagEnd} in drizzle/meta/_journal.json`);
  journal.entries = journal.entries.slice(0, mine);
  await writeFile(journalPath, JSON.stringify(journal));
  return {
    database,
    beforeThisMigration,
    async close() {
      await database.close();
      await dropDatabase();
      await rm(beforeThisMigration, { recursive: true, force: true });
    },
  };
}
