// One two_factor row per account (better-auth reads "the" row of a user): the database refuses a second one,
// two enrolments started at once leave one row, and the migration that added the unique index first removed
// duplicates already there, keeping the authenticator in use.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { twoFactor } from "../../app/modules/accounts/schema.ts";
import { startEnrolment } from "../../app/modules/accounts/two-factor.server.ts";
import { createCredentialUser } from "../../app/modules/accounts/users.server.ts";
import { isUniqueViolation } from "../../app/modules/db/errors.ts";
import type { Viewer } from "../../app/modules/accounts/viewer.server.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";

const newUser = (server: TestServer, name: string) =>
  createCredentialUser(
    server.services.db,
    { name, email: `${name}@exemple.fr`, username: name, role: "member" },
    "une phrase assez longue 2026",
  );

describe("two_factor: one row per account", () => {
  test("refuses a second row for the same account", async ({ server }) => {
    const userId = await newUser(server, "deux-lignes");
    const row = { secret: "s", backupCodes: "b", userId, verified: true };
    await server.services.db.insert(twoFactor).values({ id: randomUUID(), ...row });
    const refused = await server.services.db
      .insert(twoFactor)
      .values({ id: randomUUID(), ...row })
      .then(() => null)
      .catch((error: unknown) => error);
    expect(isUniqueViolation(refused)).toBe(true);
  });

  test("leaves one row when two enrolments start at once", async ({ server }) => {
    const userId = await newUser(server, "deux-enrolements");
    const viewer = { userId } as Viewer;
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => startEnrolment(server.services, viewer)));
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThan(0);
    for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toContain("déjà active");
    const rows = await server.services.db.select().from(twoFactor).where(eq(twoFactor.userId, userId));
    expect(rows).toHaveLength(1);
  });

  test("the migration removed existing duplicates, keeping the authenticator last used", async ({ server }) => {
    const file = readdirSync("drizzle").find((f) => f.endsWith("two_factor_one_row_per_user_dedupe.sql"))!;
    const dedupe = readFileSync(`drizzle/${file}`, "utf8");
    const { db } = server.services;
    const userId = await newUser(server, "doublons-anciens");
    const other = await newUser(server, "une-seule-ligne");
    // The database as it was before the unique index.
    await db.execute(sql`drop index two_factor_user_id_idx`);
    try {
      await db.insert(twoFactor).values([
        { id: "a-unverified", secret: "s1", backupCodes: "b", userId, verified: false },
        { id: "b-verified-old", secret: "s2", backupCodes: "b", userId, verified: true, lastTotpStep: 100 },
        { id: "c-verified-used", secret: "s3", backupCodes: "b", userId, verified: true, lastTotpStep: 200 },
        { id: "d-other", secret: "s4", backupCodes: "b", userId: other, verified: true },
      ]);
      await db.execute(sql.raw(dedupe));
    } finally {
      await db.execute(sql`create unique index two_factor_user_id_idx on two_factor (user_id)`);
    }
    const kept = await db.select({ id: twoFactor.id }).from(twoFactor).where(eq(twoFactor.userId, userId));
    expect(kept).toEqual([{ id: "c-verified-used" }]);
    const untouched = await db.select({ id: twoFactor.id }).from(twoFactor).where(eq(twoFactor.userId, other));
    expect(untouched).toEqual([{ id: "d-other" }]);
  });
});
