import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// "Adhérer en ligne": a prospect's journey, each step saved here as it is sent, so it survives a closed browser
// or a restarted server. The browser holds a random token (cookie); only its SHA-256 is stored. A resume link,
// e-mailed on request, is single-use and expires; it hands the journey to a new browser.
export const affiliationJourney = pgTable(
  "affiliation_journey",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    browserTokenHash: text("browser_token_hash").notNull().unique(),
    email: text("email"),
    step: text("step").notNull().default("identite"),
    // What the prospect typed, per step; the NIR is encrypted (banking key ring, bound to the journey id).
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    resumeTokenHash: text("resume_token_hash").unique(),
    resumeTokenExpiresAt: timestamp("resume_token_expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The purge of abandoned journeys reads the oldest first.
  (t) => [index("affiliation_journey_updated_idx").on(t.updatedAt)],
);
