-- Custom (hand-written) migration: it must run before the partial unique indexes of the next one
-- (data_export_household_open_unique, member_request_open_data_right_unique). Twins that two quick posts
-- opened before those indexes existed are closed, the oldest of each kept: the extra archive under way is
-- marked failed (the hourly expiry deletes it), the extra data-rights démarche is cancelled with a note.
UPDATE "data_export" SET "status" = 'failed'
WHERE "id" IN (
  SELECT "id" FROM (
    SELECT "id", row_number() OVER (PARTITION BY "household_id" ORDER BY "requested_at", "id") AS n
    FROM "data_export" WHERE "status" IN ('pending', 'preparing')
  ) twins WHERE n > 1
);
--> statement-breakpoint
WITH twins AS (
  UPDATE "member_request" SET "status" = 'cancelled', "updated_at" = now()
  WHERE "id" IN (
    SELECT "id" FROM (
      SELECT "id", row_number() OVER (
        PARTITION BY "household_id", "details" ->> 'right' ORDER BY "created_at", "id"
      ) AS n
      FROM "member_request"
      WHERE "kind" = 'data_rights' AND "status" IN ('submitted', 'in_progress', 'missing_document')
    ) ranked WHERE n > 1
  )
  RETURNING "id"
)
INSERT INTO "request_event" ("request_id", "status", "note")
SELECT "id", 'cancelled', 'Demande en double, fermée : la première demande est traitée.' FROM twins;
