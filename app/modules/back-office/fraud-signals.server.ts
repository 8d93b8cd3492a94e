// Gathers the facts fraud-signals.ts compares, for one request. Read-only and not audited by itself: the page
// that shows the signals records the advisor's access (recordAdvisorAccess).
import { and, eq, gte, inArray, isNotNull, lte, ne } from "drizzle-orm";
import { z } from "zod";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { auditLog } from "../audit/schema.ts";
import { bankChange } from "../banking/schema.ts";
import type { Db } from "../db/client.server.ts";
import { person } from "../households/schema.ts";
import { memberRequest, requestFile } from "../requests/schema.ts";
import {
  deviceMemoryDays,
  detectFraudSignals,
  type FraudSignal,
  ibanChangeWindowDays,
  newDeviceWindowDays,
} from "./fraud-signals.ts";

const day = 86_400_000;

/**
 * The signals for request `requestId` (empty for an unknown or malformed id). Sign-ins are the household
 * member's successful ones from the audit log, whose details carry the device family since this rule exists.
 */
export async function fraudSignalsForRequest(
  db: Db,
  _advisor: AdvisorViewer,
  requestId: string,
): Promise<FraudSignal[]> {
  if (!z.uuid().safeParse(requestId).success) return [];
  const [r] = await db
    .select({
      id: memberRequest.id,
      householdId: memberRequest.householdId,
      kind: memberRequest.kind,
      createdAt: memberRequest.createdAt,
      beneficiaryId: memberRequest.beneficiaryId,
      careType: memberRequest.careType,
      careDate: memberRequest.careDate,
    })
    .from(memberRequest)
    .where(eq(memberRequest.id, requestId));
  if (!r) return [];
  const filedAt = r.createdAt;
  const files = await db
    .select({ sha256: requestFile.sha256 })
    .from(requestFile)
    .where(eq(requestFile.requestId, r.id));
  const hashes = [...new Set(files.map((f) => f.sha256))];

  const [otherClaims, sameFiles, bankChanges, [member]] = await Promise.all([
    r.kind === "claim" && r.beneficiaryId && r.careType && r.careDate
      ? db
          .select({
            reference: memberRequest.reference,
            beneficiaryId: memberRequest.beneficiaryId,
            careType: memberRequest.careType,
            careDate: memberRequest.careDate,
          })
          .from(memberRequest)
          .where(
            and(
              eq(memberRequest.householdId, r.householdId),
              eq(memberRequest.kind, "claim"),
              ne(memberRequest.id, r.id),
              eq(memberRequest.beneficiaryId, r.beneficiaryId),
              eq(memberRequest.careType, r.careType),
              eq(memberRequest.careDate, r.careDate),
            ),
          )
      : [],
    hashes.length > 0
      ? db
          .select({
            sha256: requestFile.sha256,
            reference: memberRequest.reference,
            householdId: memberRequest.householdId,
          })
          .from(requestFile)
          .innerJoin(memberRequest, eq(memberRequest.id, requestFile.requestId))
          .where(and(inArray(requestFile.sha256, hashes), isNotNull(requestFile.requestId), ne(memberRequest.id, r.id)))
          .limit(50)
      : [],
    db
      .select({ requestedAt: bankChange.requestedAt })
      .from(bankChange)
      .where(
        and(
          eq(bankChange.householdId, r.householdId),
          gte(bankChange.requestedAt, new Date(filedAt.getTime() - ibanChangeWindowDays * day)),
          lte(bankChange.requestedAt, filedAt),
        ),
      ),
    db
      .select({ userId: person.userId })
      .from(person)
      .where(and(eq(person.householdId, r.householdId), eq(person.role, "member"))),
  ]);

  const signIns = member?.userId
    ? await db
        .select({ at: auditLog.at, details: auditLog.details })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.actorUserId, member.userId),
            eq(auditLog.action, "auth.sign_in"),
            eq(auditLog.outcome, "success"),
            gte(auditLog.at, new Date(filedAt.getTime() - (newDeviceWindowDays + deviceMemoryDays) * day)),
            lte(auditLog.at, filedAt),
          ),
        )
    : [];

  return detectFraudSignals({
    request: {
      kind: r.kind,
      filedAt,
      beneficiaryId: r.beneficiaryId,
      careType: r.careType,
      careDate: r.careDate,
      fileHashes: hashes,
    },
    otherClaims,
    sameFiles: sameFiles.map((f) => ({
      sha256: f.sha256,
      reference: f.reference,
      sameHousehold: f.householdId === r.householdId,
    })),
    bankChanges,
    signIns: signIns.map((s) => ({
      at: s.at,
      device: typeof s.details?.device === "string" ? s.details.device : null,
    })),
  });
}
