import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";
import { bankAccount, household, person } from "../households/schema.ts";
import { memberRequest } from "../requests/schema.ts";

// awaiting_approval: entered by an advisor (after a phone call), waiting for a second person (four eyes).
export const bankChangeStatuses = ["awaiting_approval", "pending", "applied", "cancelled", "blocked"] as const;

// A new RIB waiting out its hold: reimbursements keep going to the previous account until `effectiveAt`,
// and the member can cancel it until then from the link in the alert e-mail (its token kept hashed).
// personId null: the contract's account (premiums and the member's reimbursements).
export const bankChange = pgTable(
  "bank_change",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    personId: uuid("person_id").references(() => person.id, { onDelete: "cascade" }),
    newBankAccountId: uuid("new_bank_account_id")
      .notNull()
      .references(() => bankAccount.id),
    previousBankAccountId: uuid("previous_bank_account_id").references(() => bankAccount.id),
    requestId: uuid("request_id").references(() => memberRequest.id, { onDelete: "set null" }),
    status: text("status", { enum: bankChangeStatuses }).notNull().default("pending"),
    cancelTokenHash: text("cancel_token_hash").notNull().unique(),
    requestedBy: text("requested_by").references(() => user.id, { onDelete: "set null" }),
    // Set when an advisor entered it; the approver must be someone else.
    proposedByAdvisor: text("proposed_by_advisor").references(() => user.id, { onDelete: "set null" }),
    approvedBy: text("approved_by").references(() => user.id, { onDelete: "set null" }),
    // Why an advisor entered it, or why it was blocked: for the next person who reads the file.
    advisorNote: text("advisor_note"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    effectiveAt: timestamp("effective_at", { withTimezone: true }).notNull(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    index("bank_change_household_idx").on(t.householdId, t.requestedAt),
    index("bank_change_due_idx").on(t.status, t.effectiveAt),
    // At most one pending change per account: per beneficiary, and one for the contract (person_id null).
    uniqueIndex("bank_change_one_pending_idx")
      .on(t.householdId, sql`coalesce(${t.personId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.status} = 'pending'`),
  ],
);
