import {
  type AnyPgColumn,
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";

// A bank account as the portal shows it. Accounts known from the core system carry only their masked form;
// an IBAN typed here is also kept whole, encrypted (AES-256-GCM, see banking/iban-crypto.server.ts), so that
// it can be handed to the core system. It never sits in clear in the database.
export const bankAccount = pgTable(
  "bank_account",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    householdId: uuid("household_id")
      .notNull()
      .references((): AnyPgColumn => household.id, { onDelete: "cascade" }),
    holderName: text("holder_name").notNull(),
    ibanMasked: text("iban_masked").notNull(),
    ibanEncrypted: text("iban_encrypted"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // (household, id) is unique so that rows naming an account can require it to be their household's (a
  // composite foreign key, see reimbursements/schema.ts); it also serves lookups by household.
  (t) => [unique("bank_account_household_id_key").on(t.householdId, t.id)],
);

// One contract: the member (adhérent) and the people it covers.
export const household = pgTable("household", {
  id: uuid("id").primaryKey().defaultRandom(),
  memberNumber: text("member_number").notNull().unique(),
  coverageLevel: text("coverage_level").notNull(),
  coverageStart: date("coverage_start").notNull(),
  coverageEnd: date("coverage_end"),
  // Account debited for premiums and credited with the member's reimbursements.
  bankAccountId: uuid("bank_account_id").references(() => bankAccount.id),
  // Monthly premium (cotisation) and the SEPA mandate that debits it (RUM, up to 35 characters).
  premiumMonthlyCents: integer("premium_monthly_cents").notNull().default(0),
  sepaMandateRef: text("sepa_mandate_ref"),
  // A change of level accepted in the back-office, waiting for its effective date: until then the level and the
  // premium above stay; the job contracts.level_changes applies it on that date (docs/offer.md).
  pendingCoverageLevel: text("pending_coverage_level"),
  pendingPremiumMonthlyCents: integer("pending_premium_monthly_cents"),
  pendingLevelFrom: date("pending_level_from"),
  // The member's coordonnées (postal address of the contract, phone).
  addressLine1: text("address_line1"),
  addressLine2: text("address_line2"),
  postalCode: text("postal_code"),
  city: text("city"),
  phone: text("phone"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const person = pgTable(
  "person",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["member", "spouse", "child", "other"] }).notNull(),
    // The core system's reference for this person (e.g. "10000001-02"): how imported lines name them.
    externalRef: text("external_ref").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    birthDate: date("birth_date").notNull(),
    // The NIR (numéro de sécurité sociale), when known (an online adhesion gives it; a child may have none):
    // encrypted with the banking key ring, bound to this person's id, and masked for display (offer/nir.ts).
    nirEncrypted: text("nir_encrypted"),
    nirMasked: text("nir_masked"),
    coverageStart: date("coverage_start").notNull(),
    coverageEnd: date("coverage_end"),
    // Where this beneficiary's reimbursements go; null means the household's account.
    bankAccountId: uuid("bank_account_id").references(() => bankAccount.id),
    // The person's own login: the member's, or a beneficiary's aged 16+ (their own space, accounts/scopes.ts).
    userId: text("user_id")
      .unique()
      .references(() => user.id, { onDelete: "set null" }),
    // A beneficiary aged 16+ asked that their care stay private: the contract holder sees only totals for them.
    careConfidential: boolean("care_confidential").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // (household, id) is unique so that rows naming a person can require them to be of their household (a
  // composite foreign key, see reimbursements/schema.ts); it also serves lookups by household.
  (t) => [
    unique("person_household_id_key").on(t.householdId, t.id),
    uniqueIndex("person_external_ref_idx").on(t.externalRef),
  ],
);

// A beneficiary's own access (16 and over), on its way: asked by the beneficiary from the sign-in page
// ("requested", until the member confirms), or sent by the member ("sent": a single-use link and a code by
// e-mail; the beneficiary proves who they are with their birth date and the code, then chooses a password).
export const ownAccessInvite = pgTable("own_access_invite", {
  id: uuid("id").primaryKey().defaultRandom(),
  householdId: uuid("household_id")
    .notNull()
    .references(() => household.id, { onDelete: "cascade" }),
  personId: uuid("person_id")
    .notNull()
    .references(() => person.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  status: text("status", { enum: ["requested", "sent", "used", "cancelled"] }).notNull(),
  // SHA-256 of the link's token and of the code: neither is kept in clear.
  tokenHash: text("token_hash").unique(),
  codeHash: text("code_hash"),
  attempts: integer("attempts").notNull().default(0),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// The levels a contract had before a change of level (issue 26, item 12): `level` was in force up to and
// including `until`; `household.coverage_level` is the level from the latest change on. Care is priced on the
// level in force on its date (guarantees/versions.ts levelInForce), however late it is claimed or decided.
// `premium_monthly_cents` is the premium of that period: the échéancier and the attestation de cotisations of the
// months before the change are computed with it (documents/premium-schedule.ts premiumPeriods). Rows written
// before it existed (migration 0029) took the contract's premium of the day, which those documents then showed.
export const householdFormerLevel = pgTable(
  "household_former_level",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    level: text("level").notNull(),
    until: date("until").notNull(),
    premiumMonthlyCents: integer("premium_monthly_cents").notNull(),
  },
  (t) => [index("household_former_level_idx").on(t.householdId, t.until)],
);
