-- A reimbursement line's beneficiary, payee and bank account must belong to the line's household (ADR 0005):
-- (household_id, id) becomes unique on person and bank_account, the single-column foreign keys are replaced by
-- composite ones. The unique constraints come first: a foreign key needs them. Their indexes lead with
-- household_id, so the old single-column household indexes go.
ALTER TABLE "bank_account" ADD CONSTRAINT "bank_account_household_id_key" UNIQUE("household_id","id");--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_household_id_key" UNIQUE("household_id","id");--> statement-breakpoint
ALTER TABLE "reimbursement_line" DROP CONSTRAINT "reimbursement_line_beneficiary_id_person_id_fk";--> statement-breakpoint
ALTER TABLE "reimbursement_line" DROP CONSTRAINT "reimbursement_line_paid_to_person_id_person_id_fk";--> statement-breakpoint
ALTER TABLE "reimbursement_line" DROP CONSTRAINT "reimbursement_line_bank_account_id_bank_account_id_fk";--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD CONSTRAINT "reimbursement_line_beneficiary_fk" FOREIGN KEY ("household_id","beneficiary_id") REFERENCES "public"."person"("household_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD CONSTRAINT "reimbursement_line_payee_fk" FOREIGN KEY ("household_id","paid_to_person_id") REFERENCES "public"."person"("household_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reimbursement_line" ADD CONSTRAINT "reimbursement_line_bank_account_fk" FOREIGN KEY ("household_id","bank_account_id") REFERENCES "public"."bank_account"("household_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
DROP INDEX "bank_account_household_idx";--> statement-breakpoint
DROP INDEX "person_household_idx";
