// The lockout model (docs/account-security.md): failures only, per address, per (account, address) and per
// account; a stranger's failures from elsewhere never lock the member out of a clean address. Addresses are
// simulated with X-Forwarded-For, trusted from the loopback proxy only.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rateLimit } from "../../app/modules/accounts/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const window = { durationSeconds: 10 * 60 }; // long: nothing lapses during a test
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: { TRUST_PROXY: "loopback" },
    overrides: {
      signInLimits: {
        perIp: { points: 20, ...window },
        perAccountAndIp: { points: 3, ...window },
        perAccount: { points: 5, ...window },
        resetRequestsPerIp: { points: 30, ...window },
        resetRequestsPerAccount: { points: 5, ...window },
      },
    },
  });
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.services.db.delete(rateLimit);
});

function signInFrom(address: string, identifier: string, password: string): Promise<Response> {
  return new TestClient(server.baseUrl).post("/connexion", { identifier, password }, { "x-forwarded-for": address });
}

const wrong = "not-the-right-password";

describe("sign-in lockout model", () => {
  it("counts failures only: a member signing in again and again, with a typo now and then, is never refused", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await signInFrom("198.51.100.1", demo.benoit.number, wrong)).status);
      statuses.push((await signInFrom("198.51.100.1", demo.benoit.number, wrong)).status);
      statuses.push((await signInFrom("198.51.100.1", demo.benoit.number, demo.benoit.password)).status);
    }
    expect(statuses).toEqual([401, 401, 302, 401, 401, 302, 401, 401, 302, 401, 401, 302]);
    // An office behind one address: more sign-ins than the address's failure limit (20), all accepted.
    for (let i = 0; i < 12; i++)
      expect((await signInFrom("198.51.100.1", demo.claire.number, demo.claire.password)).status).toBe(302);
  });

  it("keeps one bucket per account, whether the member number or the e-mail is typed", async () => {
    expect((await signInFrom("198.51.100.2", demo.benoit.number, wrong)).status).toBe(401);
    expect((await signInFrom("198.51.100.2", demo.benoit.email, wrong)).status).toBe(401);
    expect((await signInFrom("198.51.100.2", demo.benoit.email.toUpperCase(), wrong)).status).toBe(401);
    const refused = await signInFrom("198.51.100.2", demo.benoit.number, demo.benoit.password);
    expect(refused.status).toBe(429);
    expect(visibleText(await refused.text())).toContain(
      "Trop de tentatives de connexion. Par sécurité, réessayez dans",
    );
  });

  it("does not lock the member out of a clean address, whatever a stranger does from others", async () => {
    // One address uses up its share (3), a second one the rest of the account's (3 + 2 = 5).
    for (let i = 0; i < 3; i++) expect((await signInFrom("203.0.113.10", demo.claire.number, wrong)).status).toBe(401);
    expect((await signInFrom("203.0.113.10", demo.claire.number, wrong)).status).toBe(429);
    for (let i = 0; i < 2; i++) expect((await signInFrom("203.0.113.11", demo.claire.number, wrong)).status).toBe(401);
    expect((await signInFrom("203.0.113.11", demo.claire.number, wrong)).status).toBe(429);
    // A third address of the stranger's gets one try, no more, while the account is under attack.
    expect((await signInFrom("203.0.113.12", demo.claire.email, wrong)).status).toBe(401);
    expect((await signInFrom("203.0.113.12", demo.claire.email, demo.claire.password)).status).toBe(429);
    // The member, from home, signs in, and again later.
    expect((await signInFrom("192.0.2.77", demo.claire.number, demo.claire.password)).status).toBe(302);
    expect((await signInFrom("192.0.2.77", demo.claire.email, demo.claire.password)).status).toBe(302);
    // The stranger's addresses stay refused, even with the right password.
    expect((await signInFrom("203.0.113.10", demo.claire.number, demo.claire.password)).status).toBe(429);
  });

  it("does not charge the account for attempts refused at an address", async () => {
    for (let i = 0; i < 3; i++) expect((await signInFrom("203.0.113.20", demo.benoit.number, wrong)).status).toBe(401);
    // Twenty more from the refused address: refused, and not counted against the account.
    for (let i = 0; i < 20; i++) expect((await signInFrom("203.0.113.20", demo.benoit.number, wrong)).status).toBe(429);
    // The account has 3 failures of its 5: a second address may fail twice before the account is under attack.
    expect((await signInFrom("203.0.113.21", demo.benoit.number, wrong)).status).toBe(401);
    expect((await signInFrom("203.0.113.21", demo.benoit.number, wrong)).status).toBe(401);
    expect((await signInFrom("203.0.113.21", demo.benoit.number, wrong)).status).toBe(429);
    expect((await signInFrom("192.0.2.78", demo.benoit.number, demo.benoit.password)).status).toBe(302);
  });

  it("counts one IPv6 network (/64) as one address", async () => {
    for (let i = 1; i <= 3; i++)
      expect((await signInFrom(`2001:db8:1:2::${i}`, demo.benoit.number, wrong)).status).toBe(401);
    expect((await signInFrom("2001:db8:1:2:ffff::9", demo.benoit.number, demo.benoit.password)).status).toBe(429);
    expect((await signInFrom("2001:db8:1:3::1", demo.benoit.number, demo.benoit.password)).status).toBe(302);
  });
});
