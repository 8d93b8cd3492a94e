// What operators run the portal with: liveness and readiness (database, migrations, draining), a request id
// per request in the response header and on every log line of that request, and Prometheus metrics behind a
// token, labelled by route pattern, with the job queue's depth and the mail outbox.
import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../app/modules/shared/logger.server.ts";
import { enqueueJob } from "../../app/modules/jobs/queue.server.ts";
import { demo, TestClient } from "../support/http-client.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const token = "metrics-token-0123456789abcdef";
let server: TestServer;
const lines: Record<string, unknown>[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const l of chunk.toString().split("\n").filter(Boolean))
        lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  server = await startTestServer({
    // The test's own connection comes from 127.0.0.1: it plays the trusted proxy.
    env: { METRICS_TOKEN: token, TRUST_PROXY: "loopback" },
    overrides: { logger: createLogger("info", sink) },
  });
});
afterAll(() => server.close());

describe("liveness and readiness", () => {
  it("answers /livez and /readyz while all is well", async () => {
    const live = await fetch(`${server.baseUrl}/livez`);
    expect(live.status).toBe(200);
    expect(live.headers.get("cache-control")).toBe("no-store");
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok" });
  });

  it("is not ready while the database lacks this build's latest migration, nor while draining", async () => {
    const db = server.services.db;
    const latest = sql`(select max(created_at) from drizzle.__drizzle_migrations)`;
    await db.execute(
      sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where created_at = ${latest}`,
    );
    try {
      const res = await fetch(`${server.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "migrations_pending" });
      expect((await fetch(`${server.baseUrl}/livez`)).status).toBe(200);
    } finally {
      await db.execute(
        sql`update drizzle.__drizzle_migrations set created_at = created_at + 1 where created_at = ${latest}`,
      );
    }
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);

    server.services.lifecycle.draining = true;
    try {
      const res = await fetch(`${server.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "draining" });
      expect((await fetch(`${server.baseUrl}/livez`)).status).toBe(200);
    } finally {
      server.services.lifecycle.draining = false;
    }
  });

  it("is not ready without its database, yet alive", async () => {
    const broken = await startTestServer();
    try {
      await broken.services.database.close();
      const ready = await fetch(`${broken.baseUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "database_unavailable" });
      expect((await fetch(`${broken.baseUrl}/livez`)).status).toBe(200);
    } finally {
      await broken.close().catch(() => {});
    }
  });
});

describe("request id", () => {
  it("gives each request its own id in X-Request-Id", async () => {
    const a = await fetch(`${server.baseUrl}/connexion`);
    const b = await fetch(`${server.baseUrl}/connexion`);
    const idA = a.headers.get("x-request-id");
    expect(idA).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers.get("x-request-id")).not.toBe(idA);
  });

  it("puts the request's id on the log lines written while serving it, even after the answer", async () => {
    // SMTP out of reach (nothing listens on port 9 here): the password-reset mail fails and says so in the log.
    const own: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const l of chunk.toString().split("\n").filter(Boolean))
          own.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const noSmtp = await startTestServer({
      env: { SMTP_URL: "smtp://127.0.0.1:9" },
      overrides: { logger: createLogger("info", sink) },
    });
    try {
      const res = await new TestClient(noSmtp.baseUrl).post("/mot-de-passe-oublie", { identifier: demo.benoit.number });
      const id = res.headers.get("x-request-id")!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await vi.waitFor(
        () => {
          expect(own.filter((l) => l.requestId === id).map((l) => l.event)).toEqual(
            expect.arrayContaining(["http_request", "mail_send_failed"]),
          );
        },
        { timeout: 30_000 },
      );
      // Every line logged for a request carries an id; no mail failure was logged outside one.
      expect(own.filter((l) => l.event === "mail_send_failed" && l.requestId !== id)).toEqual([]);
    } finally {
      await noSmtp.close();
    }
  });

  it("keeps a sane id from the trusted proxy, replaces a dubious one", async () => {
    const kept = await fetch(`${server.baseUrl}/livez`, { headers: { "x-request-id": "7F000001:D2F0_656B1F2A_0042" } });
    expect(kept.headers.get("x-request-id")).toBe("7F000001:D2F0_656B1F2A_0042");
    const replaced = await fetch(`${server.baseUrl}/livez`, { headers: { "x-request-id": "a b<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("ignores a client's id when no proxy is trusted", async () => {
    const direct = await startTestServer();
    try {
      const res = await fetch(`${direct.baseUrl}/livez`, { headers: { "x-request-id": "chosen-by-the-client" } });
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await direct.close();
    }
  });
});

describe("/metrics", () => {
  it("needs the token", async () => {
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const withoutToken = await startTestServer();
    try {
      const res = await fetch(`${withoutToken.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(404);
    } finally {
      await withoutToken.close();
    }
  });

  it("counts requests by route pattern, and shows the job queue and the mail outbox", async () => {
    const advisor = new TestClient(server.baseUrl);
    await signInAdvisor(advisor, server.dataDir, demo.advisor);
    expect((await advisor.get(`/back-office/adherents/${demo.claire.number}`)).status).toBe(200);
    await fetch(`${server.baseUrl}/une/adresse/inventee/${demo.claire.number}`);
    await enqueueJob(server.services.db, "test.waiting", {}, { delaySeconds: 3600 });
    await server.services.mailer.enqueue(server.services.db, { to: "x@example.net", subject: "En attente", text: "." });

    const res = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const body = await res.text();
    expect(body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/back-office\/adherents\/:memberNumber",status="200"\} [1-9]/,
    );
    expect(body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/readyz",status="200"\} [1-9]/);
    // Never a member number, whatever the path: no label value carries it. (Not a plain substring test: a
    // memory or CPU figure may contain the same eight digits by chance.)
    const labelValues = [...body.matchAll(/="([^"]*)"/g)].map((m) => m[1]);
    expect(labelValues.length).toBeGreaterThan(0);
    expect(labelValues.filter((v) => v?.includes(demo.claire.number))).toEqual([]);
    expect(body).toMatch(/job_queue_depth\{job="test.waiting",status="pending"\} 1/);
    expect(body).toMatch(/mail_outbox_pending [1-9]/);
    expect(body).toContain("process_cpu_seconds_total");
  });
});
