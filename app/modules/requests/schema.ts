import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
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
// A file sent with a claim draft moves to its démarche on submission (circular with claims/schema.ts, whose
// draft table references household only: the reference below is lazy, so both modules load in any order).
import { claimDraft } from "../claims/schema.ts";
import type { RequestDetails } from "./details.ts";
import { openRequestStatuses, requestKinds, requestStatuses } from "./kinds.ts";

// The database refuses a kind or a status the code does not know (written by hand or by an older version).
const oneOf = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

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
    details: jsonb("details").$type<RequestDetails>(),
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
    check("member_request_kind_check", sql`${t.kind} in (${oneOf(requestKinds)})`),
    check("member_request_status_check", sql`${t.status} in (${oneOf(requestStatuses)})`),
    // One open data-rights démarche per household and right (erasure, restriction, objection): two quick posts
    // that both passed the check cannot both insert (personal-data/rights.server.ts answers the second in French).
    uniqueIndex("member_request_open_data_right_unique")
      .on(t.householdId, sql`(${t.details} ->> 'right')`)
      .where(sql`${t.kind} = 'data_rights' and ${t.status} in (${oneOf(openRequestStatuses)})`),
  ],
);

// A file sent with a request: stored outside the web root under a random name, with its checksum.
// While the claim is a draft, requestId is null and draftId set; submitting moves it to the request.
export const requestFile = pgTable(
  "request_file",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    draftId: uuid("draft_id").references(() => claimDraft.id, { onDelete: "set null" }),
    requestId: uuid("request_id").references(() => memberRequest.id, { onDelete: "cascade" }),
    originalName: text("original_name").notNull(),
    storedName: text("stored_name").notNull().unique(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    metadataStripped: boolean("metadata_stripped").notNull().default(false),
    // Kept but never served: the virus scanner could not check it yet.
    quarantined: boolean("quarantined").notNull().default(false),
    // Found at upload (active-content.ts): a PDF that runs scripts or acts on opening, or HTML inside the
    // file. Served as a download like every file; advisors see a warning beside it.
    activeContent: boolean("active_content").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("request_file_request_idx").on(t.requestId), index("request_file_draft_idx").on(t.draftId)],
);

// A request's timeline: every status it went through, when, and why.
export const requestEvent = pgTable(
  "request_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => memberRequest.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    status: text("status", { enum: requestStatuses }).notNull(),
    note: text("note"),
  },
  (t) => [
    index("request_event_request_idx").on(t.requestId, t.at),
    check("request_event_status_check", sql`${t.status} in (${oneOf(requestStatuses)})`),
  ],
);
