// Two real app servers (`node server.js`, each its own process, pool and job runner) on one PostgreSQL with a
// shared upload folder, behind a real HAProxy: a member signs in on one and carries on on the other, an advisor
// opens on B the file uploaded through A, a due RIB change is applied once and each scheduled run is done by
// one server only. PostgreSQL only: the embedded database lives in one process.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { type Proxy, startHaproxy } from "../support/haproxy.ts";
import { type Running, startNode, waitForPort } from "../support/process.ts";
import { signInAdvisor, stepUpByEmail } from "../support/step-up.ts";
import { recentDay } from "../support/clock.ts";

const onPostgres = process.env.TEST_DB === "postgres";
// The same key on both servers, as in production.
const ibanKey = `k1:${randomBytes(32).toString("base64")}`;

describe.skipIf(!onPostgres)("two app servers behind HAProxy", { timeout: 300_000 }, () => {
  let adminUrl: string;
  let databaseName: string;
  let sql: pg.Client;
  let sharedUploads: string;
  const servers: { running: Running; port: number; dataDir: string; url: string }[] = [];
  let proxy: Proxy;

  beforeAll(async () => {
    adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL!;
    databaseName = `${inject("postgresTemplate")}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${databaseName} template ${inject("postgresTemplate")}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    sql = new pg.Client({ connectionString: url.toString() });
    await sql.connect();
    sharedUploads = await mkdtemp(join(tmpdir(), "espace-shared-uploads-"));
    for (let i = 0; i < 2; i++) {
      const dataDir = await mkdtemp(join(tmpdir(), `espace-server-${i}-`));
      const running = startNode("server.js", {
        PORT: "0",
        DATA_DIR: dataDir,
        UPLOAD_DIR: sharedUploads,
        DATABASE_URL: url.toString(),
        DATABASE_POOL_MAX: "4",
        AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
        IBAN_ENCRYPTION_KEYS: ibanKey,
        BANK_CHANGE_HOLD_HOURS: "48",
        JOBS_POLL_SECONDS: "1",
      });
      servers.push({ running, dataDir, port: 0, url: "" });
    }
    for (const s of servers) {
      s.port = await waitForPort(s.running);
      s.url = `http://127.0.0.1:${s.port}`;
    }
    proxy = await startHaproxy(servers.map((s) => s.port));
  });

  afterAll(async () => {
    await proxy?.close();
    for (const s of servers) {
      s.running.child.kill("SIGTERM");
      await s.running.exited;
      await rm(s.dataDir, { recursive: true, force: true });
    }
    await sql?.end();
    await rm(sharedUploads, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  });

  const [a, b] = [() => servers[0]!, () => servers[1]!];
  /** The job_done lines a server wrote: job id and name. */
  const jobsDoneBy = (s: { running: Running }) =>
    [...s.running.output().matchAll(/"event":"job_done","job":"([^"]+)","jobId":(\d+)/g)].map((m) => ({
      name: m[1]!,
      id: Number(m[2]),
    }));

  it("runs each scheduled run on one server only", async () => {
    // Both servers raced for the first slots when they started: every hourly job ran, each by one of them.
    await vi.waitFor(
      () => {
        const names = [...jobsDoneBy(a()), ...jobsDoneBy(b())].map((j) => j.name);
        for (const name of ["uploads.orphan_sweep", "claims.draft_expiry", "messaging.maintenance", "jobs.purge"])
          expect(names).toContain(name);
      },
      { timeout: 60_000, interval: 200 },
    );
    const idsA = new Set(jobsDoneBy(a()).map((j) => j.id));
    const both = jobsDoneBy(b()).filter((j) => idsA.has(j.id));
    expect(both).toEqual([]);
    const { rows } = await sql.query<{ key: string; n: string }>(
      "select singleton_key as key, count(*) as n from job where singleton_key is not null group by 1 having count(*) > 1",
    );
    expect(rows).toEqual([]);
  });

  it("keeps a member signed in from one server to the other, and through the balancer", async () => {
    const onA = new TestClient(a().url);
    await onA.signIn(demo.benoit.number, demo.benoit.password);
    const onB = new TestClient(b().url);
    for (const [name, cookie] of onA.cookies) onB.cookies.set(name, cookie);
    const page = await onB.get("/remboursements");
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain("Mes remboursements");

    // Through HAProxy, requests land on both servers (their request ids show up in each one's log).
    const viaProxy = new TestClient(proxy.baseUrl);
    for (const [name, cookie] of onA.cookies) viaProxy.cookies.set(name, cookie);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await viaProxy.get("/remboursements", { connection: "close" });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      ids.push(res.headers.get("x-request-id")!);
    }
    await vi.waitFor(() => {
      const servedBy = (s: { running: Running }) => ids.filter((id) => s.running.output().includes(id)).length;
      expect(servedBy(a()) + servedBy(b())).toBe(6);
      expect(servedBy(a())).toBeGreaterThan(0);
      expect(servedBy(b())).toBeGreaterThan(0);
    });
  });

  it("lets an advisor on B open the file a member uploaded through A", async () => {
    const member = new TestClient(a().url);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    const { rows: louise } = await sql.query<{ id: string }>(
      "select p.id from person p join household h on h.id = p.household_id where h.member_number = $1 and p.first_name = 'Louise'",
      [demo.benoit.number],
    );
    const started = await member.post("/demandes/nouvelle", {
      intent: "details",
      beneficiaryId: louise[0]!.id,
      careType: "chiropractie",
      lieu: "france",
      careDate: recentDay("2026-11-20"),
      amount: "80,00",
    });
    const draftId = new URL(started.headers.get("location")!, a().url).searchParams.get("brouillon")!;
    const bytes = Buffer.from(
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    );
    const uploaded = await member.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
      { name: "facture.pdf", bytes },
    ]);
    expect(uploaded.status).toBe(302);
    const submitted = await member.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
    const claimId = submitted.headers.get("location")!.split("?")[0]!.split("/").pop()!;
    const { rows: files } = await sql.query<{ id: string }>(
      "select id from request_file where original_name = 'facture.pdf' order by created_at desc limit 1",
    );

    const advisor = new TestClient(b().url);
    await signInAdvisor(advisor, b().dataDir);
    const download = await advisor.get(`/back-office/demandes/${claimId}/fichiers/${files[0]!.id}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("applies a due RIB change once while both servers run the jobs", async () => {
    const member = new TestClient(a().url);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    await stepUpByEmail(member, a().dataDir, demo.benoit.email, demo.benoit.password);
    const res = await member.post("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat", {
      iban: "FR7630006000011234567890189",
      holderName: "Benoit Brouez",
    });
    expect(res.status).toBe(302);
    const { rows } = await sql.query<{ id: string; household_id: string }>(
      "select id, household_id from bank_change where status = 'pending' order by requested_at desc limit 1",
    );
    const change = rows[0]!;
    // The alert was sent by A, at once, through its outbox row.
    const { rows: mails } = await sql.query<{ status: string }>(
      "select status from mail_outbox where subject like 'Alerte sécurité : vos coordonnées bancaires%'",
    );
    expect(mails.map((m) => m.status)).toEqual(["sent"]);
    // 48 hours later (the hold moved back): the next minute's slot applies it, on one of the two servers.
    await sql.query("update bank_change set effective_at = effective_at - interval '49 hours' where id = $1", [
      change.id,
    ]);
    await vi.waitFor(
      async () => {
        const { rows: now } = await sql.query("select status from bank_change where id = $1", [change.id]);
        expect(now[0].status).toBe("applied");
      },
      { timeout: 120_000, interval: 500 },
    );
    const { rows: audits } = await sql.query(
      "select 1 from audit_log where action = 'banking.change_applied' and household_id = $1",
      [change.household_id],
    );
    expect(audits).toHaveLength(1);
  });

  it("keeps serving through the balancer when one server is killed (kill -9) under load", async () => {
    const checked = await startHaproxy(
      servers.map((s) => s.port),
      { readinessChecks: true },
    );
    try {
      const member = new TestClient(a().url);
      await member.signIn(demo.benoit.number, demo.benoit.password);
      const cookie = [...member.cookies.values()].map((c) => `${c.name}=${c.value}`).join("; ");
      const inFlight = 4;
      const total = 120;
      let sent = 0;
      let done = 0;
      let failed = 0;
      let killed = false;
      const worker = async () => {
        while (sent < total) {
          sent++;
          // A response cut mid-body (B died while sending it) counts as a failure too.
          const ok = await fetch(`${checked.baseUrl}/remboursements`, {
            headers: { cookie, "sec-fetch-site": "same-origin" },
            redirect: "manual",
          })
            .then(async (res) => {
              await res.arrayBuffer();
              return res.status === 200;
            })
            .catch(() => false);
          if (!ok) failed++;
          done++;
          if (!killed && done >= 30) {
            killed = true;
            b().running.child.kill("SIGKILL");
          }
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
      expect(killed).toBe(true);
      expect(done).toBe(total);
      // At most the requests B was answering when it died; HAProxy retried the ones that found it gone.
      expect(failed).toBeLessThanOrEqual(inFlight);
      await b().running.exited;
    } finally {
      await checked.close();
    }
  });
});
