import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
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

// A member's devices that receive push notifications (Web Push): one row per browser subscription, found by
// its push-service endpoint. `sessionId` is the session that subscribed: signing out of that device removes
// it. Removed too when the push service answers 404 or 410 (the browser dropped it).
export const pushSubscription = pgTable("push_subscription", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: text("user_id")
    .notNull()
    .references(() => user.id, { onDelete: "cascade" }),
  sessionId: text("session_id"),
  endpoint: text("endpoint").notNull().unique(),
  p256dh: text("p256dh").notNull(),
  auth: text("auth").notNull(),
  // "Chrome sur Android", read from the browser's User-Agent when it subscribed: what the member sees.
  label: text("label").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastDeliveredAt: timestamp("last_delivered_at", { withTimezone: true }),
});

// Push notifications waiting to leave, one row per device: written with the event (in its transaction when
// there is one), delivered by the job runner's rounds, retried with back-off until the push service takes it
// or the message's time to live is over (then `expired`: a late "new message" is worth nothing). Deleted with
// the device. Texts carry no health detail, like the e-mails.
export const pushStatuses = ["pending", "sending", "sent", "expired"] as const;

export const pushOutbox = pgTable(
  "push_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => pushSubscription.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    // A path of the space ("/messagerie/…"), opened when the notification is tapped.
    url: text("url").notNull(),
    status: text("status", { enum: pushStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("push_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
  ],
);

// Notifications that must reach a member once only, whatever retries or overlapping runs happen: the job that
// announces a document or an import's payments writes its key here in the transaction that writes the mail
// and push rows ("document:carte-2027", "paiements:2026-12-02T08:50:00.000Z").
export const notificationOnce = pgTable(
  "notification_once",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
