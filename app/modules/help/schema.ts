import { sql } from "drizzle-orm";
import { customType, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "../accounts/schema.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const articleStatuses = ["draft", "published"] as const;

// The help centre's articles (/aide), written and published by an administrateur. Search is PostgreSQL's
// French full-text search over copies of the title and text without accents (PGlite has no unaccent
// extension): `search` is generated from them, title weighted above text (docs/help-centre.md).
export const helpArticle = pgTable(
  "help_article",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    // A theme key of app/modules/help/themes.ts.
    theme: text("theme").notNull(),
    summary: text("summary").notNull(),
    // Markdown, rendered safely (markdown.ts): no HTML, links and images checked.
    body: text("body").notNull(),
    // Member pages (keys of themes.ts helpPages) whose "Besoin d'aide ?" box lists this article.
    pages: text("pages")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text("status", { enum: articleStatuses }).notNull().default("draft"),
    // The business day it was (last) published, from the clock; null while a draft never published.
    publishedOn: date("published_on"),
    // Display order inside its theme (smaller first).
    position: integer("position").notNull().default(100),
    titlePlain: text("title_plain").notNull(),
    textPlain: text("text_plain").notNull(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('french'::regconfig, coalesce(title_plain, '')), 'A') || setweight(to_tsvector('french'::regconfig, coalesce(text_plain, '')), 'B')`,
      ),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    updatedBy: text("updated_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("help_article_search_idx").using("gin", t.search),
    index("help_article_status_idx").on(t.status, t.theme, t.position),
  ],
);

// An illustration an administrateur uploaded for the articles (JPEG or PNG, checked by content through the
// claims' upload pipeline, metadata removed), stored in UPLOAD_DIR/aide under a random name.
export const helpIllustration = pgTable("help_illustration", {
  id: uuid("id").primaryKey().defaultRandom(),
  originalName: text("original_name").notNull(),
  storedName: text("stored_name").notNull().unique(),
  mimeType: text("mime_type").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  sha256: text("sha256").notNull(),
  // The text alternative the administrateur gave; the Markdown snippet offered uses it.
  alt: text("alt").notNull(),
  createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
