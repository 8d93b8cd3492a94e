import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

// The directory of health professionals the mutuelle loads (npm run import:professionnels, docs/directory.md).
// Public reference data, no member data: searched by place (bounding box on the coordinates' index, then the
// exact distance, ADR 0016) and by specialty.
export const healthProfessional = pgTable(
  "health_professional",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** "rpps", "adeli" or "finess": with the identifier, what imports are idempotent on. */
    identifierKind: text("identifier_kind").notNull(),
    identifier: text("identifier").notNull(),
    name: text("name").notNull(),
    address: text("address").notNull(),
    postcode: text("postcode").notNull(),
    city: text("city").notNull(),
    phone: text("phone"),
    latitude: doublePrecision("latitude").notNull(),
    longitude: doublePrecision("longitude").notNull(),
    /** Codes of app/modules/directory/specialties.ts. */
    specialties: text("specialties").array().notNull(),
    partner: boolean("partner").notNull().default(false),
    offer100Sante: boolean("offer_100_sante").notNull().default(false),
    tiersPayant: boolean("tiers_payant").notNull().default(false),
    accessible: boolean("accessible").notNull().default(false),
    /** Set when a full import no longer lists the professional: hidden from searches, back if listed again. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("health_professional_identifier_idx").on(t.identifierKind, t.identifier),
    // The bounding box: a range on latitude, then longitude, over the listed professionals only; with what the
    // search filters on, so that the box and the distances are read from the index alone (ADR 0016).
    index("health_professional_position_idx")
      .on(t.latitude, t.longitude, t.id, t.partner, t.specialties)
      .where(sql`${t.withdrawnAt} is null`),
  ],
);
