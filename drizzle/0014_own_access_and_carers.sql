CREATE TABLE "own_access_invite" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"email" text NOT NULL,
	"status" text NOT NULL,
	"token_hash" text,
	"code_hash" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "own_access_invite_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "carer_grant" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"grantor_person_id" uuid NOT NULL,
	"carer_email" text NOT NULL,
	"carer_name" text NOT NULL,
	"carer_user_id" text,
	"scopes" jsonb NOT NULL,
	"ends_on" date NOT NULL,
	"note" text,
	"invite_token_hash" text,
	"created_by_user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "carer_grant_invite_token_hash_unique" UNIQUE("invite_token_hash")
);
--> statement-breakpoint
CREATE TABLE "carer_session" (
	"session_id" text PRIMARY KEY NOT NULL,
	"grant_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "care_confidential" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "message_thread" ADD COLUMN "person_id" uuid;--> statement-breakpoint
ALTER TABLE "own_access_invite" ADD CONSTRAINT "own_access_invite_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "own_access_invite" ADD CONSTRAINT "own_access_invite_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_grant" ADD CONSTRAINT "carer_grant_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_grant" ADD CONSTRAINT "carer_grant_grantor_person_id_person_id_fk" FOREIGN KEY ("grantor_person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_grant" ADD CONSTRAINT "carer_grant_carer_user_id_user_id_fk" FOREIGN KEY ("carer_user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_session" ADD CONSTRAINT "carer_session_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_session" ADD CONSTRAINT "carer_session_grant_id_carer_grant_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."carer_grant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "carer_grant_household_idx" ON "carer_grant" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "carer_grant_carer_idx" ON "carer_grant" USING btree ("carer_user_id");--> statement-breakpoint
ALTER TABLE "message_thread" ADD CONSTRAINT "message_thread_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;