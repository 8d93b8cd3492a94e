import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";
import { household } from "../households/schema.ts";
import { memberRequest } from "../requests/schema.ts";

export interface ClaimDraftData {
  beneficiaryId?: string;
  careType?: string;
  abroad?: boolean;
  country?: string;
  currency?: string;
  careDate?: string;
  amountCents?: number;
}

// The wizard's state between steps, on the server: a member can go back, reload, or come back later.
// Its id is also the idempotency key of the claim it becomes.
export const claimDraft = pgTable(
  "claim_draft",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    data: jsonb("data").$type<ClaimDraftData>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("claim_draft_household_idx").on(t.householdId)],
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
    status: text("status").notNull(),
    note: text("note"),
  },
  (t) => [index("request_event_request_idx").on(t.requestId, t.at)],
);
