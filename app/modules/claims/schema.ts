import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";
import { household } from "../households/schema.ts";

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
