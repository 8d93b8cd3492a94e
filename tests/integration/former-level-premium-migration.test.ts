// The former levels' premium migration (drizzle/*_former_level_premium.sql) on a database that already has former
// levels: each row gets its contract's premium of the day (what the échéancier showed until then, so nothing a
// member saw changes), and the column is required from then on. Runs on a fresh database of the project's kind
// (PGlite or PostgreSQL).
import { randomBytes, randomUUID } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { asc } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Database, openDatabase } from "../../app/modules/db/client.server.ts";
import { runMigrations } from "../../app/modules/db/migrate.server.ts";
import { householdFormerLevel } from "../../app/modules/households/schema.ts";

let database: Database;
let beforeThisMigration: string;
let dropDatabase = async () => {};

beforeAll(async () => {
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
  // The migration folder as it was before this migration (found by name: its number may change on merge).
  beforeThisMigration = await mkdtemp(join(tmpdir(), "espace-drizzle-"));
  await cp("drizzle", beforeThisMigration, { recursive: true });
  const journal = JSON.parse(await readFile(join(beforeThisMigration, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const mine = journal.entries.findIndex((e) => e.tag.endsWith("_former_level_premium"));
  if (mine < 1) throw new Error("the former level premium migration is not in drizzle/meta/_journal.json");
  journal.entries = journal.entries.slice(0, mine);
  await writeFile(join(beforeThisMigration, "meta/_journal.json"), JSON.stringify(journal));
});

afterAll(async () => {
  await database.close();
  await dropDatabase();
  await rm(beforeThisMigration, { recursive: true, force: true });
});

it("gives each former level its contract's premium of the day, then requires one", async () => {
  await runMigrations(database, beforeThisMigration);
  const { db } = database;
  const [a, b] = [randomUUID(), randomUUID()];
  // Written with SQL the old schema knows (no premium column yet).
  await db.execute(
    `insert into household (id, member_number, coverage_level, coverage_start, premium_monthly_cents) values
       ('${a}', '90000001', 'Essentielle', '2024-01-01', 9000), ('${b}', '90000002', 'Optimale', '2024-01-01', 28940)`,
  );
  await db.execute(
    `insert into household_former_level (household_id, level, until) values
       ('${a}', 'Optimale', '2025-09-30'), ('${a}', 'Équilibre', '2024-12-31'), ('${b}', 'Équilibre', '2025-06-30')`,
  );

  await runMigrations(database);

  const rows = await db
    .select({
      householdId: householdFormerLevel.householdId,
      until: householdFormerLevel.until,
      premium: householdFormerLevel.premiumMonthlyCents,
    })
    .from(householdFormerLevel)
    .orderBy(asc(householdFormerLevel.until));
  expect(rows).toEqual([
    { householdId: a, until: "2024-12-31", premium: 9000 },
    { householdId: b, until: "2025-06-30", premium: 28940 },
    { householdId: a, until: "2025-09-30", premium: 9000 },
  ]);
  const refused = await db
    .execute(`insert into household_former_level (household_id, level, until) values ('${b}', 'X', '2026-01-31')`)
    .then(
      () => null,
      (error: unknown) => error as { message: string; cause?: { message: string } },
    );
  expect(`${refused?.message} ${refused?.cause?.message}`).toMatch(/null value in column "premium_monthly_cents"/);
});
