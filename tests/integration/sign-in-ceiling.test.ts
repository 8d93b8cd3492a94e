// The hard ceiling of the lockout model (docs/account-security.md): past N failures on one account from every
// address within the window, the account is locked, even for the right password and from a clean address;
// its owner gets a single-use unlock link by e-mail, an advisor can unlock it; an identifier naming no account
// is answered exactly alike. Addresses are simulated with X-Forwarded-For, trusted from the loopback proxy.
import { and, eq, isNull, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobHandlers } from "../../app/jobs.server.ts";
import { accountKey } from "../../app/modules/accounts/rate-limit.server.ts";
import { accountLock, rateLimit, user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { linkParam, mailsTo, waitForMailsTo } from "../support/outbox.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const window = { durationSeconds: 10 * 60 }; // long: nothing lapses during a test
const ceiling = 8;
let server: TestServer;
let address = 0;
beforeAll(async () => {
  server = await startTestServer({
    env: { TRUST_PROXY: "loopback" },
    overrides: {
      signInLimits: {
        perIp: { points: 100, ...window },
        perAccountAndIp: { points: 3, ...window },
        perAccount: { points: 5, ...window },
        accountCeiling: { points: ceiling, ...window },
        resetRequestsPerIp: { points: 30, ...window },
        resetRequestsPerAccount: { points: 5, ...window },
      },
    },
  });
});
afterAll(() => server.close());

/** Each call from an address never used before: the per-address buckets never refuse. */
function signInFromFreshAddress(identifier: string, password: string): Promise<Response> {
  address++;
  return new TestClient(server.baseUrl).post(
    "/connexion",
    { identifier, password },
    { "x-forwarded-for": `203.0.${Math.floor(address / 250)}.${(address % 250) + 1}` },
  );
}

const wrong = "not-the-right-password";
const lockedText = "Par sécurité, les connexions à ce compte sont suspendues après de trop nombreuses tentatives.";

/** The failures of a distributed guess, one per fresh address; returns the last answer. */
async function guess(identifier: string, times: number): Promise<Response> {
  let last: Response | undefined;
  for (let i = 0; i < times; i++) last = await signInFromFreshAddress(identifier, wrong);
  return last!;
}

async function userIdOf(number: string): Promise<string> {
  const [row] = await server.services.db.select({ id: user.id }).from(user).where(eq(user.username, number));
  return row!.id;
}

describe("hard ceiling on one account's failed sign-ins", () => {
  it("locks the account past the ceiling, even for the right password from a clean address, and mails a link", async () => {
    const mailsBefore = mailsTo(server.dataDir, demo.benoit.email).length;
    expect((await guess(demo.benoit.number, ceiling - 1)).status).toBe(401);
    // Under the ceiling, the member at a clean address still signs in.
    expect((await signInFromFreshAddress(demo.benoit.number, demo.benoit.password)).status).toBe(302);
    const locking = await signInFromFreshAddress(demo.benoit.number, wrong);
    expect(locking.status).toBe(429);
    expect(visibleText(await locking.text())).toContain(lockedText);

    const refused = await signInFromFreshAddress(demo.benoit.number, demo.benoit.password);
    expect(refused.status).toBe(429);
    expect(visibleText(await refused.text())).toContain(lockedText);
    expect(refused.headers.get("set-cookie") ?? "").not.toContain("session_token");

    const mails = await waitForMailsTo(server.dataDir, demo.benoit.email, mailsBefore + 1);
    const alert = mails.at(-1)!;
    expect(alert.subject).toBe("Alerte sécurité : les connexions à votre espace adhérent sont suspendues");
    const token = linkParam(alert, "jeton");
    // Only the token's hash is stored.
    const [lock] = await server.services.db
      .select()
      .from(accountLock)
      .where(eq(accountLock.userId, await userIdOf(demo.benoit.number)));
    expect(lock!.unlockTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(lock)).not.toContain(token);
    // One mail only, however many attempts follow.
    await guess(demo.benoit.number, 2);
    expect(mailsTo(server.dataDir, demo.benoit.email)).toHaveLength(mailsBefore + 1);

    // The link: a GET only shows a button (mail scanners), the POST unlocks, once.
    const client = new TestClient(server.baseUrl);
    const page = await client.get(`/connexion/debloquer?jeton=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain("Débloquer mon compte");
    expect((await signInFromFreshAddress(demo.benoit.number, demo.benoit.password)).status).toBe(429);
    const unlocked = await client.post("/connexion/debloquer", { jeton: token });
    expect(unlocked.headers.get("location")).toBe("/connexion?debloque=1");
    expect((await signInFromFreshAddress(demo.benoit.number, demo.benoit.password)).status).toBe(302);
    const again = await client.post("/connexion/debloquer", { jeton: token });
    expect(again.status).toBe(400);
    expect(visibleText(await again.text())).toContain("Ce lien de déblocage n'est plus valable");

    const audits = await server.services.db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, await userIdOf(demo.benoit.number)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["auth.account_locked", "auth.account_unlocked"]),
    );
  });

  it("answers an identifier naming no account exactly like a locked account, and mails nobody", async () => {
    const unknown = "99999997";
    const locking = await guess(unknown, ceiling);
    expect(locking.status).toBe(429);
    const lockedUnknown = visibleText(await locking.text());
    expect(lockedUnknown).toContain(lockedText);
    // Same page as a real account's lock (here Claire's), word for word.
    await guess(demo.claire.number, ceiling);
    const claire = await signInFromFreshAddress(demo.claire.number, demo.claire.password);
    expect(claire.status).toBe(429);
    expect(visibleText(await claire.text()).replace(demo.claire.number, "ID")).toBe(
      lockedUnknown.replace(unknown, "ID"),
    );
    const rows = await server.services.db.select().from(accountLock);
    const unknownRow = rows.find((r) => r.key.startsWith("typed:"))!;
    expect(unknownRow.userId).toBeNull();
    expect(unknownRow.unlockTokenHash).toBeNull();
  });

  it("lets an advisor unlock the login from the member's file", async () => {
    // Claire was locked by the test above.
    const advisor = new TestClient(server.baseUrl);
    await signInAdvisor(advisor, server.dataDir, demo.advisor);
    const file = await advisor.get(`/back-office/adherents/${demo.claire.number}`);
    const text = visibleText(await file.text());
    expect(text).toContain("Connexion suspendue");
    const [claire] = await server.services.db
      .select({ id: person.id })
      .from(person)
      .innerJoin(household, eq(household.id, person.householdId))
      .where(and(eq(household.memberNumber, demo.claire.number), eq(person.role, "member")));
    // Only a person of this member's household: another file's page cannot unlock her.
    const elsewhere = await advisor.post(`/back-office/adherents/${demo.benoit.number}`, {
      intent: "unlock",
      personId: claire!.id,
    });
    expect(elsewhere.status).toBe(409);
    const done = await advisor.post(`/back-office/adherents/${demo.claire.number}`, {
      intent: "unlock",
      personId: claire!.id,
    });
    expect(done.headers.get("location")).toBe(`/back-office/adherents/${demo.claire.number}?debloque=1`);
    expect((await signInFromFreshAddress(demo.claire.number, demo.claire.password)).status).toBe(302);
    const [audit] = await server.services.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "auth.account_unlocked"),
          eq(auditLog.actorUserId, await userIdOf(demo.advisor.username)),
        ),
      );
    expect(audit!.details).toMatchObject({ by: "advisor", userId: await userIdOf(demo.claire.number) });
  });

  it("ends the lock when the owner completes « mot de passe oublié »", async () => {
    const mailsBefore = mailsTo(server.dataDir, demo.claire.email).length;
    await guess(demo.claire.number, ceiling);
    expect((await signInFromFreshAddress(demo.claire.number, demo.claire.password)).status).toBe(429);
    const anonymous = new TestClient(server.baseUrl);
    await anonymous.post("/mot-de-passe-oublie", { identifier: demo.claire.number });
    const mails = await waitForMailsTo(server.dataDir, demo.claire.email, mailsBefore + 2);
    const reset = mails.slice(mailsBefore).find((m) => m.subject.startsWith("Réinitialiser"))!;
    const newPassword = "une phrase neuve après le blocage";
    const done = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: linkParam(reset, "jeton"),
      newPassword,
      confirmPassword: newPassword,
    });
    expect(done.headers.get("location")).toBe("/connexion?mot-de-passe-change=1");
    expect((await signInFromFreshAddress(demo.claire.number, newPassword)).status).toBe(302);
  });

  it("sends a new link when a sign-in is tried after the first one expired", async () => {
    const mailsBefore = mailsTo(server.dataDir, demo.benoit.email).length;
    await guess(demo.benoit.number, ceiling);
    const [first] = await waitForMailsTo(server.dataDir, demo.benoit.email, mailsBefore + 1).then((m) => m.slice(-1));
    await server.services.db
      .update(accountLock)
      .set({ unlockExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountLock.userId, await userIdOf(demo.benoit.number)));
    const expired = await new TestClient(server.baseUrl).post("/connexion/debloquer", {
      jeton: linkParam(first!, "jeton"),
    });
    expect(expired.status).toBe(400);
    expect((await signInFromFreshAddress(demo.benoit.number, demo.benoit.password)).status).toBe(429);
    const mails = await waitForMailsTo(server.dataDir, demo.benoit.email, mailsBefore + 2);
    const fresh = linkParam(mails.at(-1)!, "jeton");
    expect(fresh).not.toBe(linkParam(first!, "jeton"));
    expect(
      (await new TestClient(server.baseUrl).post("/connexion/debloquer", { jeton: fresh })).headers.get("location"),
    ).toBe("/connexion?debloque=1");
  });

  it("drops an unknown identifier's lock in the daily jobs.purge once the window is over; a real account's stays", async () => {
    const db = server.services.db;
    const unknown = "99999995";
    expect((await guess(unknown, ceiling)).status).toBe(429);
    await guess(demo.benoit.number, ceiling);
    const benoitKey = accountKey(await userIdOf(demo.benoit.number), "");
    const unknownKey = accountKey(null, unknown);
    const keys = async () => (await db.select({ key: accountLock.key }).from(accountLock)).map((r) => r.key);
    expect(await keys()).toEqual(expect.arrayContaining([benoitKey, unknownKey]));
    const purge = () => jobHandlers(server.services)["jobs.purge"]!({}, undefined as never);

    // Within the window, nothing goes.
    expect(await purge()).toMatchObject({ unknownIdentifierLocks: 0 });
    expect(await keys()).toEqual(expect.arrayContaining([benoitKey, unknownKey]));

    // The window (10 minutes here, 24 hours by default) passes for every lock, and for the counts.
    await db.update(accountLock).set({ lockedAt: sql`now() - interval '11 minutes'` });
    await db
      .update(rateLimit)
      .set({ expire: sql`now() - interval '1 second'` })
      .where(like(rateLimit.key, `%${unknownKey}%`));
    const unknownBefore = (await db.select().from(accountLock).where(isNull(accountLock.userId))).length;
    expect(unknownBefore).toBeGreaterThanOrEqual(1);
    expect(await purge()).toMatchObject({ unknownIdentifierLocks: unknownBefore });
    expect(await db.select().from(accountLock).where(isNull(accountLock.userId))).toEqual([]);
    // Benoît's lock waits for him or an advisor.
    expect(await keys()).toContain(benoitKey);
    expect((await signInFromFreshAddress(demo.benoit.number, demo.benoit.password)).status).toBe(429);
    // The identifier is answered like any wrong sign-in again, until it reaches the ceiling anew.
    const after = await signInFromFreshAddress(unknown, wrong);
    expect(after.status).not.toBe(429);
    expect(visibleText(await after.text())).not.toContain(lockedText);
    expect((await guess(unknown, ceiling)).status).toBe(429);
  });
});
