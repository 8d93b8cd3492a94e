CREATE TABLE "health_professional" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identifier_kind" text NOT NULL,
	"identifier" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"postcode" text NOT NULL,
	"city" text NOT NULL,
	"phone" text,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"specialties" text[] NOT NULL,
	"partner" boolean DEFAULT false NOT NULL,
	"offer_100_sante" boolean DEFAULT false NOT NULL,
	"tiers_payant" boolean DEFAULT false NOT NULL,
	"accessible" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "health_professional_identifier_idx" ON "health_professional" USING btree ("identifier_kind","identifier");--> statement-breakpoint
CREATE INDEX "health_professional_position_idx" ON "health_professional" USING btree ("latitude","longitude","id","partner","specialties") WHERE "health_professional"."withdrawn_at" is null;