import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { household } from "../households/schema.ts";

export const documentKinds = [
  "tiers_payant_card",
  "guarantee_table",
  "statement",
  "premium_schedule",
  "rights_certificate",
  "notice",
] as const;

export const memberDocument = pgTable(
  "member_document",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: documentKinds }).notNull(),
    year: integer("year"),
    title: text("title").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("member_document_household_idx").on(t.householdId, t.kind)],
);
