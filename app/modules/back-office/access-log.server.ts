// Advisors' looks at a member's file: written to the audit log on every view, and shown to the member in
// "Mon compte" (who looked, when, at what). The member's right to know who reads their health file.
import { and, desc, eq, or } from "drizzle-orm";
import { user } from "../accounts/schema.ts";
import type { AdvisorViewer, MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { auditLog } from "../audit/schema.ts";
import type { Db } from "../db/client.server.ts";
import { groupAdvisorAccesses, type AdvisorAccessGroup } from "./access-groups.ts";
import { describeAdvisorAccess } from "./access-labels.ts";

/**
 * Records that `advisor` looked at household `householdId`'s data. `what` is a code from
 * access-labels.ts's advisorAccessSubjects ("member_file", "request", "request_file", "bank_details"…),
 * optionally followed by ":" and a démarche's reference ("request:DR-2026-ABCD2345"); never free text.
 */
export async function recordAdvisorAccess(
  db: Db,
  advisor: AdvisorViewer,
  householdId: string,
  what: string,
  ipAddress: string | null = null,
): Promise<void> {
  await recordAudit(db, {
    action: "backoffice.member_view",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId,
    ipAddress,
    details: { what: what.slice(0, 80) },
  });
}

/**
 * The advisor accesses to the member's own household, one row per advisor and day (access-groups.ts), the
 * newest first, `limit` rows at most. Reads the latest 1,000 looks: a busier file shows its recent days.
 */
export async function listAdvisorAccesses(db: Db, viewer: MemberViewer, limit = 20): Promise<AdvisorAccessGroup[]> {
  const rows = await db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      details: auditLog.details,
      advisorId: auditLog.actorUserId,
      advisorName: user.name,
    })
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.householdId, viewer.householdId),
        eq(auditLog.outcome, "success"),
        // Looks at the file only (decisions are in the démarche's own timeline).
        or(eq(auditLog.action, "backoffice.member_view"), eq(auditLog.action, "message.advisor_view")),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1000);
  const accesses = rows.map((r) => ({
    at: r.at,
    advisorKey: r.advisorId ?? "",
    // An advisor account removed since: the access still shows, without a name.
    advisorName: r.advisorName ?? "Un conseiller",
    what: describeAdvisorAccess(r.action, r.details),
  }));
  return groupAdvisorAccesses(accesses, Math.max(1, Math.min(limit, 100)));
}
