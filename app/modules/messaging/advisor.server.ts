// The advisors' side of the messagerie. Every function takes the advisor viewer (requireAdvisor gave it):
// member data is read for an advisor only. Each view of a member's thread, reply, new thread and
// assignment is written to the audit log (codes and ids only, never the message text).
import type { Clock } from "../clock/index.ts";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { user } from "../accounts/schema.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { recordAdvisorAccess } from "../back-office/access-log.server.ts";
import type { StoredUpload } from "../claims/attachments.server.ts";
import type { Db } from "../db/client.server.ts";
import { household, person } from "../households/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { loadMessages, recordMessageFiles, type ThreadMessage } from "./files.server.ts";
import { message, messageFile, messageThread } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";

export interface InboxThread {
  id: string;
  category: string;
  subject: string;
  waitingSince: Date;
  memberNumber: string;
  memberName: string;
  assignedToName: string | null;
  assignedToMe: boolean;
}

const memberPerson = and(eq(person.householdId, messageThread.householdId), eq(person.role, "member"));

/** Threads waiting for an answer, the one waiting longest first; optionally one category only. */
export async function listInbox(
  db: Db,
  advisor: AdvisorViewer,
  filter: { category?: string } = {},
): Promise<InboxThread[]> {
  const rows = await db
    .select({
      id: messageThread.id,
      category: messageThread.category,
      subject: messageThread.subject,
      waitingSince: messageThread.lastMessageAt,
      memberNumber: household.memberNumber,
      firstName: person.firstName,
      lastName: person.lastName,
      assignedTo: messageThread.assignedTo,
      assignedToName: user.name,
    })
    .from(messageThread)
    .innerJoin(household, eq(household.id, messageThread.householdId))
    .leftJoin(person, memberPerson)
    .leftJoin(user, eq(user.id, messageThread.assignedTo))
    .where(
      and(eq(messageThread.status, "open"), filter.category ? eq(messageThread.category, filter.category) : undefined),
    )
    .orderBy(asc(messageThread.lastMessageAt), asc(messageThread.id))
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    subject: r.subject,
    waitingSince: r.waitingSince,
    memberNumber: r.memberNumber,
    memberName: r.firstName ? `${r.firstName} ${r.lastName}` : "—",
    assignedToName: r.assignedToName,
    assignedToMe: r.assignedTo === advisor.userId,
  }));
}

export interface AdvisorThread {
  id: string;
  category: string;
  subject: string;
  status: "open" | "answered";
  assignedToName: string | null;
  assignedToMe: boolean;
  messages: ThreadMessage[];
  member: {
    firstName: string;
    lastName: string;
    memberNumber: string;
    coverageLevel: string;
    coverageStart: string;
    coverageEnd: string | null;
    beneficiaries: { firstName: string; lastName: string; role: string }[];
  };
}

/** One thread with the member's identity and contract beside it. The view itself is audited. */
export async function viewThreadAsAdvisor(
  db: Db,
  advisor: AdvisorViewer,
  threadId: string,
  ip: string | null,
): Promise<AdvisorThread | null> {
  const [thread] = await db
    .select({
      id: messageThread.id,
      householdId: messageThread.householdId,
      category: messageThread.category,
      subject: messageThread.subject,
      status: messageThread.status,
      assignedTo: messageThread.assignedTo,
      assignedToName: user.name,
      memberNumber: household.memberNumber,
      coverageLevel: household.coverageLevel,
      coverageStart: household.coverageStart,
      coverageEnd: household.coverageEnd,
    })
    .from(messageThread)
    .innerJoin(household, eq(household.id, messageThread.householdId))
    .leftJoin(user, eq(user.id, messageThread.assignedTo))
    .where(eq(messageThread.id, threadId));
  if (!thread) return null;
  await recordAudit(db, {
    action: "message.advisor_view",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: thread.householdId,
    ipAddress: ip,
    details: { threadId: thread.id },
  });
  const people = await db
    .select({ firstName: person.firstName, lastName: person.lastName, role: person.role })
    .from(person)
    .where(eq(person.householdId, thread.householdId))
    .orderBy(asc(person.birthDate));
  const holder = people.find((p) => p.role === "member");
  return {
    id: thread.id,
    category: thread.category,
    subject: thread.subject,
    status: thread.status,
    assignedToName: thread.assignedToName,
    assignedToMe: thread.assignedTo === advisor.userId,
    messages: await loadMessages(db, thread.id),
    member: {
      firstName: holder?.firstName ?? "",
      lastName: holder?.lastName ?? "",
      memberNumber: thread.memberNumber,
      coverageLevel: thread.coverageLevel,
      coverageStart: thread.coverageStart,
      coverageEnd: thread.coverageEnd,
      beneficiaries: people.filter((p) => p.role !== "member"),
    },
  };
}

/**
 * The address to tell of a new message: the login e-mail of the beneficiary whose own thread it is, else the
 * household's member's.
 */
async function memberEmail(db: Db, householdId: string, threadId?: string): Promise<string | null> {
  if (threadId) {
    const [own] = await db
      .select({ email: user.email })
      .from(messageThread)
      .innerJoin(person, eq(person.id, messageThread.personId))
      .innerJoin(user, eq(user.id, person.userId))
      .where(and(eq(messageThread.id, threadId), eq(messageThread.householdId, householdId)));
    if (own) return own.email;
  }
  const [row] = await db
    .select({ email: user.email })
    .from(person)
    .innerJoin(user, eq(user.id, person.userId))
    .where(and(eq(person.householdId, householdId), eq(person.role, "member")));
  return row?.email ?? null;
}

/**
 * The advisor answers: the thread becomes "Traité" and unread for the member; the advisor who answers
 * takes it if nobody had. Returns where to send the notification.
 */
export async function replyAsAdvisor(
  { db, clock }: { db: Db; clock: Clock },
  advisor: AdvisorViewer,
  threadId: string,
  body: string,
  stored: StoredUpload[],
  ip: string | null,
): Promise<{ threadId: string; email: string | null }> {
  const at = clock.now();
  const householdId = await inTransaction(db, async (tx) => {
    const [thread] = await tx
      .update(messageThread)
      .set({
        status: "answered",
        unreadForMember: true,
        lastMessageAt: at,
        assignedTo: sql`coalesce(${messageThread.assignedTo}, ${advisor.userId})`,
      })
      .where(eq(messageThread.id, threadId))
      .returning({ householdId: messageThread.householdId });
    if (!thread) throw new AppError("not_found", "Message introuvable.", 404);
    const [reply] = await tx
      .insert(message)
      .values({ threadId, author: "advisor", authorUserId: advisor.userId, body, createdAt: at })
      .returning({ id: message.id });
    await recordMessageFiles(tx, thread.householdId, reply!.id, stored);
    await recordAudit(tx, {
      action: "message.advisor_reply",
      outcome: "success",
      actorUserId: advisor.userId,
      householdId: thread.householdId,
      ipAddress: ip,
      details: { threadId, files: stored.length },
    });
    return thread.householdId;
  });
  return { threadId, email: await memberEmail(db, householdId, threadId) };
}

/** A thread an advisor starts, to a member found by numéro d'adhérent, in "Message de votre conseiller". */
export async function startThreadAsAdvisor(
  { db, clock }: { db: Db; clock: Clock },
  advisor: AdvisorViewer,
  input: { memberNumber: string; subject: string; body: string },
  stored: StoredUpload[],
  ip: string | null,
): Promise<{ threadId: string; email: string | null }> {
  const [target] = await db
    .select({ id: household.id })
    .from(household)
    .where(eq(household.memberNumber, input.memberNumber));
  if (!target) throw new AppError("unknown_member", "Aucun adhérent ne porte ce numéro.", 400);
  const at = clock.now();
  const threadId = await inTransaction(db, async (tx) => {
    const [thread] = await tx
      .insert(messageThread)
      .values({
        householdId: target.id,
        category: "conseiller",
        subject: input.subject,
        startedBy: "advisor",
        status: "answered",
        unreadForMember: true,
        assignedTo: advisor.userId,
        createdAt: at,
        lastMessageAt: at,
      })
      .returning({ id: messageThread.id });
    const [first] = await tx
      .insert(message)
      .values({
        threadId: thread!.id,
        author: "advisor",
        authorUserId: advisor.userId,
        body: input.body,
        createdAt: at,
      })
      .returning({ id: message.id });
    await recordMessageFiles(tx, target.id, first!.id, stored);
    await recordAudit(tx, {
      action: "message.advisor_start",
      outcome: "success",
      actorUserId: advisor.userId,
      householdId: target.id,
      ipAddress: ip,
      details: { threadId: thread!.id, files: stored.length },
    });
    return thread!.id;
  });
  return { threadId, email: await memberEmail(db, target.id) };
}

/** "Prendre en charge": the advisor takes the thread (taking it over from a colleague is allowed). */
export async function assignToSelf(db: Db, advisor: AdvisorViewer, threadId: string, ip: string | null): Promise<void> {
  const [thread] = await db
    .update(messageThread)
    .set({ assignedTo: advisor.userId })
    .where(eq(messageThread.id, threadId))
    .returning({ householdId: messageThread.householdId });
  if (!thread) throw new AppError("not_found", "Message introuvable.", 404);
  await recordAudit(db, {
    action: "message.assign",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: thread.householdId,
    ipAddress: ip,
    details: { threadId },
  });
}

/** An attachment of a thread, for an advisor; never one still in quarantine. Audited like a document read. */
export async function getMessageFileForAdvisor(
  db: Db,
  advisor: AdvisorViewer,
  threadId: string,
  fileId: string,
  ip: string | null,
) {
  const [file] = await db
    .select({
      storedName: messageFile.storedName,
      originalName: messageFile.originalName,
      mimeType: messageFile.mimeType,
      householdId: messageFile.householdId,
    })
    .from(messageFile)
    .innerJoin(message, eq(message.id, messageFile.messageId))
    .where(and(eq(messageFile.id, fileId), eq(message.threadId, threadId), eq(messageFile.quarantined, false)));
  if (!file) return null;
  // A look at the member's file like any other: listed in their Mon compte.
  await recordAdvisorAccess(db, advisor, file.householdId, "message_file", ip);
  return file;
}

/** Open threads per category, for the inbox's filter. */
export async function countOpenByCategory(db: Db, _advisor: AdvisorViewer): Promise<Record<string, number>> {
  const rows = await db
    .select({ category: messageThread.category, n: count() })
    .from(messageThread)
    .where(eq(messageThread.status, "open"))
    .groupBy(messageThread.category);
  return Object.fromEntries(rows.map((r) => [r.category, r.n]));
}
