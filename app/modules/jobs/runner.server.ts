// Runs the queue in a server process: every few seconds it inserts the scheduled runs that are due (one row per
// slot whatever the number of servers), claims due jobs, runs each behind a try/catch (a job that throws is
// retried with back-off; it never takes the server down), then sends the mail and push outboxes' due rows.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/client.server.ts";
import { errorSummary, type Logger } from "../shared/logger.server.ts";
import {
  claimJobs,
  completeJob,
  defaultBackoff,
  enqueueDueSchedules,
  failJob,
  type ClaimedJob,
  type Schedule,
} from "./queue.server.ts";

export type JobHandler = (payload: Record<string, unknown>, job: ClaimedJob) => Promise<unknown>;

export interface JobRunnerOptions {
  db: Db;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  schedules: readonly Schedule[];
  /** Sends the mail outbox's due rows after each round (the application's mailer). */
  mail?: { deliverDue(limit?: number): Promise<{ sent: number; failed: number }> };
  /** Sends the push outbox's due rows after the mail (the application's push sender). */
  push?: { deliverDue(limit?: number): Promise<{ sent: number; failed: number; removed: number }> };
  workerId?: string;
  pollMs?: number;
  /** Jobs run at once by one worker. */
  concurrency?: number;
  backoff?: (attempt: number) => number;
  /** Called after each job with its outcome (metrics). */
  onOutcome?: (name: string, outcome: "done" | "retry" | "failed", seconds: number) => void;
}

export interface JobRunner {
  readonly workerId: string;
  /** One round: schedules, due jobs, due mail. Resolves when they are all finished. */
  runOnce(): Promise<{ ran: number; failed: number }>;
  start(): void;
  /** Stops polling and waits for the round under way (graceful shutdown). */
  stop(): Promise<void>;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, logger, handlers, schedules } = options;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const backoff = options.backoff ?? defaultBackoff;
  const concurrency = options.concurrency ?? 4;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;

  async function runJob(job: ClaimedJob): Promise<boolean> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const handler = handlers[job.name];
    try {
      if (!handler) throw Object.assign(new Error("unknown job"), { name: "UnknownJob" });
      const result = await Promise.resolve().then(() => handler(job.payload, job));
      await completeJob(db, job.id);
      logger.info({ event: "job_done", job: job.name, jobId: job.id, attempt: job.attempts, result });
      options.onOutcome?.(job.name, "done", seconds());
      return true;
    } catch (error) {
      const outcome = await failJob(db, job, error, backoff(job.attempts)).catch(() => "retry" as const);
      logger.error({
        event: outcome === "failed" ? "job_failed" : "job_retry",
        job: job.name,
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        err: errorSummary(error),
      });
      options.onOutcome?.(job.name, outcome, seconds());
      return false;
    }
  }

  async function round(): Promise<{ ran: number; failed: number }> {
    await enqueueDueSchedules(db, schedules);
    let ran = 0;
    let failed = 0;
    for (;;) {
      const jobs = await claimJobs(db, workerId, concurrency);
      if (jobs.length === 0) break;
      const results = await Promise.all(jobs.map(runJob));
      ran += results.length;
      failed += results.filter((ok) => !ok).length;
      if (stopped) break;
    }
    if (options.mail && !stopped) {
      const mail = await options.mail.deliverDue();
      if (mail.sent || mail.failed) logger.info({ event: "mail_outbox_delivered", ...mail });
    }
    if (options.push && !stopped) {
      const push = await options.push.deliverDue();
      if (push.sent || push.failed || push.removed) logger.info({ event: "push_outbox_delivered", ...push });
    }
    return { ran, failed };
  }

  const runner: JobRunner = {
    workerId,
    runOnce() {
      const current = round();
      running = current.catch(() => {});
      return current;
    },
    start() {
      const loop = () => {
        if (stopped) return;
        runner
          .runOnce()
          .catch((error: unknown) => {
            logger.error({ event: "job_runner_round_failed", err: errorSummary(error) });
          })
          .finally(() => {
            if (!stopped) timer = setTimeout(loop, options.pollMs ?? 5_000).unref();
          });
      };
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
  return runner;
}
