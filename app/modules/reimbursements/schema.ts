import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { bankAccount, household, person } from "../households/schema.ts";

/** What the engine said when it priced the line (see app/modules/reimbursements/explain.ts). */
export interface StoredPricingExplanation {
  steps: string[];
  limit: { kind: string; label: string } | null;
}

/**
 * An imported line checked against the guarantee engine (ADR 0020): "pending" until the check runs after the
 * import, "matches" (the engine's amount is the amount paid: its steps are the line's explanation), "differs"
 * (flagged for an advisor, the paid amount unchanged) or "notComputed" (an input the engine needs is missing).
 * Null on lines that were not imported (the back-office stores its own explanation).
 */
export const pricingCheckStatuses = ["pending", "matches", "differs", "notComputed"] as const;
export type PricingCheckStatus = (typeof pricingCheckStatuses)[number];

/** What the check found, for the advisor: the engine's amount and steps when they differ, or why not computed. */
export interface PricingReview {
  engineAmcCents?: number;
  steps?: string[];
  limit?: { kind: string; label: string } | null;
  reason?: string;
}

// One payment line (décompte) for one act. Every amount is in integer euro cents.
export const reimbursementLine = pgTable(
  "reimbursement_line",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The core system's identifier for this line: imports are idempotent on it.
    sourceLineId: text("source_line_id").notNull().unique(),
    version: integer("version").notNull().default(1),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    beneficiaryId: uuid("beneficiary_id").notNull(),
    careType: text("care_type").notNull(),
    // The guarantee table's category (app/modules/guarantees/categories.ts), when the core system sends it:
    // what usage meters and renewal periods count. Null: not counted against any forfait.
    guaranteeCategory: text("guarantee_category"),
    quantity: integer("quantity").notNull().default(1),
    // Doctors' fees: whether the doctor adheres to OPTAM / OPTAM-CO (null: not said, or not a doctor's fee).
    optam: boolean("optam"),
    // Hors parcours de soins coordonnés (L162-5-3 CSS) as the décompte flags it, and the dépassement billed for it.
    outOfPathway: boolean("out_of_pathway").notNull().default(false),
    outOfPathwayOverrunCents: integer("out_of_pathway_overrun_cents").notNull().default(0),
    // Out of the pathway: the AMO's rate had the care been in it (basis points, e.g. 10000 for care related to an
    // exonerating ALD). Null: the doctors' 70 %. A responsible contract covers the ticket modérateur at that rate, never the majoration.
    pathwayAmoRateBp: integer("pathway_amo_rate_bp"),
    // 100 % Santé: the regulated price limit (PLV / HLF) of the item, for the whole act (all units).
    priceLimitCents: integer("price_limit_cents"),
    // Hearing aids: the ear(s) fitted ("left", "right", "both"); renewal is counted per ear. Null: not said
    // (counted as both ears).
    ear: text("ear", { enum: ["left", "right", "both"] }),
    careDate: date("care_date").notNull(),
    professionalName: text("professional_name"),
    chargedCents: integer("charged_cents").notNull(),
    baseCents: integer("base_cents").notNull(),
    // Sécurité sociale rate in basis points (7000 = 70 %), when the core system sends it.
    amoRateBp: integer("amo_rate_bp"),
    // Participation forfaitaire and franchises withheld by the Sécurité sociale (never paid back).
    amoDeductibleCents: integer("amo_deductible_cents").notNull().default(0),
    amoCents: integer("amo_cents").notNull(),
    amcCents: integer("amc_cents").notNull(),
    remainingCents: integer("remaining_cents").notNull(),
    // The guarantee line as the contract words it, e.g. "100 % BR y compris Sécurité sociale".
    guaranteeLabel: text("guarantee_label"),
    // "Pourquoi ce montant ?" as the guarantee engine computed it when the back-office decided the claim: its
    // steps (each with its arithmetic) and the limit that decided the amount. Null on imported lines and on
    // amounts a gestionnaire fixed by hand: those are explained from the line's own figures.
    pricingExplanation: jsonb("pricing_explanation").$type<StoredPricingExplanation>(),
    // Imported lines: the guarantee engine's check of the amount paid (see PricingCheckStatus), and what it found.
    pricingCheck: text("pricing_check", { enum: pricingCheckStatuses }),
    pricingReview: jsonb("pricing_review").$type<PricingReview>(),
    // Who received the mutuelle's part: the member, the beneficiary, or the professional (tiers payant).
    paidTo: text("paid_to", { enum: ["member", "beneficiary", "professional"] }).notNull(),
    paidToPersonId: uuid("paid_to_person_id"),
    bankAccountId: uuid("bank_account_id"),
    paymentDate: date("payment_date").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Serves every member query: a household's lines by payment date, with keyset pagination on (date, id).
    // A household holds tens to hundreds of lines, so beneficiary / care type filters ride on it too.
    index("reimbursement_household_payment_idx").on(
      t.householdId,
      t.paymentDate.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // The check after an import reads the lines still to check: few, and none once it has run.
    index("reimbursement_pricing_pending_idx")
      .on(t.householdId)
      .where(sql`${t.pricingCheck} = 'pending'`),
    // The beneficiary, the person paid and the account credited must all belong to the line's household: the
    // database refuses a line that would show a member someone else's care or payment (ADR 0005). A null
    // payee or account is not checked (MATCH SIMPLE), as for the professional paid under tiers payant.
    foreignKey({
      name: "reimbursement_line_beneficiary_fk",
      columns: [t.householdId, t.beneficiaryId],
      foreignColumns: [person.householdId, person.id],
    }),
    foreignKey({
      name: "reimbursement_line_payee_fk",
      columns: [t.householdId, t.paidToPersonId],
      foreignColumns: [person.householdId, person.id],
    }),
    foreignKey({
      name: "reimbursement_line_bank_account_fk",
      columns: [t.householdId, t.bankAccountId],
      foreignColumns: [bankAccount.householdId, bankAccount.id],
    }),
  ],
);

// Earlier versions of a line the core system corrected: what the member was shown before, and when.
export const reimbursementLineRevision = pgTable(
  "reimbursement_line_revision",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    lineId: uuid("line_id")
      .notNull()
      .references(() => reimbursementLine.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("reimbursement_revision_line_idx").on(t.lineId, t.version)],
);
