// The former levels' premium migration (drizzle/*_former_level_premium.sql) on a database that already has former
// levels: each row gets its contract's premium of the day (what the échéancier showed until then, so nothing a
// member saw changes), and the column is required from then on. Runs on a fresh database of the project's kind
// (PGlite or PostgreSQL).
import { randomUUID } from "node:crypto";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../app/modules/db/client.server.ts";
import { runMigrations } from "../../app/modules/db/migrate.server.ts";
import { type MigrationDatabase, openMigrationDatabase } from "../support/migration-database.ts";
import { householdFormerLevel } from "../../app/modules/households/schema.ts";

let database: Database;
let beforeThisMigration: string;
let scratch: MigrationDatabase;

beforeAll(async () => {
  scratch = await openMigrationDatabase("_former_level_premium");
  ({ database, beforeThisMigration } = scratch);
});

afterAll(async () => {
  await scratch.close();
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
