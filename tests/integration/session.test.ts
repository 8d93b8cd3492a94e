import { eq, sql } from "drizzle-orm";
import { session } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { demo, TestClient } from "../support/http-client.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";

const cookieName = "__Host-espace.session_token";

async function signedIn(server: TestServer) {
  const client = new TestClient(server.baseUrl);
  await client.signIn(demo.benoit.number, demo.benoit.password);
  const token = client.cookies.get(cookieName)!.value;
  return { client, token };
}

function tokenId(cookieValue: string) {
  return decodeURIComponent(cookieValue).split(".")[0]!;
}

describe("sessions", () => {
  test("sends anonymous visitors to the sign-in page, remembering where they were going", async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    expect((await client.get("/")).headers.get("location")).toBe("/connexion");
    const res = await client.get("/back-office");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/connexion?redirectTo=%2Fback-office");
  });

  test("issues a new token at every sign-in (no fixation)", async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    client.cookies.set(cookieName, { name: cookieName, value: "attacker-chosen.value", attributes: [] });
    await client.signIn(demo.benoit.number, demo.benoit.password);
    const first = client.cookies.get(cookieName)!.value;
    expect(first).not.toBe("attacker-chosen.value");
    const other = new TestClient(server.baseUrl);
    await other.signIn(demo.benoit.number, demo.benoit.password);
    expect(other.cookies.get(cookieName)!.value).not.toBe(first);
  });

  test("revokes the session at sign-out: a copied cookie is worthless afterwards", async ({ server }) => {
    const { client, token } = await signedIn(server);
    const copy = new TestClient(server.baseUrl);
    copy.cookies.set(cookieName, { name: cookieName, value: token, attributes: [] });
    expect((await copy.get("/")).status).toBe(200);

    const out = await client.post("/deconnexion", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/connexion?deconnecte=1");
    expect(client.cookies.has(cookieName)).toBe(false);

    const replay = await copy.get("/");
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe("/connexion");
    const rows = await server.services.db
      .select()
      .from(session)
      .where(eq(session.token, tokenId(token)));
    expect(rows).toHaveLength(0);
    const audits = await server.services.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_out"));
    expect(audits.length).toBeGreaterThanOrEqual(1);
  });

  test("does not sign out on a GET (a link or an image cannot end a session)", async ({ server }) => {
    const { client } = await signedIn(server);
    expect((await client.get("/deconnexion")).headers.get("location")).toBe("/");
    expect((await client.get("/")).status).toBe(200);
  });

  test("ends a session left idle past its expiry", async ({ server }) => {
    const { client, token } = await signedIn(server);
    await server.services.db
      .update(session)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(session.token, tokenId(token)));
    const res = await client.get("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/connexion");
  });

  test("slides the idle expiry forward while the member is active", async ({ server }) => {
    const { client, token } = await signedIn(server);
    const soon = new Date(Date.now() + 5 * 60 * 1000);
    await server.services.db
      .update(session)
      .set({ expiresAt: soon, updatedAt: sql`now() - interval '10 minutes'` })
      .where(eq(session.token, tokenId(token)));
    expect((await client.get("/")).status).toBe(200);
    const [row] = await server.services.db
      .select()
      .from(session)
      .where(eq(session.token, tokenId(token)));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(soon.getTime() + 20 * 60 * 1000);
  });

  test("ends a session past its absolute lifetime however active it is", async ({ server }) => {
    const { client, token } = await signedIn(server);
    await server.services.db
      .update(session)
      .set({ createdAt: sql`now() - interval '13 hours'` })
      .where(eq(session.token, tokenId(token)));
    const res = await client.get("/");
    expect(res.status).toBe(302);
    const rows = await server.services.db
      .select()
      .from(session)
      .where(eq(session.token, tokenId(token)));
    expect(rows).toHaveLength(0);
  });

  test("refuses a session cookie whose signature was altered, and one whose session was ended elsewhere", async ({
    server,
  }) => {
    const { client, token } = await signedIn(server);
    const [id, signature] = decodeURIComponent(token).split(".");
    const forged = new TestClient(server.baseUrl);
    const flipped = `${signature![0] === "A" ? "B" : "A"}${signature!.slice(1)}`;
    forged.cookies.set(cookieName, { name: cookieName, value: encodeURIComponent(`${id}.${flipped}`), attributes: [] });
    expect((await forged.get("/")).headers.get("location")).toBe("/connexion");
    const unsigned = new TestClient(server.baseUrl);
    unsigned.cookies.set(cookieName, { name: cookieName, value: id!, attributes: [] });
    expect((await unsigned.get("/")).headers.get("location")).toBe("/connexion");

    expect((await client.get("/")).status).toBe(200);
    // Ended by another device (a new second factor, "sign out everywhere"): refused at the next page.
    await server.services.db.delete(session).where(eq(session.token, id!));
    expect((await client.get("/")).headers.get("location")).toBe("/connexion");
  });

  test("reads a fresh session without writing it, and refreshes the cookie only when the expiry slides", async ({
    server,
  }) => {
    const { client, token } = await signedIn(server);
    const signInCookie = client.cookies.get(cookieName)!;
    const [before] = await server.services.db
      .select()
      .from(session)
      .where(eq(session.token, tokenId(token)));
    const page = await client.get("/");
    expect(page.status).toBe(200);
    expect(page.headers.getSetCookie().filter((c) => c.startsWith(cookieName))).toEqual([]);
    const [after] = await server.services.db
      .select()
      .from(session)
      .where(eq(session.token, tokenId(token)));
    expect(after!.updatedAt.getTime()).toBe(before!.updatedAt.getTime());

    await server.services.db
      .update(session)
      .set({ expiresAt: sql`now() + interval '20 minutes'`, updatedAt: sql`now() - interval '10 minutes'` })
      .where(eq(session.token, tokenId(token)));
    const refreshed = await client.get("/");
    expect(refreshed.status).toBe(200);
    // The same cookie better-auth set at sign-in (value and every attribute), its Max-Age counted from now.
    const cookie = refreshed.headers.getSetCookie().find((c) => c.startsWith(`${cookieName}=`));
    expect(cookie).toBe(`${cookieName}=${token}; ${signInCookie.attributes.join("; ")}`);
    expect(cookie).toContain("Max-Age=1800");
    const [slid] = await server.services.db
      .select()
      .from(session)
      .where(eq(session.token, tokenId(token)));
    expect(slid!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 60 * 1000);
    expect(slid!.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60 * 1000);
    // Slid once: the next page neither writes nor resends the cookie.
    const next = await client.get("/");
    expect(next.headers.getSetCookie().filter((c) => c.startsWith(cookieName))).toEqual([]);
  });

  test("sends a signed-in member away from the sign-in page", async ({ server }) => {
    const { client } = await signedIn(server);
    expect((await client.get("/connexion")).headers.get("location")).toBe("/");
  });
});
