// A former member's access (docs/personal-data.md): after a résiliation the member keeps their space for
// FORMER_MEMBER_ACCESS_YEARS (3 by default: the 2-year prescription of L221-11 code de la mutualité, the tax
// authority's 3 years of art. L169 LPF for the attestation de cotisations); the daily job then closes the login,
// and the sign-in says why, in French, only to whoever gives the right password.
import { and, eq, sql } from "drizzle-orm";
import { schedules } from "../../app/jobs.server.ts";
import {
  closeFormerMembersAccess,
  formerMemberClosedMessage,
} from "../../app/modules/accounts/former-members.server.ts";
import { session, user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { addDays, addYears } from "../../app/modules/clock/calendar.ts";
import { household } from "../../app/modules/households/schema.ts";
import { today } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { enrolTotp, totpFor } from "../support/step-up.ts";

describe("a former member's access after the contract's end", () => {
  test("3 years and one day after the last covered day the login is closed with a French message; 3 years to the day it still opens", async ({
    server,
  }) => {
    const { db } = server.services;
    expect(schedules.find((s) => s.name === "accounts.close_former_members")?.everySeconds).toBe(86400);
    const before = new TestClient(server.baseUrl);
    expect((await before.signIn(demo.benoit.number, demo.benoit.password)).status).toBe(302);
    expect((await before.get("/documents")).status).toBe(200);
    // Benoit's contract ended 3 years and a day ago; Claire's exactly 3 years ago.
    const benoitEnd = addDays(addYears(today, -3), -1);
    await db.update(household).set({ coverageEnd: benoitEnd }).where(eq(household.memberNumber, demo.benoit.number));
    await db
      .update(household)
      .set({ coverageEnd: addYears(today, -3) })
      .where(eq(household.memberNumber, demo.claire.number));
    // The space already shuts once the years have passed, before the job's next run (viewer.server.ts).
    const early = new TestClient(server.baseUrl);
    expect((await early.signIn(demo.benoit.number, demo.benoit.password)).status).toBe(302);
    expect((await early.get("/documents")).headers.get("location")).toMatch(/^\/connexion/);

    expect(await closeFormerMembersAccess(server.services, 3)).toBeGreaterThanOrEqual(1);
    // Run again: nothing more to close.
    expect(await closeFormerMembersAccess(server.services, 3)).toBe(0);

    const [benoit] = await db.select().from(user).where(eq(user.username, demo.benoit.number));
    expect(benoit?.deactivatedAt).not.toBeNull();
    expect(await db.select().from(session).where(eq(session.userId, benoit!.id))).toHaveLength(0);
    expect((await before.get("/documents")).headers.get("location")).toMatch(/^\/connexion/);
    const refused = await new TestClient(server.baseUrl).signIn(demo.benoit.number, demo.benoit.password);
    expect(refused.status).toBe(403);
    expect(visibleText(await refused.text())).toContain(formerMemberClosedMessage);
    expect(formerMemberClosedMessage).toContain("Votre contrat a pris fin");
    // A wrong password learns nothing about the account.
    const wrong = await new TestClient(server.baseUrl).signIn(demo.benoit.number, "pas le bon mot de passe");
    expect(wrong.status).toBe(401);
    expect(visibleText(await wrong.text())).not.toContain("Votre contrat a pris fin");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "account.former_member_closed"), sql`${auditLog.details}->>'userId' = ${benoit!.id}`),
      );
    expect(audit?.details).toMatchObject({ coverageEnd: benoitEnd, years: 3 });

    // The rule, in the privacy notice (public).
    const notice = visibleText(await (await new TestClient(server.baseUrl).get("/confidentialite")).text());
    expect(notice).toContain("Après la fin de votre contrat");
    expect(notice).toContain("pendant 3 ans après le dernier jour couvert par votre contrat");

    // Exactly 3 years after: still open.
    expect((await new TestClient(server.baseUrl).signIn(demo.claire.number, demo.claire.password)).status).toBe(302);
  });

  test("a former member with a second factor, closed between password and code, reads the former member's message, not the advisors'", async ({
    server,
  }) => {
    const { db } = server.services;
    const claire = new TestClient(server.baseUrl);
    expect((await claire.signIn(demo.claire.number, demo.claire.password)).status).toBe(302);
    const { secret } = await enrolTotp(claire, server.dataDir, demo.claire.email, demo.claire.password);
    const midway = new TestClient(server.baseUrl);
    expect((await midway.signIn(demo.claire.number, demo.claire.password)).headers.get("location")).toBe(
      "/connexion/code",
    );
    await db
      .update(household)
      .set({ coverageEnd: addDays(addYears(today, -3), -1) })
      .where(eq(household.memberNumber, demo.claire.number));
    expect(await closeFormerMembersAccess(server.services, 3)).toBeGreaterThanOrEqual(1);
    const late = await midway.post("/connexion/code", { code: await totpFor(secret) });
    expect(late.status).toBe(403);
    const text = visibleText(await late.text());
    expect(text).toContain(formerMemberClosedMessage);
    expect(text).not.toContain("Ce compte n'est plus actif");
  });
});
