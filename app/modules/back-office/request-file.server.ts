// One démarche as an advisor sees it: the member, the beneficiary, the files, the timeline, the history of
// that beneficiary, and the fraud signals. Every look is audited and listed in the member's Mon compte.
import { withDetails } from "../requests/details.ts";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { user } from "../accounts/schema.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAdvisorAccess } from "./access-log.server.ts";
import { fraudSignalsForRequest } from "./fraud-signals.server.ts";
import { bankChange } from "../banking/schema.ts";
import type { Db } from "../db/client.server.ts";
import { bankAccount, household, person } from "../households/schema.ts";
import { reimbursementLine } from "../reimbursements/schema.ts";
import { memberRequest, requestEvent, requestFile } from "../requests/schema.ts";
import { uuidPattern } from "../shared/iso-date.ts";

export async function getRequestForAdvisor(db: Db, advisor: AdvisorViewer, id: string, ip: string) {
  if (!uuidPattern.test(id)) return null;
  const assignee = user;
  const [request] = await db
    .select({
      id: memberRequest.id,
      reference: memberRequest.reference,
      kind: memberRequest.kind,
      status: memberRequest.status,
      subject: memberRequest.subject,
      careType: memberRequest.careType,
      careDate: memberRequest.careDate,
      amountCents: memberRequest.amountCents,
      abroad: memberRequest.abroad,
      country: memberRequest.country,
      currency: memberRequest.currency,
      details: memberRequest.details,
      decisionReason: memberRequest.decisionReason,
      paidCents: memberRequest.paidCents,
      createdAt: memberRequest.createdAt,
      householdId: memberRequest.householdId,
      beneficiaryId: memberRequest.beneficiaryId,
      assignedTo: memberRequest.assignedTo,
      assigneeName: assignee.name,
    })
    .from(memberRequest)
    .leftJoin(assignee, eq(assignee.id, memberRequest.assignedTo))
    .where(eq(memberRequest.id, id));
  if (!request) return null;
  await recordAdvisorAccess(db, advisor, request.householdId, `request:${request.reference}`, ip);

  const [member] = await db
    .select({
      firstName: person.firstName,
      lastName: person.lastName,
      email: user.email,
      memberNumber: household.memberNumber,
      coverageLevel: household.coverageLevel,
      coverageStart: household.coverageStart,
    })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .leftJoin(user, eq(user.id, person.userId))
    .where(and(eq(person.householdId, request.householdId), eq(person.role, "member")));
  const [beneficiary] = request.beneficiaryId
    ? await db
        .select({
          id: person.id,
          firstName: person.firstName,
          lastName: person.lastName,
          birthDate: person.birthDate,
          coverageStart: person.coverageStart,
        })
        .from(person)
        .where(eq(person.id, request.beneficiaryId))
    : [];
  const [files, events, history, otherRequests, changes] = await Promise.all([
    db
      .select({
        id: requestFile.id,
        originalName: requestFile.originalName,
        mimeType: requestFile.mimeType,
        sizeBytes: requestFile.sizeBytes,
        quarantined: requestFile.quarantined,
        activeContent: requestFile.activeContent,
      })
      .from(requestFile)
      .where(eq(requestFile.requestId, id))
      .orderBy(asc(requestFile.createdAt)),
    db
      .select({ at: requestEvent.at, status: requestEvent.status, note: requestEvent.note })
      .from(requestEvent)
      .where(eq(requestEvent.requestId, id))
      .orderBy(asc(requestEvent.at), asc(requestEvent.id)),
    request.beneficiaryId
      ? db
          .select({
            id: reimbursementLine.id,
            careType: reimbursementLine.careType,
            careDate: reimbursementLine.careDate,
            chargedCents: reimbursementLine.chargedCents,
            amcCents: reimbursementLine.amcCents,
            paymentDate: reimbursementLine.paymentDate,
          })
          .from(reimbursementLine)
          .where(eq(reimbursementLine.beneficiaryId, request.beneficiaryId))
          .orderBy(desc(reimbursementLine.paymentDate))
          .limit(10)
      : Promise.resolve([]),
    request.beneficiaryId
      ? db
          .select({
            id: memberRequest.id,
            reference: memberRequest.reference,
            kind: memberRequest.kind,
            careType: memberRequest.careType,
            careDate: memberRequest.careDate,
            status: memberRequest.status,
          })
          .from(memberRequest)
          .where(and(eq(memberRequest.beneficiaryId, request.beneficiaryId), ne(memberRequest.id, id)))
          .orderBy(desc(memberRequest.createdAt))
          .limit(10)
      : Promise.resolve([]),
    request.kind === "bank_details"
      ? db
          .select({
            id: bankChange.id,
            status: bankChange.status,
            effectiveAt: bankChange.effectiveAt,
            ibanMasked: bankAccount.ibanMasked,
            holderName: bankAccount.holderName,
            proposedByAdvisor: bankChange.proposedByAdvisor,
            advisorNote: bankChange.advisorNote,
          })
          .from(bankChange)
          .innerJoin(bankAccount, eq(bankAccount.id, bankChange.newBankAccountId))
          .where(eq(bankChange.requestId, id))
      : Promise.resolve([]),
  ]);
  const signals =
    request.kind === "claim" || request.kind === "quote" ? await fraudSignalsForRequest(db, advisor, id) : [];
  const { kind, details, ...common } = request;
  return {
    request: { ...common, ...withDetails(kind, details) },
    member: member ?? null,
    beneficiary: beneficiary ?? null,
    files,
    events,
    history,
    otherRequests,
    bankChange: changes[0] ?? null,
    signals,
  };
}

export type AdvisorRequestFile = NonNullable<Awaited<ReturnType<typeof getRequestForAdvisor>>>;

/** A file of a request, for an advisor (served as a download); audited. */
export async function getRequestFileForAdvisor(
  db: Db,
  advisor: AdvisorViewer,
  requestId: string,
  fileId: string,
  ip: string,
) {
  if (!uuidPattern.test(requestId) || !uuidPattern.test(fileId)) return null;
  const [file] = await db
    .select({
      storedName: requestFile.storedName,
      originalName: requestFile.originalName,
      mimeType: requestFile.mimeType,
      quarantined: requestFile.quarantined,
      householdId: requestFile.householdId,
      reference: memberRequest.reference,
    })
    .from(requestFile)
    .innerJoin(memberRequest, eq(memberRequest.id, requestFile.requestId))
    .where(and(eq(requestFile.id, fileId), eq(requestFile.requestId, requestId)));
  if (!file || file.quarantined) return null;
  await recordAdvisorAccess(db, advisor, file.householdId, `request_file:${file.reference}`, ip);
  return file;
}
