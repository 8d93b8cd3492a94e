CREATE TABLE "affiliation_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"journey_id" uuid NOT NULL,
	"original_name" text NOT NULL,
	"stored_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"metadata_stripped" boolean DEFAULT false NOT NULL,
	"quarantined" boolean DEFAULT false NOT NULL,
	"active_content" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "affiliation_file_stored_name_unique" UNIQUE("stored_name")
);
--> statement-breakpoint
ALTER TABLE "household" ADD COLUMN "pending_coverage_level" text;--> statement-breakpoint
ALTER TABLE "household" ADD COLUMN "pending_premium_monthly_cents" integer;--> statement-breakpoint
ALTER TABLE "household" ADD COLUMN "pending_level_from" date;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "status" text DEFAULT 'in_progress' NOT NULL;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "mandate_ref" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "sign_code_hash" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "sign_code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "sign_code_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "sign_code_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "signed_document" jsonb;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "signed_sha256" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "signed_ip" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "decided_by" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "refusal_reason" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "household_id" uuid;--> statement-breakpoint
ALTER TABLE "affiliation_file" ADD CONSTRAINT "affiliation_file_journey_id_affiliation_journey_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."affiliation_journey"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "affiliation_file_journey_idx" ON "affiliation_file" USING btree ("journey_id");--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD CONSTRAINT "affiliation_journey_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD CONSTRAINT "affiliation_journey_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "affiliation_journey_status_idx" ON "affiliation_journey" USING btree ("status");--> statement-breakpoint
CREATE INDEX "affiliation_journey_email_idx" ON "affiliation_journey" USING btree ("email");--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD CONSTRAINT "affiliation_journey_mandate_ref_unique" UNIQUE("mandate_ref");