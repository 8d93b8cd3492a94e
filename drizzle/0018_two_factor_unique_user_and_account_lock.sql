CREATE TABLE "account_lock" (
	"key" text PRIMARY KEY NOT NULL,
	"user_id" text,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unlock_token_hash" text,
	"unlock_expires_at" timestamp with time zone,
	CONSTRAINT "account_lock_unlock_token_hash_unique" UNIQUE("unlock_token_hash")
);
--> statement-breakpoint
DROP INDEX "two_factor_user_id_idx";--> statement-breakpoint
ALTER TABLE "account_lock" ADD CONSTRAINT "account_lock_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_lock_user_idx" ON "account_lock" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "two_factor_user_id_idx" ON "two_factor" USING btree ("user_id");