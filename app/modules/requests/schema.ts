import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";
import { household, person } from "../households/schema.ts";

export const requestKinds = [
  "claim",
  "quote",
  "bank_details",
  "beneficiary",
  "data_rights",
  "level_change",
  "termination",
] as const;
export const requestStatuses = [
  "submitted",
  "in_progress",
  "missing_document",
  "accepted",
  "refused",
  "paid",
  "cancelled",
] as const;

// A démarche: anything the member filed and can follow.
export const memberRequest = pgTable(
  "member_request",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: text("reference").notNull().unique(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    beneficiaryId: uuid("beneficiary_id").references(() => person.id),
    kind: text("kind", { enum: requestKinds }).notNull(),
    careType: text("care_type"),
    careDate: date("care_date"),
    subject: text("subject"),
    amountCents: integer("amount_cents"),
    abroad: boolean("abroad").notNull().default(false),
    country: text("country"),
    currency: text("currency"),
    // The claim draft (or quote estimate) it came from: submitting it twice finds this row instead of a new
    // one. Unique per household, not overall: another household's key never collides with, nor blocks, ours.
    idempotencyKey: uuid("idempotency_key"),
    decisionReason: text("decision_reason"),
    // What the mutuelle paid for it, once paid.
    paidCents: integer("paid_cents"),
    // A quote's lines and the estimate shown to the member when it was sent (what the advisor confirms).
    details: jsonb("details").$type<Record<string, unknown>>(),
    status: text("status", { enum: requestStatuses }).notNull().default("submitted"),
    // "Take it": the advisor handling it, so two advisors do not work the same request.
    assignedTo: text("assigned_to").references(() => user.id, { onDelete: "set null" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("member_request_household_idx").on(t.householdId, t.createdAt.desc().nullsFirst()),
    unique("member_request_household_idempotency_key_unique").on(t.householdId, t.idempotencyKey),
    // The back-office queues: open requests of one kind, oldest first.
    index("member_request_queue_idx").on(t.kind, t.status, t.createdAt),
    // One open data-rights démarche per household and right (erasure, restriction, objection): two quick posts
    // that both passed the check cannot both insert (personal-data/rights.server.ts answers the second in French).
    uniqueIndex("member_request_open_data_right_unique")
      .on(t.householdId, sql`(${t.details} ->> 'right')`)
      .where(sql`${t.kind} = 'data_rights' and ${t.status} in ('submitted', 'in_progress', 'missing_document')`),
  ],
);
