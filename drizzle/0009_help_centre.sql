CREATE TABLE "help_article" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"theme" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"pages" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_on" date,
	"position" integer DEFAULT 100 NOT NULL,
	"title_plain" text NOT NULL,
	"text_plain" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('french'::regconfig, coalesce(title_plain, '')), 'A') || setweight(to_tsvector('french'::regconfig, coalesce(text_plain, '')), 'B')) STORED NOT NULL,
	"created_by" text,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_article_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "help_illustration" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"original_name" text NOT NULL,
	"stored_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"alt" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_illustration_stored_name_unique" UNIQUE("stored_name")
);
--> statement-breakpoint
ALTER TABLE "help_article" ADD CONSTRAINT "help_article_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_article" ADD CONSTRAINT "help_article_updated_by_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_illustration" ADD CONSTRAINT "help_illustration_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_article_search_idx" ON "help_article" USING gin ("search");--> statement-breakpoint
CREATE INDEX "help_article_status_idx" ON "help_article" USING btree ("status","theme","position");