import type { Db } from "../db/client.server.ts";
import { auditLog } from "./schema.ts";

export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_out"
  | "auth.rate_limited"
  | "auth.account_locked"
  | "auth.account_unlocked"
  | "access.denied"
  | "document.download"
  | "import.decomptes"
  | "import.professionnels"
  | "auth.password_changed"
  | "auth.password_reset_requested"
  | "auth.password_reset"
  | "auth.step_up"
  | "auth.two_factor_enabled"
  | "auth.two_factor_disabled"
  | "auth.two_factor_sign_in"
  | "account.email_change_requested"
  | "account.email_changed"
  | "account.former_member_closed"
  | "account.contact_updated"
  | "banking.change_requested"
  | "banking.change_applied"
  | "banking.change_cancelled"
  | "beneficiary.request"
  | "personal_data.request"
  | "personal_data.export_requested"
  | "personal_data.export_downloaded"
  | "account.preferences_changed"
  | "account.push_device_added"
  | "account.push_device_removed"
  | "contract.level_change_requested"
  | "contract.termination_requested"
  | "backoffice.request_taken"
  | "backoffice.request_decision"
  | "backoffice.bank_proposed"
  | "backoffice.bank_approved"
  | "backoffice.bank_blocked"
  | "backoffice.advisor_created"
  | "backoffice.advisor_role_changed"
  | "backoffice.advisor_proposed"
  | "backoffice.advisor_proposal_approved"
  | "backoffice.advisor_proposal_refused"
  | "backoffice.advisor_deactivated"
  | "backoffice.advisor_reactivated"
  | "backoffice.advisor_two_factor_reset"
  | "backoffice.news_changed"
  | "backoffice.categories_changed"
  | "backoffice.help_article_changed"
  | "backoffice.help_illustration_added"
  | "message.advisor_view"
  | "message.advisor_reply"
  | "message.advisor_start"
  | "message.assign"
  | "backoffice.member_search"
  | "backoffice.member_view"
  | "access.own_requested"
  | "access.own_invited"
  | "access.own_refused"
  | "access.own_activated"
  | "access.own_ended"
  | "access.confidentiality_changed"
  | "carer.granted"
  | "carer.legal_recorded"
  | "carer.accepted"
  | "carer.revoked"
  | "carer.space_chosen"
  | "carer.action"
  | "affiliation.signed"
  | "backoffice.affiliation_viewed"
  | "backoffice.affiliation_accepted"
  | "backoffice.affiliation_refused"
  | "backoffice.affiliation_document_requested"
  | "affiliation.document_added"
  | "backoffice.affiliation_cancellation_sent"
  | "backoffice.affiliation_cancellation_answer"
  | "affiliation.purged"
  | "storage.infected_file_deleted";

export interface AuditEntry {
  action: AuditAction;
  outcome: "success" | "failure" | "denied";
  actorUserId?: string | null;
  householdId?: string | null;
  ipAddress?: string | null;
  /** Codes and ids only: no password, token, health data or free text typed by a person. */
  details?: Record<string, string | number | boolean | null>;
  /** When it happened, from the app's clock where a page shows it (the database's time otherwise). */
  at?: Date;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    outcome: entry.outcome,
    actorUserId: entry.actorUserId ?? null,
    householdId: entry.householdId ?? null,
    ipAddress: entry.ipAddress ?? null,
    details: entry.details ?? null,
    ...(entry.at ? { at: entry.at } : {}),
  });
}
