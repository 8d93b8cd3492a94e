// What the member's archive holds, read from the database page by page (JSON shapes documented in
// docs/personal-data.md). The holder's archive is the holder's space: a beneficiary's confidential care is
// reduced to amounts, and what a beneficiary wrote from their own access stays theirs.
import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { user } from "../accounts/schema.ts";
import type { Db } from "../db/client.server.ts";
import { household, person } from "../households/schema.ts";
import { message, messageFile, messageThread } from "../messaging/schema.ts";
import { reimbursementLine } from "../reimbursements/schema.ts";
import { memberRequest, requestEvent, requestFile } from "../requests/schema.ts";
import { confidentialCareType } from "../shared/care-types.ts";

/** Rows per database read while an archive is written. */
export const exportPageSize = 500;

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function householdJson(db: Db, householdId: string) {
  const [home] = await db
    .select({
      memberNumber: household.memberNumber,
      coverageLevel: household.coverageLevel,
      coverageStart: household.coverageStart,
      coverageEnd: household.coverageEnd,
      premiumMonthlyCents: household.premiumMonthlyCents,
      sepaMandateRef: household.sepaMandateRef,
      addressLine1: household.addressLine1,
      addressLine2: household.addressLine2,
      postalCode: household.postalCode,
      city: household.city,
      phone: household.phone,
    })
    .from(household)
    .where(eq(household.id, householdId));
  const people = await db
    .select({
      externalRef: person.externalRef,
      role: person.role,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      coverageStart: person.coverageStart,
      coverageEnd: person.coverageEnd,
      email: user.email,
    })
    .from(person)
    .leftJoin(user, eq(user.id, person.userId))
    .where(eq(person.householdId, householdId))
    .orderBy(asc(person.externalRef));
  return {
    contract: home,
    // Only the holder's own sign-in address: a beneficiary's own access is theirs, not the holder's to export.
    people: people.map(({ email, ...p }) => (email && p.role === "member" ? { ...p, email } : p)),
  };
}

/** A démarche for a person whose care is confidential stays out of the holder's archive (with its files). */
export const notConfidentialRequest = sql`not exists (select 1 from ${person} where ${person.id} = ${memberRequest.beneficiaryId} and ${person.careConfidential})`;

export async function reimbursementPage(db: Db, householdId: string, offset: number) {
  return db
    .select({
      sourceLineId: reimbursementLine.sourceLineId,
      beneficiaryRef: person.externalRef,
      // A beneficiary who asked for the confidentiality of their care: the holder's archive, like the holder's
      // pages, has only the amounts paid for them (their own space gives them the rest).
      careType: sql<string>`case when ${person.careConfidential} then ${sql.raw(`'${confidentialCareType}'`)} else ${reimbursementLine.careType} end`,
      careDate: reimbursementLine.careDate,
      professionalName: sql<
        string | null
      >`case when ${person.careConfidential} then null else ${reimbursementLine.professionalName} end`,
      quantity: reimbursementLine.quantity,
      chargedCents: reimbursementLine.chargedCents,
      baseCents: reimbursementLine.baseCents,
      amoCents: reimbursementLine.amoCents,
      amcCents: reimbursementLine.amcCents,
      remainingCents: reimbursementLine.remainingCents,
      guaranteeLabel: sql<
        string | null
      >`case when ${person.careConfidential} then null else ${reimbursementLine.guaranteeLabel} end`,
      paidTo: reimbursementLine.paidTo,
      paymentDate: reimbursementLine.paymentDate,
    })
    .from(reimbursementLine)
    .innerJoin(person, eq(person.id, reimbursementLine.beneficiaryId))
    .where(eq(reimbursementLine.householdId, householdId))
    .orderBy(asc(reimbursementLine.paymentDate), asc(reimbursementLine.id))
    .limit(exportPageSize)
    .offset(offset);
}

export async function requestPage(db: Db, householdId: string, offset: number) {
  const rows = await db
    .select({
      id: memberRequest.id,
      reference: memberRequest.reference,
      kind: memberRequest.kind,
      status: memberRequest.status,
      subject: memberRequest.subject,
      careType: memberRequest.careType,
      careDate: memberRequest.careDate,
      amountCents: memberRequest.amountCents,
      paidCents: memberRequest.paidCents,
      decisionReason: memberRequest.decisionReason,
      createdAt: memberRequest.createdAt,
    })
    .from(memberRequest)
    .where(and(eq(memberRequest.householdId, householdId), notConfidentialRequest))
    .orderBy(asc(memberRequest.createdAt), asc(memberRequest.id))
    .limit(exportPageSize)
    .offset(offset);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const events = await db
    .select({
      requestId: requestEvent.requestId,
      at: requestEvent.at,
      status: requestEvent.status,
      note: requestEvent.note,
    })
    .from(requestEvent)
    .where(inArray(requestEvent.requestId, ids))
    .orderBy(asc(requestEvent.at), asc(requestEvent.id));
  const files = await db
    .select({
      requestId: requestFile.requestId,
      name: requestFile.originalName,
      mimeType: requestFile.mimeType,
      sizeBytes: requestFile.sizeBytes,
    })
    .from(requestFile)
    .where(and(inArray(requestFile.requestId, ids), isNotNull(requestFile.requestId)))
    .orderBy(asc(requestFile.createdAt));
  return rows.map(({ id, createdAt, ...r }) => ({
    ...r,
    createdAt: iso(createdAt),
    events: events.filter((e) => e.requestId === id).map((e) => ({ at: iso(e.at), status: e.status, note: e.note })),
    files: files.filter((f) => f.requestId === id).map(({ requestId: _requestId, ...f }) => f),
  }));
}

export async function threadPage(db: Db, householdId: string, offset: number) {
  const threads = await db
    .select({
      id: messageThread.id,
      category: messageThread.category,
      subject: messageThread.subject,
      createdAt: messageThread.createdAt,
    })
    .from(messageThread)
    // A beneficiary's own threads (written from their own access) are theirs, not the holder's.
    .where(and(eq(messageThread.householdId, householdId), isNull(messageThread.personId)))
    .orderBy(asc(messageThread.createdAt), asc(messageThread.id))
    .limit(exportPageSize)
    .offset(offset);
  if (threads.length === 0) return [];
  const ids = threads.map((t) => t.id);
  const messages = await db
    .select({
      id: message.id,
      threadId: message.threadId,
      author: message.author,
      body: message.body,
      at: message.createdAt,
    })
    .from(message)
    .where(inArray(message.threadId, ids))
    .orderBy(asc(message.createdAt), asc(message.id));
  const files = await db
    .select({
      messageId: messageFile.messageId,
      name: messageFile.originalName,
      mimeType: messageFile.mimeType,
      sizeBytes: messageFile.sizeBytes,
    })
    .from(messageFile)
    .where(eq(messageFile.householdId, householdId));
  return threads.map((t) => ({
    id: t.id,
    category: t.category,
    subject: t.subject,
    createdAt: iso(t.createdAt),
    messages: messages
      .filter((m) => m.threadId === t.id)
      .map((m) => ({
        author: m.author,
        at: iso(m.at),
        body: m.body,
        files: files.filter((f) => f.messageId === m.id).map(({ messageId: _messageId, ...f }) => f),
      })),
  }));
}
