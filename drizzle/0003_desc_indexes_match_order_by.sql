-- The pages order by "x DESC", which PostgreSQL reads as DESC NULLS FIRST; these indexes were DESC NULLS LAST,
-- so no plan could read them in the page's order: every list read and sorted all of a household's rows to
-- show the first ones. Same columns, NULLS FIRST. Hand-ordered so the new indexes are built while the old ones
-- still serve reads (building takes a SHARE lock: reads go on, writes wait), then swapped at the end.
CREATE INDEX "message_thread_household_idx_0003" ON "message_thread" USING btree ("household_id","last_message_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "reimbursement_household_payment_idx_0003" ON "reimbursement_line" USING btree ("household_id","payment_date" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "member_request_household_idx_0003" ON "member_request" USING btree ("household_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
DROP INDEX "message_thread_household_idx";--> statement-breakpoint
DROP INDEX "reimbursement_household_payment_idx";--> statement-breakpoint
DROP INDEX "member_request_household_idx";--> statement-breakpoint
ALTER INDEX "message_thread_household_idx_0003" RENAME TO "message_thread_household_idx";--> statement-breakpoint
ALTER INDEX "reimbursement_household_payment_idx_0003" RENAME TO "reimbursement_household_payment_idx";--> statement-breakpoint
ALTER INDEX "member_request_household_idx_0003" RENAME TO "member_request_household_idx";
