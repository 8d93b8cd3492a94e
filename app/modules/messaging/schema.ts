import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";
import { household, person } from "../households/schema.ts";

export const threadStatuses = ["open", "answered"] as const;
export const messageAuthors = ["member", "advisor"] as const;

// A conversation between a household and its mutuelle. "open" (En cours): waiting for an advisor;
// "answered" (Traité): the advisor has replied last.
export const messageThread = pgTable(
  "message_thread",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    // The beneficiary whose own thread it is (they wrote it from their own access); null: the contract holder's.
    personId: uuid("person_id").references(() => person.id, { onDelete: "cascade" }),
    // Keys from app/modules/messaging/categories.ts.
    category: text("category").notNull(),
    subject: text("subject").notNull(),
    startedBy: text("started_by", { enum: messageAuthors }).notNull(),
    status: text("status", { enum: threadStatuses }).notNull().default("open"),
    unreadForMember: boolean("unread_for_member").notNull().default(false),
    // The advisor who took it ("Prendre en charge"); null while nobody has.
    assignedTo: text("assigned_to").references(() => user.id, { onDelete: "set null" }),
    // Last message's time: the member's list is newest first, the advisors' inbox oldest waiting first.
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("message_thread_household_idx").on(t.householdId, t.lastMessageAt.desc().nullsFirst()),
    index("message_thread_status_idx").on(t.status, t.lastMessageAt),
  ],
);

export const message = pgTable(
  "message",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => messageThread.id, { onDelete: "cascade" }),
    author: text("author", { enum: messageAuthors }).notNull(),
    authorUserId: text("author_user_id").references(() => user.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("message_thread_idx").on(t.threadId, t.createdAt), index("message_created_idx").on(t.createdAt)],
);

// An attachment, stored like claim files (random name, checksum) under the storage key "messagerie/<name>".
export const messageFile = pgTable(
  "message_file",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => message.id, { onDelete: "cascade" }),
    householdId: uuid("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    originalName: text("original_name").notNull(),
    storedName: text("stored_name").notNull().unique(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    metadataStripped: boolean("metadata_stripped").notNull().default(false),
    quarantined: boolean("quarantined").notNull().default(false),
    // Found at upload (active-content.ts): a PDF that runs scripts or acts on opening, or HTML inside the
    // file. Served as a download like every file; advisors see a warning beside it.
    activeContent: boolean("active_content").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("message_file_message_idx").on(t.messageId)],
);

// The category list an administrateur saved from the back-office (one row); absent: the defaults in code.
export const messageCategoryConfig = pgTable("message_category_config", {
  id: integer("id").primaryKey().default(1),
  categories: jsonb("categories").$type<unknown>().notNull(),
  updatedBy: text("updated_by").references(() => user.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
