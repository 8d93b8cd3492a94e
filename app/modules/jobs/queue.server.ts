// The job queue (ADR 0015): a table in our own schema, claimed with FOR UPDATE SKIP LOCKED, so the same code
// runs on the embedded PGlite (one connection, one process) and on PostgreSQL behind any number of servers.
// Times are the database's now(): the queue's bookkeeping is technical time, never a business date.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { errorSummary } from "../shared/logger.server.ts";

export interface ClaimedJob {
  id: number;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/** A job that runs every `everySeconds`: once per slot across every server (one row per `name@slot`). */
export interface Schedule {
  name: string;
  everySeconds: number;
  maxAttempts?: number;
}

/** A running job whose worker stopped answering this long ago is presumed dead: its row is tried again. */
export const STALE_AFTER_SECONDS = 15 * 60;

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Seconds to wait before attempt `attempt + 1`: 30 s, 1 min, 2 min… up to an hour. */
export function defaultBackoff(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}

export async function enqueueJob(
  db: Db,
  name: string,
  payload: Record<string, unknown> = {},
  options: { singletonKey?: string; delaySeconds?: number; maxAttempts?: number } = {},
): Promise<number | null> {
  const result = await db.execute(sql`
    insert into job (name, payload, singleton_key, max_attempts, run_at)
    values (${name}, ${JSON.stringify(payload)}::jsonb, ${options.singletonKey ?? null}, ${options.maxAttempts ?? 5},
            now() + make_interval(secs => ${options.delaySeconds ?? 0}))
    on conflict (singleton_key) do nothing
    returning id`);
  const row = rows<{ id: string | number }>(result)[0];
  return row ? Number(row.id) : null;
}

/** Empties a job's payload once handled, for a job whose payload is personal data (what a visitor typed). */
export async function clearJobPayload(db: Db, id: number): Promise<void> {
  await db.execute(sql`update job set payload = '{}'::jsonb where id = ${id}`);
}

/** Inserts this slot's run of every schedule; a run another server already inserted is left as it is. */
export async function enqueueDueSchedules(db: Db, schedules: readonly Schedule[]): Promise<number> {
  let created = 0;
  for (const s of schedules) {
    const result = await db.execute(sql`
      insert into job (name, singleton_key, max_attempts)
      values (${s.name}, ${s.name} || '@' || floor(extract(epoch from now()) / ${s.everySeconds})::bigint::text,
              ${s.maxAttempts ?? 3})
      on conflict (singleton_key) do nothing
      returning id`);
    created += rows(result).length;
  }
  return created;
}

/** Claims up to `limit` due jobs for `workerId`; a row claimed here is invisible to every other worker. */
export async function claimJobs(db: Db, workerId: string, limit: number): Promise<ClaimedJob[]> {
  // Jobs left `running` by a worker that died (kill -9, power cut) go back to the queue, or fail for good.
  await db.execute(sql`
    update job set status = case when attempts >= max_attempts then 'failed' else 'pending' end,
      last_error = 'WorkerLost', locked_at = null, locked_by = null, run_at = now(),
      finished_at = case when attempts >= max_attempts then now() end
    where status = 'running' and locked_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})`);
  const result = await db.execute(sql`
    update job set status = 'running', locked_at = now(), locked_by = ${workerId}, attempts = attempts + 1
    where id in (
      select id from job where status = 'pending' and run_at <= now()
      order by run_at, id limit ${limit}
      for update skip locked)
    returning id, name, payload, attempts, max_attempts as "maxAttempts"`);
  return rows<Omit<ClaimedJob, "id"> & { id: string | number }>(result).map((j) => ({
    ...j,
    id: Number(j.id),
    payload: typeof j.payload === "string" ? (JSON.parse(j.payload) as Record<string, unknown>) : j.payload,
  }));
}

export async function completeJob(db: Db, id: number): Promise<void> {
  await db.execute(sql`
    update job set status = 'done', finished_at = now(), locked_at = null, last_error = null where id = ${id}`);
}

/** Back to the queue after `retryInSeconds`, or failed for good once its attempts are spent. */
export async function failJob(
  db: Db,
  job: Pick<ClaimedJob, "id" | "attempts" | "maxAttempts">,
  error: unknown,
  retryInSeconds: number,
): Promise<"retry" | "failed"> {
  const { name, code } = errorSummary(error);
  const lastError = code ? `${name} ${code}` : name;
  const final = job.attempts >= job.maxAttempts;
  await db.execute(sql`
    update job set status = ${final ? "failed" : "pending"}, last_error = ${lastError}, locked_at = null,
      locked_by = null, run_at = now() + make_interval(secs => ${retryInSeconds}),
      finished_at = ${final ? sql`now()` : null}
    where id = ${job.id}`);
  return final ? "failed" : "retry";
}

/** Finished jobs are kept a week for operators, failed ones a month. */
export async function purgeOldJobs(db: Db): Promise<number> {
  const result = await db.execute(sql`
    delete from job where (status = 'done' and finished_at < now() - interval '7 days')
      or (status = 'failed' and finished_at < now() - interval '30 days')
    returning id`);
  return rows(result).length;
}

export interface QueueCounts {
  /** Jobs waiting (due or not) and running, by name. */
  byName: { name: string; status: string; count: number }[];
  pending: number;
  running: number;
  failed: number;
  mailPending: number;
}

export async function queueCounts(db: Db): Promise<QueueCounts> {
  const byName = rows<{ name: string; status: string; count: string | number }>(
    await db.execute(sql`
      select name, status, count(*) as count from job
      where status in ('pending', 'running') or (status = 'failed' and finished_at > now() - interval '1 day')
      group by name, status order by name, status`),
  ).map((r) => ({ ...r, count: Number(r.count) }));
  const mailPending = await pendingMails(db);
  const sum = (status: string) => byName.filter((r) => r.status === status).reduce((n, r) => n + r.count, 0);
  return {
    byName,
    pending: sum("pending"),
    running: sum("running"),
    failed: sum("failed"),
    mailPending,
  };
}

/** Mails not yet accepted by SMTP (pending or being sent). */
export async function pendingMails(db: Db): Promise<number> {
  const [row] = rows<{ count: string | number }>(
    await db.execute(sql`select count(*) as count from mail_outbox where status <> 'sent'`),
  );
  return Number(row?.count ?? 0);
}

export interface JobRow {
  id: number;
  name: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lockedBy: string | null;
  lastError: string | null;
  finishedAt: string | null;
}

/** The latest jobs, newest first (operators' CLI). */
export async function recentJobs(db: Db, limit = 50, status?: string): Promise<JobRow[]> {
  return rows<JobRow>(
    await db.execute(sql`
      select id, name, status, attempts, max_attempts as "maxAttempts", run_at as "runAt", locked_by as "lockedBy",
        last_error as "lastError", finished_at as "finishedAt"
      from job ${status ? sql`where status = ${status}` : sql``} order by id desc limit ${limit}`),
  );
}
