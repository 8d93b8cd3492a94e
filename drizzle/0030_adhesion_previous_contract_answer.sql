ALTER TABLE "affiliation_journey" ADD COLUMN "signed_text" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "cancellation_answer_on" date;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "cancellation_old_last_day" date;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "cancellation_refusal" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD COLUMN "cancellation_answer_by" text;--> statement-breakpoint
ALTER TABLE "affiliation_journey" ADD CONSTRAINT "affiliation_journey_cancellation_answer_by_user_id_fk" FOREIGN KEY ("cancellation_answer_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;