import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimit } from "../../app/modules/accounts/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

// Windows far longer than the test, so a busy machine's slow sign-ins never let one run out mid-test; the
// limit lifting is watched by ending the window in the database, as the passing of time would.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    overrides: {
      signInLimits: {
        perIp: { points: 12, durationSeconds: 300 },
        perAccountAndIp: { points: 4, durationSeconds: 300 },
        perAccount: { points: 8, durationSeconds: 300 },
        resetRequestsPerIp: { points: 12, durationSeconds: 300 },
        resetRequestsPerAccount: { points: 4, durationSeconds: 300 },
      },
    },
  });
});
afterAll(() => server.close());

describe("sign-in rate limits", () => {
  it("blocks an account after repeated attempts with a French 429, then lets the member in again", async () => {
    const client = new TestClient(server.baseUrl);
    for (let i = 0; i < 4; i++)
      expect((await client.signIn(demo.claire.number, `wrong-password-${i}`)).status).toBe(401);
    const blocked = await client.signIn(demo.claire.number, demo.claire.password);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(300); // the window left, not a fixed quarter of an hour
    expect(visibleText(await blocked.text())).toContain("Trop de tentatives de connexion");
    expect(client.serverCookies()).toEqual([]);

    // The windows end: the member signs in again.
    await server.services.db.update(rateLimit).set({ expire: sql`now() - interval '1 second'` });
    expect((await client.signIn(demo.claire.number, demo.claire.password)).status).toBe(302);
  });

  it("treats unknown identifiers exactly like known ones", async () => {
    const client = new TestClient(server.baseUrl);
    await server.services.db.delete(rateLimit); // a fresh start, whatever the previous test left
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.signIn("87654321", "whatever-password")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it("blocks an IP spraying many accounts", async () => {
    await server.services.db.delete(rateLimit);
    const client = new TestClient(server.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++)
      statuses.push((await client.signIn(`1234${String(i).padStart(4, "0")}`, "whatever-password")).status);
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses[12]).toBe(429);
  });
});
