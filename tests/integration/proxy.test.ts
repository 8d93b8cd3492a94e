// Behind a real load balancer (HAProxy, one hop): TRUST_PROXY=1, the value the README gives for production,
// must make the portal see each member's own address — not the balancer's, and not one a client wrote itself.
import { request } from "node:http";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { demo } from "../support/http-client.ts";
import { type Proxy, startHaproxy } from "../support/haproxy.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

/** A sign-in form post sent from a given loopback address (127.0.0.0/8 is all this machine's). */
function signInFrom(
  proxy: Proxy,
  localAddress: string,
  identifier: string,
  password: string,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams({ identifier, password }).toString();
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: proxy.port,
        localAddress,
        method: "POST",
        path: "/connexion",
        headers: {
          origin: proxy.baseUrl,
          "sec-fetch-site": "same-origin",
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function lastSignInAddress(server: TestServer): Promise<string | null> {
  const [row] = await server.services.db
    .select({ ip: auditLog.ipAddress })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.sign_in"), eq(auditLog.outcome, "success")))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row?.ip ?? null;
}

describe("behind a load balancer with TRUST_PROXY=1", () => {
  let server: TestServer;
  let proxy: Proxy;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: "1" } });
    proxy = await startHaproxy([Number(new URL(server.baseUrl).port)]);
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  it("records the member's own address, not the balancer's nor one the client forged", async () => {
    const status = await signInFrom(proxy, "127.0.0.2", demo.benoit.number, demo.benoit.password, {
      "x-forwarded-for": "198.51.100.7",
    });
    expect(status).toBe(302);
    expect(await lastSignInAddress(server)).toBe("127.0.0.2");
  });

  it("does not lock every member out when one address runs into the sign-in limit", async () => {
    let status = 0;
    for (let attempt = 0; attempt < 200 && status !== 429; attempt++) {
      status = await signInFrom(proxy, "127.0.0.3", `inconnu.${attempt}@example.com`, "mauvais-mot-de-passe");
    }
    expect(status).toBe(429);
    // Another member, through the same balancer, from their own address: still welcome.
    expect(await signInFrom(proxy, "127.0.0.4", demo.claire.number, demo.claire.password)).toBe(302);
    expect(await lastSignInAddress(server)).toBe("127.0.0.4");
  });
});

describe("without TRUST_PROXY", () => {
  it("ignores X-Forwarded-For: a client cannot choose the address it is recorded under", async () => {
    const server = await startTestServer();
    const proxy = await startHaproxy([Number(new URL(server.baseUrl).port)]);
    try {
      expect(
        await signInFrom(proxy, "127.0.0.5", demo.benoit.number, demo.benoit.password, {
          "x-forwarded-for": "198.51.100.7",
        }),
      ).toBe(302);
      expect(await lastSignInAddress(server)).toBe("127.0.0.1");
    } finally {
      await proxy.close();
      await server.close();
    }
  });
});
