ALTER TABLE "member_request" DROP CONSTRAINT "member_request_kind_check";--> statement-breakpoint
ALTER TABLE "carer_grant" ADD COLUMN "kind" text DEFAULT 'carer' NOT NULL;--> statement-breakpoint
ALTER TABLE "carer_grant" ADD COLUMN "measure" text;--> statement-breakpoint
ALTER TABLE "carer_grant" ADD COLUMN "request_id" uuid;--> statement-breakpoint
ALTER TABLE "carer_grant" ADD CONSTRAINT "carer_grant_request_id_member_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."member_request"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_request" ADD CONSTRAINT "member_request_kind_check" CHECK ("member_request"."kind" in ('claim', 'quote', 'bank_details', 'beneficiary', 'data_rights', 'level_change', 'termination', 'legal_representative'));