ALTER TABLE "person" ADD COLUMN "nir_encrypted" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "nir_masked" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "document_request" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "document_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "document_requested_by" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "cancellation_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "cancellation_sent_by" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD CONSTRAINT "affiliation_journey_document_requested_by_user_id_fk" FOREIGN KEY ("document_requested_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD CONSTRAINT "affiliation_journey_cancellation_sent_by_user_id_fk" FOREIGN KEY ("cancellation_sent_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;