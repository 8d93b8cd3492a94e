ALTER TABLE "form_draft" ADD COLUMN "space" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "form_draft" DROP CONSTRAINT "form_draft_user_id_path_pk";--> statement-breakpoint
ALTER TABLE "form_draft" ADD CONSTRAINT "form_draft_user_id_space_path_pk" PRIMARY KEY("user_id","space","path");
