CREATE TABLE "household_former_level" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"level" text NOT NULL,
	"until" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "household_former_level" ADD CONSTRAINT "household_former_level_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_former_level_idx" ON "household_former_level" USING btree ("household_id","until");