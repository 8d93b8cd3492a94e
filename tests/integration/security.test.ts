import { afterAll, beforeAll } from "vitest";
import { describe, expect, test } from "../support/fixtures.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

describe("security headers", () => {
  test("sends a nonce-based CSP, HSTS and the other headers on every page", async ({ server, member }) => {
    const anonymous = new TestClient(server.baseUrl);
    const nonces = new Set<string>();
    for (const [client, path] of [
      [anonymous, "/connexion"],
      [anonymous, "/aide-contact"],
      [anonymous, "/page-inconnue"],
      [member, "/"],
      [anonymous, "/healthz"],
    ] as const) {
      const res = await client.get(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      // Images from this site only: a map's tile server is added only when one is configured (MAP_TILE_URL).
      expect(csp).toContain("img-src 'self' data:;");
      const hsts = /max-age=(\d+)/.exec(res.headers.get("strict-transport-security") ?? "");
      expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(31_536_000);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-powered-by")).toBeNull();
      if (path !== "/healthz") {
        const html = await res.text();
        // Every inline script carries this response's nonce.
        const scripts = html.match(/<script\b[^>]*>/g) ?? [];
        expect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      }
    }
    expect(nonces.size).toBe(5);
  });

  test("caches fingerprinted assets for a year", async ({ server }) => {
    const html = await (await new TestClient(server.baseUrl).get("/connexion")).text();
    const asset = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const res = await fetch(server.baseUrl + asset);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("max-age=31536000");
    expect(res.headers.get("cache-control")).toContain("immutable");
  });
});

describe("cross-site requests (CSRF)", () => {
  test("refuses a sign-in posted from another origin", async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    const res = await client.post(
      "/connexion",
      { identifier: demo.benoit.number, password: demo.benoit.password },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(res.status).toBe(403);
    expect(client.serverCookies()).toEqual([]);
  });

  test("refuses a cross-site sign-out and keeps the member signed in", async ({ server }) => {
    // A client of its own: were the sign-out to go through, it would not sign the shared member out.
    const client = new TestClient(server.baseUrl);
    await client.signIn(demo.benoit.number, demo.benoit.password);
    const bySite = await client.post("/deconnexion", {}, { origin: server.baseUrl, "sec-fetch-site": "cross-site" });
    expect(bySite.status).toBe(403);
    const byOrigin = await client.post("/deconnexion", {}, { origin: "http://evil.example", "sec-fetch-site": "" });
    expect(byOrigin.status).toBe(403);
    // Neither header (stripped by an extension, an old browser): a Referer from elsewhere is refused too.
    const byReferer = await client.post(
      "/deconnexion",
      {},
      { origin: "", "sec-fetch-site": "", referer: "https://evil.example/page" },
    );
    expect(byReferer.status).toBe(403);
    expect((await client.get("/")).status).toBe(200);
    // Our own page as Referer, without the other two, goes through.
    const ownReferer = await client.post(
      "/deconnexion",
      {},
      { origin: "", "sec-fetch-site": "", referer: `${server.baseUrl}/mon-compte` },
    );
    expect(ownReferer.status).toBe(302);
  });
});

describe("health and failures", () => {
  test("answers /healthz with 200 while the database answers", async ({ server }) => {
    const res = await fetch(`${server.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

// A server of its own: its database is closed.
describe("when the database is gone", () => {
  let broken: TestServer;
  beforeAll(async () => {
    broken = await startTestServer();
  });
  afterAll(() => broken.close());

  test("answers /healthz 503 and shows a French error page, never a stack trace", async () => {
    const client = new TestClient(broken.baseUrl);
    await client.signIn(demo.benoit.number, demo.benoit.password);
    await broken.services.database.close();
    const health = await fetch(`${broken.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    const page = await client.get("/");
    expect(page.status).toBe(500);
    const html = await page.text();
    expect(visibleText(html)).toContain("Service momentanément indisponible");
    expect(html).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
  });
});

describe("bodies and odd input (review findings)", () => {
  const raw = (server: TestServer, path: string, init: RequestInit & { headers?: Record<string, string> }) =>
    fetch(server.baseUrl + path, {
      method: "POST",
      redirect: "manual",
      ...init,
      headers: { origin: server.baseUrl, connection: "close", ...init.headers },
    });

  test("refuses bodies that are not forms, too large, or of unknown length, before reading them", async ({
    server,
  }) => {
    expect(
      (
        await raw(server, "/connexion", {
          body: JSON.stringify({ identifier: "x" }),
          headers: { "content-type": "application/json" },
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await raw(server, "/connexion", {
          body: "identifier=" + "a".repeat(70 * 1024),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
      ).status,
    ).toBe(413);
    const form = new FormData();
    form.append("identifier", "10000001");
    expect((await raw(server, "/connexion", { body: form })).status).toBe(415); // multipart only where files are expected
    const chunked = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode("identifier=1"));
        c.close();
      },
    });
    const streamed = {
      body: chunked,
      duplex: "half",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    } as RequestInit & { headers: Record<string, string> };
    expect((await raw(server, "/connexion", streamed)).status).toBe(411);
  });

  test("answers odd dates and ids in URLs and forms without a server error", async ({ server, member }) => {
    expect((await member.get("/remboursements?periode=0000")).status).toBe(200);
    const badCursor = Buffer.from("2024-02-30|00000000-0000-4000-8000-000000000000").toString("base64url");
    expect((await member.get(`/remboursements?apres=${badCursor}`)).status).toBe(200);
    expect((await member.get("/remboursements/export.csv?periode=0000")).status).toBe(200);
    expect((await member.get("/remboursements/releve.pdf?du=0000-01-01&au=0000-12-31")).status).toBe(400);
    const submit = await member.post("/demandes/nouvelle", { intent: "submit", brouillon: "0".repeat(36) });
    expect(submit.status).toBe(302);
    expect(submit.headers.get("location")).toBe("/demandes/nouvelle");
    const quote = await member.post("/devis/nouveau", {
      beneficiaryId: "x",
      acte0: "dentaire_soins",
      prix0: "9999999,99",
    });
    expect(quote.status).toBe(400);
    const noBoundary = await raw(server, "/demandes/nouvelle", {
      body: "garbage",
      headers: {
        "content-type": "multipart/form-data",
        cookie: [...member.cookies.values()].map((c) => `${c.name}=${c.value}`).join("; "),
      },
    });
    expect([302, 400]).toContain(noBoundary.status);
  });

  test("keeps signed-in pages out of every cache", async ({ member }) => {
    for (const path of ["/", "/remboursements", "/connexion?x=1"]) {
      expect((await member.get(path)).headers.get("cache-control"), path).toBe("no-store");
    }
  });
});
