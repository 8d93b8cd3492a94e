import { date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bankAccount, household, person } from "../households/schema.ts";

// One payment line (décompte) for one act. Every amount is in integer euro cents.
export const reimbursementLine = pgTable(
  "reimbursement_line",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    beneficiaryId: uuid("beneficiary_id")
      .notNull()
      .references(() => person.id),
    careType: text("care_type").notNull(),
    careDate: date("care_date").notNull(),
    professionalName: text("professional_name"),
    chargedCents: integer("charged_cents").notNull(),
    baseCents: integer("base_cents").notNull(),
    amoCents: integer("amo_cents").notNull(),
    amcCents: integer("amc_cents").notNull(),
    remainingCents: integer("remaining_cents").notNull(),
    // Who received the mutuelle's part: the member, the beneficiary, or the professional (tiers payant).
    paidTo: text("paid_to", { enum: ["member", "beneficiary", "professional"] }).notNull(),
    paidToPersonId: uuid("paid_to_person_id").references(() => person.id),
    bankAccountId: uuid("bank_account_id").references(() => bankAccount.id),
    paymentDate: date("payment_date").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Serves "latest payments of this household" and keyset pagination by (payment_date, id).
    index("reimbursement_household_payment_idx").on(t.householdId, t.paymentDate.desc(), t.id.desc()),
  ],
);
