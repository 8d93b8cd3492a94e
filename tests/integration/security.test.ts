import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("security headers", () => {
  it("sends a nonce-based CSP, HSTS and the other headers on every page", async () => {
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.benoit.number, demo.benoit.password);
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

  it("caches fingerprinted assets for a year", async () => {
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
  it("refuses a sign-in posted from another origin", async () => {
    const client = new TestClient(server.baseUrl);
    const res = await client.post(
      "/connexion",
      { identifier: demo.benoit.number, password: demo.benoit.password },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(res.status).toBe(403);
    expect(client.cookies.size).toBe(0);
  });

  it("refuses a cross-site sign-out and keeps the member signed in", async () => {
    const client = new TestClient(server.baseUrl);
    await client.signIn(demo.benoit.number, demo.benoit.password);
    const bySite = await client.post("/deconnexion", {}, { origin: server.baseUrl, "sec-fetch-site": "cross-site" });
    expect(bySite.status).toBe(403);
    const byOrigin = await client.post("/deconnexion", {}, { origin: "http://evil.example", "sec-fetch-site": "" });
    expect(byOrigin.status).toBe(403);
    expect((await client.get("/")).status).toBe(200);
  });
});

describe("health and failures", () => {
  it("answers /healthz with 200 while the database answers", async () => {
    const res = await fetch(`${server.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("when the database is gone", () => {
  let broken: TestServer;
  beforeAll(async () => {
    broken = await startTestServer();
  });
  afterAll(() => broken.close());

  it("answers /healthz 503 and shows a French error page, never a stack trace", async () => {
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
