import { date, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { session, user } from "../accounts/schema.ts";
import { household, person } from "../households/schema.ts";
import { memberRequest } from "../requests/schema.ts";

// A carer's access (aidant): a person of the household (the contract holder, or an adult beneficiary for
// themselves) lets someone else act in their space, with chosen scopes (accounts/scopes.ts), until an end
// date. The carer signs in with their own login (second factor required). Rows stay after revocation or
// expiry: both sides see the history.
export const carerGrant = pgTable(
  "carer_grant",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    // The person whose space the carer acts in.
    grantorPersonId: uuid("grantor_person_id")
      .notNull()
      .references(() => person.id, { onDelete: "cascade" }),
    carerEmail: text("carer_email").notNull(),
    carerName: text("carer_name").notNull(),
    // The carer's login once they have one (set when they accept, or at once when the address has one).
    carerUserId: text("carer_user_id").references(() => user.id, { onDelete: "cascade" }),
    // Delegable scopes only ("read", "file", "messages"): bank details never are.
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    endsOn: date("ends_on").notNull(),
    note: text("note"),
    // Hash of the invitation token mailed to the carer (single use).
    inviteTokenHash: text("invite_token_hash").unique(),
    createdByUserId: text("created_by_user_id").notNull(),
    // "carer": given by the person from their space. "legal_representative": a tutelle or curatelle recorded by an
    // advisor on the judgment (the démarche `requestId`, with the judgment attached) and accepted by a
    // gestionnaire; its scopes are the measure's (carers/legal-measures.ts).
    kind: text("kind", { enum: ["carer", "legal_representative"] })
      .notNull()
      .default("carer"),
    measure: text("measure", { enum: ["tutelle", "curatelle"] }),
    requestId: uuid("request_id").references(() => memberRequest.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("carer_grant_household_idx").on(t.householdId), index("carer_grant_carer_idx").on(t.carerUserId)],
);

// The space a carer's session acts in, chosen after sign-in. Revoking the grant deletes the sessions.
export const carerSession = pgTable("carer_session", {
  sessionId: text("session_id")
    .primaryKey()
    .references(() => session.id, { onDelete: "cascade" }),
  grantId: uuid("grant_id")
    .notNull()
    .references(() => carerGrant.id, { onDelete: "cascade" }),
});
