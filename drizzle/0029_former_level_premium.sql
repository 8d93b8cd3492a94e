-- The premium of each former level (docs/offer.md, "The échéancier"): the échéancier and the attestation de
-- cotisations of the months before a change of level are computed with it. Rows written before: the premium of
-- the period was not kept; they take the contract's premium of today, which those documents showed until now
-- (nothing a member saw changes).
ALTER TABLE "household_former_level" ADD COLUMN "premium_monthly_cents" integer;--> statement-breakpoint
UPDATE "household_former_level" f SET "premium_monthly_cents" = h."premium_monthly_cents" FROM "household" h WHERE h."id" = f."household_id";--> statement-breakpoint
ALTER TABLE "household_former_level" ALTER COLUMN "premium_monthly_cents" SET NOT NULL;
