CREATE TABLE "affiliation_journey" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"browser_token_hash" text NOT NULL,
	"email" text,
	"step" text DEFAULT 'identite' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"resume_token_hash" text,
	"resume_token_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "affiliation_journey_browser_token_hash_unique" UNIQUE("browser_token_hash"),
	CONSTRAINT "affiliation_journey_resume_token_hash_unique" UNIQUE("resume_token_hash")
);
--> statement-breakpoint
CREATE INDEX "affiliation_journey_updated_idx" ON "affiliation_journey" USING btree ("updated_at");