import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// The job queue (ADR 0015): one row per run of a job. Workers claim due rows with FOR UPDATE SKIP LOCKED, so
// one row runs on one worker whatever the number of servers; a scheduled job's run for one time slot is one row
// (unique singleton_key `name@slot`), so every server may try to enqueue it and only one row exists.
export const jobStatuses = ["pending", "running", "done", "failed"] as const;

export const job = pgTable(
  "job",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    name: text("name").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status", { enum: jobStatuses }).notNull().default("pending"),
    // Set for scheduled runs (`bank_changes.apply@29412345`) and jobs that must be queued once.
    singletonKey: text("singleton_key").unique(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lockedBy: text("locked_by"),
    // The error's class and code only (never its message: it may carry personal data).
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("job_due_idx")
      .on(t.runAt)
      .where(sql`${t.status} = 'pending'`),
    index("job_name_idx").on(t.name, t.createdAt),
  ],
);

// Every outgoing mail, written in the transaction that causes it, then delivered by the worker (or at once,
// right after the commit, for what must leave immediately). A failed send is retried with back-off, never
// dropped; sent rows are deleted after a week (their bodies hold links with tokens).
export const mailStatuses = ["pending", "sending", "sent"] as const;

export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    status: text("status", { enum: mailStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // While `sending`: after this, a worker that died mid-send is presumed gone and the row is tried again.
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} <> 'sent'`),
  ],
);
