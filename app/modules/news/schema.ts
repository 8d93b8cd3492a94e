import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";

// The mutuelle's news on every member's dashboard, written by an administrateur, shown between two dates.
export const newsItem = pgTable(
  "news_item",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    publishFrom: date("publish_from").notNull(),
    publishUntil: date("publish_until"),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("news_item_publish_idx").on(t.publishFrom)],
);
