import { boolean, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";

// The member's notification choices per event (events.ts) and the paperless choice ("zéro papier"), with the
// date it was last changed: the back-office shows it in the member's file.
export const notificationPreference = pgTable("notification_preference", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  channels: jsonb("channels").$type<Record<string, string>>().notNull().default({}),
  paperless: boolean("paperless").notNull().default(false),
  paperlessChangedAt: timestamp("paperless_changed_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
