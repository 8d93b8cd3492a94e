import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";
import { household } from "../households/schema.ts";

// "Adhérer en ligne": a prospect's journey, each step saved here as it is sent, so it survives a closed browser
// or a restarted server. The browser holds a random token (cookie); only its SHA-256 is stored. A resume link,
// e-mailed on request, is single-use and expires; it hands the journey to a new browser.
// Status: in_progress (being filled), signed (in the back-office queue "Adhésions"), document_requested (a
// gestionnaire asked for a missing or illegible document: documentRequest e-mailed with a link back; the
// prospect's upload returns it to signed), accepted (the contract and the member's account exist: householdId),
// refused (refusalReason e-mailed).
export const affiliationJourney = pgTable(
  "affiliation_journey",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    browserTokenHash: text("browser_token_hash").notNull().unique(),
    email: text("email"),
    step: text("step").notNull().default("identite"),
    status: text("status", { enum: ["in_progress", "signed", "document_requested", "accepted", "refused"] })
      .notNull()
      .default("in_progress"),
    // What the prospect typed, per step; NIRs and IBANs are encrypted (banking key ring, bound to the journey id).
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    resumeTokenHash: text("resume_token_hash").unique(),
    resumeTokenExpiresAt: timestamp("resume_token_expires_at", { withTimezone: true }),
    // The SEPA mandate's reference (RUM), made when the debit IBAN is first saved; kept if the IBAN changes.
    mandateRef: text("mandate_ref").unique(),
    // Signature by a one-time code sent by e-mail: only its SHA-256, single use, attempts counted, expiry.
    signCodeHash: text("sign_code_hash"),
    signCodeExpiresAt: timestamp("sign_code_expires_at", { withTimezone: true }),
    signCodeSentAt: timestamp("sign_code_sent_at", { withTimezone: true }),
    signCodeAttempts: integer("sign_code_attempts").notNull().default(0),
    // What was signed (the summary as shown, consents' texts included), its SHA-256, when and from where.
    // signedText holds the exact bytes hashed (UTF-8 JSON as signed): sha256(signed_text) = signed_sha256, which
    // anyone can check again. signedDocument is the same, parsed, for reading (jsonb reorders keys: never hash it).
    signedDocument: jsonb("signed_document").$type<Record<string, unknown>>(),
    signedText: text("signed_text"),
    signedSha256: text("signed_sha256"),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    signedIp: text("signed_ip"),
    // The back-office decision.
    decidedBy: text("decided_by").references(() => user.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    refusalReason: text("refusal_reason"),
    // "Pièce manquante": what the gestionnaire asked for (e-mailed), when, and by whom; kept once answered.
    documentRequest: text("document_request"),
    documentRequestedAt: timestamp("document_requested_at", { withTimezone: true }),
    documentRequestedBy: text("document_requested_by").references(() => user.id, { onDelete: "set null" }),
    householdId: uuid("household_id").references(() => household.id, { onDelete: "set null" }),
    // Résiliation infra-annuelle of the previous contract on the member's behalf (asked in the journey's data,
    // previousContract): when a gestionnaire marked the letter sent, and who.
    cancellationSentAt: timestamp("cancellation_sent_at", { withTimezone: true }),
    cancellationSentBy: text("cancellation_sent_by").references(() => user.id, { onDelete: "set null" }),
    // The former insurer's answer, recorded by a gestionnaire after the letter was sent: the day it came, then
    // either the former contract's last covered day (résiliation accepted) or the refusal's reason.
    cancellationAnswerOn: date("cancellation_answer_on"),
    cancellationOldLastDay: date("cancellation_old_last_day"),
    cancellationRefusal: text("cancellation_refusal"),
    cancellationAnswerBy: text("cancellation_answer_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The purge of abandoned journeys reads the oldest first.
  (t) => [
    index("affiliation_journey_updated_idx").on(t.updatedAt),
    index("affiliation_journey_status_idx").on(t.status),
    // "Démarche commerciale à finaliser": a member's unsigned journey, found by their login's address.
    index("affiliation_journey_email_idx").on(t.email),
  ],
);

// The attestation de droits (Sécurité sociale) joined to a journey: checked and scanned by the uploads'
// pipeline, kept in the storage under "adhesion/<stored name>".
export const affiliationFile = pgTable(
  "affiliation_file",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    journeyId: uuid("journey_id")
      .notNull()
      .references(() => affiliationJourney.id, { onDelete: "cascade" }),
    originalName: text("original_name").notNull(),
    storedName: text("stored_name").notNull().unique(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    metadataStripped: boolean("metadata_stripped").notNull().default(false),
    quarantined: boolean("quarantined").notNull().default(false),
    activeContent: boolean("active_content").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("affiliation_file_journey_idx").on(t.journeyId)],
);
