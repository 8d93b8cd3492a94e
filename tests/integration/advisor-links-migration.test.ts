// The advisor four-eyes migration (drizzle/*_advisor_four_eyes_and_deactivation.sql) on a database that already has advisors: an account an administrateur created alone, before
// four eyes, stays linked to that administrateur (read from the audit log), so it cannot be the second pair of
// eyes on that administrateur's proposals. Runs on a fresh database of the project's kind (PGlite or PostgreSQL).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { areLinked } from "../../app/modules/back-office/advisor-links.server.ts";
import { advisorProposal } from "../../app/modules/back-office/schema.ts";
import type { Database } from "../../app/modules/db/client.server.ts";
import { runMigrations } from "../../app/modules/db/migrate.server.ts";
import { type MigrationDatabase, openMigrationDatabase } from "../support/migration-database.ts";

let database: Database;
let beforeThisMigration: string;
let scratch: MigrationDatabase;

beforeAll(async () => {
  scratch = await openMigrationDatabase("_advisor_four_eyes_and_deactivation");
  ({ database, beforeThisMigration } = scratch);
});

afterAll(async () => {
  await scratch.close();
});

it("records accounts created or promoted by one administrateur alone as linked to that administrateur", async () => {
  await runMigrations(database, beforeThisMigration);
  const { db } = database;
  const [admin, made, promoted, untouched] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  // Written with SQL the old schema knows (no deactivated_at column yet).
  for (const [id, role] of [
    [admin, "administrateur"],
    [made, "gestionnaire"],
    [promoted, "administrateur"],
    [untouched, "gestionnaire"],
  ] as const) {
    await db.execute(
      `insert into "user" (id, name, email, username, role, advisor_role) values ('${id}', 'Conseiller ${id.slice(0, 4)}', '${id}@mutuelle.example', 'c${id.slice(0, 8)}', 'advisor', '${role}')`,
    );
  }
  await db.insert(auditLog).values([
    {
      action: "backoffice.advisor_created",
      outcome: "success",
      actorUserId: admin,
      details: { advisorId: made, role: "gestionnaire" },
    },
    {
      action: "backoffice.advisor_role_changed",
      outcome: "success",
      actorUserId: admin,
      details: { advisorId: promoted, role: "administrateur" },
    },
    // An account that no longer exists is skipped, not an error.
    {
      action: "backoffice.advisor_created",
      outcome: "success",
      actorUserId: admin,
      details: { advisorId: randomUUID(), role: "conseiller" },
    },
  ]);

  await runMigrations(database);

  const rows = await db
    .select({
      kind: advisorProposal.kind,
      status: advisorProposal.status,
      advisorId: advisorProposal.advisorId,
      role: advisorProposal.role,
      proposedBy: advisorProposal.proposedBy,
      decidedBy: advisorProposal.decidedBy,
    })
    .from(advisorProposal);
  expect(rows.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
    { kind: "create", status: "approved", advisorId: made, role: "gestionnaire", proposedBy: admin, decidedBy: admin },
    {
      kind: "role",
      status: "approved",
      advisorId: promoted,
      role: "administrateur",
      proposedBy: admin,
      decidedBy: admin,
    },
  ]);
  expect(await areLinked(db, made, admin)).toBe(true);
  expect(await areLinked(db, admin, promoted)).toBe(true);
  expect(await areLinked(db, untouched, admin)).toBe(false);
  const [active] = await db.select({ deactivatedAt: user.deactivatedAt }).from(user).where(eq(user.id, made));
  expect(active!.deactivatedAt).toBeNull();
});
