import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { household, person } from "../households/schema.ts";

export const requestKinds = ["claim", "quote", "bank_details", "beneficiary"] as const;
export const requestStatuses = ["submitted", "in_progress", "missing_document", "accepted", "refused"] as const;

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
    status: text("status", { enum: requestStatuses }).notNull().default("submitted"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("member_request_household_idx").on(t.householdId, t.createdAt.desc())],
);
