ALTER TABLE "member_request" DROP CONSTRAINT "member_request_idempotency_key_unique";--> statement-breakpoint
ALTER TABLE "request_file" ADD COLUMN "active_content" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "message_file" ADD COLUMN "active_content" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "member_request" ADD CONSTRAINT "member_request_household_idempotency_key_unique" UNIQUE("household_id","idempotency_key");