// The job queue (ADR 0015) on the real database, PGlite and PostgreSQL: two workers competing for the same
// scheduled run and the same job run it once; a failing job is retried with back-off, then succeeds or fails
// for good, and never stops its worker; a due RIB change is applied by the scheduled job, once.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppJobRunner } from "../../app/jobs.server.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { bankChange } from "../../app/modules/banking/schema.ts";
import { household } from "../../app/modules/households/schema.ts";
import { createJobRunner, type JobHandler } from "../../app/modules/jobs/runner.server.ts";
import { enqueueJob, queueCounts, recentJobs } from "../../app/modules/jobs/queue.server.ts";
import { job } from "../../app/modules/jobs/schema.ts";
import { demo, TestClient } from "../support/http-client.ts";
import { stepUpByEmail } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { BANK_CHANGE_HOLD_HOURS: "48" } });
});
afterAll(() => server.close());

const db = () => server.services.db;
const silent = () => server.services.logger;

function runner(workerId: string, handlers: Record<string, JobHandler>, schedules = [] as never[]) {
  return createJobRunner({ db: db(), logger: silent(), handlers, schedules, workerId, backoff: () => 0 });
}

describe("job queue", () => {
  it("runs a scheduled slot once when two workers compete for it, round after round", async () => {
    let runs = 0;
    const handlers = { "test.hourly": () => Promise.resolve(void runs++) };
    const schedules = [{ name: "test.hourly", everySeconds: 3600 }];
    const a = createJobRunner({ db: db(), logger: silent(), handlers, schedules, workerId: "a" });
    const b = createJobRunner({ db: db(), logger: silent(), handlers, schedules, workerId: "b" });
    for (let round = 0; round < 5; round++) await Promise.all([a.runOnce(), b.runOnce()]);
    const rows = await db().select().from(job).where(eq(job.name, "test.hourly"));
    // One row for this hour's slot (two if the hour turned during the rounds), each run once.
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(runs).toBe(rows.length);
    expect(rows.every((r) => r.status === "done" && r.attempts === 1)).toBe(true);
    expect(rows[0]!.singletonKey).toMatch(/^test\.hourly@\d+$/);
  });

  it("gives one queued job to one of two competing workers", async () => {
    const ranBy: string[] = [];
    const handlers = (who: string) => ({ "test.once": () => Promise.resolve(void ranBy.push(who)) });
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await enqueueJob(db(), "test.once", { i }));
    const a = runner("a", handlers("a"));
    const b = runner("b", handlers("b"));
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    expect(ranBy).toHaveLength(6);
    const rows = await db().select().from(job).where(eq(job.name, "test.once"));
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill("done"));
    // A job queued twice under the same key is one row (due in an hour: no runner here takes it).
    const later = { singletonKey: "only-one", delaySeconds: 3600 };
    expect(await enqueueJob(db(), "test.singleton", {}, later)).not.toBeNull();
    expect(await enqueueJob(db(), "test.singleton", {}, later)).toBeNull();
  });

  it("retries a failing job with back-off, records the error class, and keeps the worker running", async () => {
    let calls = 0;
    const handlers: Record<string, JobHandler> = {
      "test.flaky": () => {
        calls++;
        if (calls === 1) return Promise.reject(new TypeError("première tentative ratée (message jamais enregistré)"));
        return Promise.resolve({ ok: true });
      },
      // A synchronous throw too: the worker must survive it.
      "test.broken": () => {
        throw new RangeError("toujours en panne");
      },
    };
    const id = (await enqueueJob(db(), "test.flaky", {}, { maxAttempts: 3 }))!;
    const brokenId = (await enqueueJob(db(), "test.broken", {}, { maxAttempts: 2 }))!;
    // A real back-off: the retry is not due before its time.
    const slow = createJobRunner({ db: db(), logger: silent(), handlers, schedules: [], backoff: () => 3600 });
    expect(await slow.runOnce()).toEqual({ ran: 2, failed: 2 });
    let [row] = await db().select().from(job).where(eq(job.id, id));
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "TypeError" });
    expect(row!.runAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(3500 * 1000);
    expect(await slow.runOnce()).toEqual({ ran: 0, failed: 0 });

    // Once due (here: brought forward), the second attempt succeeds; the broken one fails for good.
    await db()
      .update(job)
      .set({ runAt: sql`now()` })
      .where(sql`${job.id} in (${id}, ${brokenId})`);
    expect(await slow.runOnce()).toEqual({ ran: 2, failed: 1 });
    [row] = await db().select().from(job).where(eq(job.id, id));
    expect(row).toMatchObject({ status: "done", attempts: 2, lastError: null });
    const [broken] = await db().select().from(job).where(eq(job.id, brokenId));
    expect(broken).toMatchObject({ status: "failed", attempts: 2, lastError: "RangeError" });
    expect(calls).toBe(2);
    // Operators see it (the CLI and /metrics read these).
    expect((await queueCounts(db())).byName).toContainEqual({ name: "test.broken", status: "failed", count: 1 });
    expect((await recentJobs(db(), 10, "failed")).map((j) => j.name)).toContain("test.broken");
  });

  it("puts a job whose worker died back in the queue", async () => {
    const id = (await enqueueJob(db(), "test.orphaned"))!;
    await db()
      .update(job)
      .set({ status: "running", attempts: 1, lockedBy: "dead", lockedAt: sql`now() - interval '1 hour'` })
      .where(eq(job.id, id));
    let ran = 0;
    await runner("alive", { "test.orphaned": () => Promise.resolve(void ran++) }).runOnce();
    expect(ran).toBe(1);
    const [row] = await db().select().from(job).where(eq(job.id, id));
    expect(row).toMatchObject({ status: "done", attempts: 2, lockedBy: "alive" });
  });
});

describe("the RIB hold, ended by the scheduled job", () => {
  it("applies a due change once, whatever the number of servers running the jobs", async () => {
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password);
    const [before] = await db()
      .select({ id: household.id, bankAccountId: household.bankAccountId })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    const res = await benoit.post("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat", {
      iban: "FR7630006000011234567890189",
      holderName: "Benoit Brouez",
    });
    expect(res.status).toBe(302);
    const [change] = await db()
      .select()
      .from(bankChange)
      .where(and(eq(bankChange.householdId, before!.id), eq(bankChange.status, "pending")));
    // The hold is 48 hours: the job leaves it alone.
    const a = createAppJobRunner(server.services, { workerId: "server-a" });
    const b = createAppJobRunner(server.services, { workerId: "server-b" });
    await Promise.all([a.runOnce(), b.runOnce()]);
    expect((await db().select().from(bankChange).where(eq(bankChange.id, change!.id)))[0]!.status).toBe("pending");

    // 48 hours later (the hold moved back rather than the clock forward), the next minute's slot applies it.
    await db()
      .update(bankChange)
      .set({ effectiveAt: sql`${bankChange.effectiveAt} - interval '49 hours'` })
      .where(eq(bankChange.id, change!.id));
    await db().delete(job).where(eq(job.name, "bank_changes.apply")); // as if this minute's slot had not run
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);

    const [after] = await db().select().from(bankChange).where(eq(bankChange.id, change!.id));
    expect(after!.status).toBe("applied");
    const [now] = await db()
      .select({ bankAccountId: household.bankAccountId })
      .from(household)
      .where(eq(household.id, before!.id));
    expect(now!.bankAccountId).toBe(change!.newBankAccountId);
    const applied = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "banking.change_applied"), eq(auditLog.householdId, before!.id)));
    expect(applied).toHaveLength(1);
    const runs = await db().select().from(job).where(eq(job.name, "bank_changes.apply"));
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.status === "done")).toBe(true);
  });
});
