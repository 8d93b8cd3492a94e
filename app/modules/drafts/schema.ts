// What a member typed and could not send yet (a step-up that ran out, a session that expired): kept for a short
// while, bound to the account, encrypted, so it is back in the form once they have proved who they are again.
import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";

export const formDraft = pgTable(
  "form_draft",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /**
     * The space the login was acting in, "householdId/personId" ("" for an advisor): a carer's draft typed for one
     * household is not offered in another's (drafts.server.ts `DraftOwner`).
     */
    space: text("space").notNull().default(""),
    /** The form's page, path and query ("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat"). */
    path: text("path").notNull(),
    /** The fields as JSON, AES-256-GCM under the IBAN key ring (an IBAN, a message about one's health). */
    payloadEncrypted: text("payload_encrypted").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.space, t.path] }), index("form_draft_expires_at_idx").on(t.expiresAt)],
);
