ALTER TABLE "reimbursement_line" ADD COLUMN "optam" boolean;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "out_of_pathway" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "out_of_pathway_overrun_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "price_limit_cents" integer;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "pricing_check" text;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "pricing_review" jsonb;--> statement-breakpoint
CREATE INDEX "reimbursement_pricing_pending_idx" ON "reimbursement_line" USING btree ("household_id") WHERE "reimbursement_line"."pricing_check" = 'pending';