ALTER TABLE "request_file" ADD COLUMN "active_content" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "message_file" ADD COLUMN "active_content" boolean DEFAULT false NOT NULL;