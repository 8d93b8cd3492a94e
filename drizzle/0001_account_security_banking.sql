CREATE TABLE "email_change" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"previous_email" text NOT NULL,
	"new_email" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_change_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "step_up" (
	"session_id" text PRIMARY KEY NOT NULL,
	"verified_at" timestamp with time zone,
	"password_verified_at" timestamp with time zone,
	"email_code_hash" text,
	"email_code_expires_at" timestamp with time zone,
	"email_code_attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "two_factor" (
	"id" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"backup_codes" text NOT NULL,
	"user_id" text NOT NULL,
	"verified" boolean DEFAULT true NOT NULL,
	"failed_verification_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bank_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"person_id" uuid,
	"new_bank_account_id" uuid NOT NULL,
	"previous_bank_account_id" uuid,
	"request_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"cancel_token_hash" text NOT NULL,
	"requested_by" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "bank_change_cancel_token_hash_unique" UNIQUE("cancel_token_hash")
);
--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "two_factor_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bank_account" ADD COLUMN "iban_encrypted" text;--> statement-breakpoint
ALTER TABLE "household" ADD COLUMN "address_line1" text;--> statement-breakpoint
ALTER TABLE "household" ADD COLUMN "address_line2" text;--> statement-breakpoint
ALTER TABLE "household" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "household" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "household" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "email_change" ADD CONSTRAINT "email_change_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_up" ADD CONSTRAINT "step_up_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_factor" ADD CONSTRAINT "two_factor_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_change" ADD CONSTRAINT "bank_change_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_change" ADD CONSTRAINT "bank_change_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_change" ADD CONSTRAINT "bank_change_new_bank_account_id_bank_account_id_fk" FOREIGN KEY ("new_bank_account_id") REFERENCES "public"."bank_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_change" ADD CONSTRAINT "bank_change_previous_bank_account_id_bank_account_id_fk" FOREIGN KEY ("previous_bank_account_id") REFERENCES "public"."bank_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_change" ADD CONSTRAINT "bank_change_request_id_member_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."member_request"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_change" ADD CONSTRAINT "bank_change_requested_by_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_change_user_idx" ON "email_change" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "two_factor_user_id_idx" ON "two_factor" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "two_factor_secret_idx" ON "two_factor" USING btree ("secret");--> statement-breakpoint
CREATE INDEX "bank_change_household_idx" ON "bank_change" USING btree ("household_id","requested_at");--> statement-breakpoint
CREATE INDEX "bank_change_due_idx" ON "bank_change" USING btree ("status","effective_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_change_one_pending_idx" ON "bank_change" USING btree ("household_id",coalesce("person_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "bank_change"."status" = 'pending';