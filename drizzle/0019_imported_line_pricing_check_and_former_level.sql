CREATE TABLE "household_former_level" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"level" text NOT NULL,
	"until" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "optam" boolean;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "out_of_pathway" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "out_of_pathway_overrun_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "price_limit_cents" integer;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "pricing_check" text;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD COLUMN "pricing_review" jsonb;--> statement-breakpoint
ALTER TABLE "household_former_level" ADD CONSTRAINT "household_former_level_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_former_level_idx" ON "household_former_level" USING btree ("household_id","until");--> statement-breakpoint
CREATE INDEX "reimbursement_pricing_pending_idx" ON "reimbursement_line" USING btree ("household_id") WHERE "reimbursement_line"."pricing_check" = 'pending';