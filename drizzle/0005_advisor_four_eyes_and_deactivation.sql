CREATE TABLE "advisor_proposal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"advisor_id" text,
	"name" text,
	"username" text,
	"email" text,
	"role" text NOT NULL,
	"previous_role" text,
	"proposed_by" text,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "advisor_proposal" ADD CONSTRAINT "advisor_proposal_advisor_id_user_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_proposal" ADD CONSTRAINT "advisor_proposal_proposed_by_user_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_proposal" ADD CONSTRAINT "advisor_proposal_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advisor_proposal_advisor_idx" ON "advisor_proposal" USING btree ("advisor_id");--> statement-breakpoint
CREATE INDEX "advisor_proposal_status_idx" ON "advisor_proposal" USING btree ("status","proposed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "advisor_proposal_pending_username_idx" ON "advisor_proposal" USING btree ("username") WHERE "advisor_proposal"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "advisor_proposal_pending_email_idx" ON "advisor_proposal" USING btree ("email") WHERE "advisor_proposal"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "advisor_proposal_pending_advisor_idx" ON "advisor_proposal" USING btree ("advisor_id") WHERE "advisor_proposal"."status" = 'pending';--> statement-breakpoint
-- Hand-written: accounts an administrateur created or changed the role of alone, before four eyes (from the
-- audit log), are recorded as proposed and approved by that administrateur, so that neither account can be
-- the second pair of eyes on the other's proposals.
INSERT INTO "advisor_proposal" ("kind", "status", "advisor_id", "role", "proposed_by", "proposed_at", "decided_by", "decided_at")
SELECT CASE a."action" WHEN 'backoffice.advisor_created' THEN 'create' ELSE 'role' END, 'approved', target."id", a."details"->>'role', actor."id", a."at", actor."id", a."at"
FROM "audit_log" a
JOIN "user" target ON target."id" = a."details"->>'advisorId'
JOIN "user" actor ON actor."id" = a."actor_user_id"
WHERE a."action" IN ('backoffice.advisor_created', 'backoffice.advisor_role_changed')
  AND a."details"->>'role' IN ('conseiller', 'gestionnaire', 'administrateur');
