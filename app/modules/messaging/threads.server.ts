// The member's side of the messagerie. Every query is scoped by the viewer's household: a thread id from
// the URL alone never reads anything, and a thread of another household is simply not found.
import type { Clock } from "../clock/index.ts";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { StoredUpload } from "../claims/attachments.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { loadMessages, recordMessageFiles, type ThreadMessage } from "./files.server.ts";
import { message, messageFile, messageThread } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";

export interface ThreadSummary {
  id: string;
  category: string;
  subject: string;
  status: "open" | "answered";
  unread: boolean;
  lastMessageAt: Date;
}

/**
 * A beneficiary's own access reads only the threads they wrote; the holder's space (the holder, a carer acting
 * for them) reads the household's other threads, never a beneficiary's own.
 */
function ownThreads(viewer: MemberViewer) {
  return viewer.onlyPersonId ? eq(messageThread.personId, viewer.onlyPersonId) : isNull(messageThread.personId);
}

export interface ThreadFilter {
  category?: string;
  status?: "open" | "answered";
}

/** The viewer's threads, newest first; only a category's, or only one status's, when asked. */
export async function listThreads(db: Db, viewer: MemberViewer, filter: ThreadFilter = {}): Promise<ThreadSummary[]> {
  const where = [eq(messageThread.householdId, viewer.householdId), ownThreads(viewer)];
  if (filter.category) where.push(eq(messageThread.category, filter.category));
  if (filter.status) where.push(eq(messageThread.status, filter.status));
  return db
    .select({
      id: messageThread.id,
      category: messageThread.category,
      subject: messageThread.subject,
      status: messageThread.status,
      unread: messageThread.unreadForMember,
      lastMessageAt: messageThread.lastMessageAt,
    })
    .from(messageThread)
    .where(and(...where))
    .orderBy(desc(messageThread.lastMessageAt), desc(messageThread.id));
}

/** How many of the household's threads each category and status holds (for the filters beside the list). */
export async function countThreads(
  db: Db,
  viewer: MemberViewer,
): Promise<{ category: string; status: "open" | "answered"; count: number }[]> {
  const rows = await db
    .select({ category: messageThread.category, status: messageThread.status, count: count() })
    .from(messageThread)
    .where(and(eq(messageThread.householdId, viewer.householdId), ownThreads(viewer)))
    .groupBy(messageThread.category, messageThread.status);
  return rows;
}

export interface MemberThread extends ThreadSummary {
  messages: ThreadMessage[];
}

/** One thread of the viewer's household, or null. Opening it marks it read. */
export async function openThread(db: Db, viewer: MemberViewer, threadId: string): Promise<MemberThread | null> {
  const [thread] = await db
    .update(messageThread)
    .set({ unreadForMember: false })
    .where(and(eq(messageThread.id, threadId), eq(messageThread.householdId, viewer.householdId), ownThreads(viewer)))
    .returning({
      id: messageThread.id,
      category: messageThread.category,
      subject: messageThread.subject,
      status: messageThread.status,
      lastMessageAt: messageThread.lastMessageAt,
    });
  if (!thread) return null;
  return { ...thread, unread: false, messages: await loadMessages(db, thread.id) };
}

/** A new thread with its first message and files, in one transaction. The caller discards the files if it fails. */
export async function startThread(
  { db, clock }: { db: Db; clock: Clock },
  viewer: MemberViewer,
  input: { category: string; subject: string; body: string },
  stored: StoredUpload[],
): Promise<string> {
  // Sent at the application's clock, as the demo threads and the one-year purge count (ADR 0011).
  const at = clock.now();
  return inTransaction(db, async (tx) => {
    const [thread] = await tx
      .insert(messageThread)
      .values({
        householdId: viewer.householdId,
        personId: viewer.onlyPersonId ?? null,
        category: input.category,
        subject: input.subject,
        startedBy: "member",
        status: "open",
        createdAt: at,
        lastMessageAt: at,
      })
      .returning({ id: messageThread.id });
    const [first] = await tx
      .insert(message)
      .values({ threadId: thread!.id, author: "member", authorUserId: viewer.userId, body: input.body, createdAt: at })
      .returning({ id: message.id });
    await recordMessageFiles(tx, viewer.householdId, first!.id, stored);
    return thread!.id;
  });
}

/** The member answers: the thread waits for an advisor again ("En cours"). */
export async function replyAsMember(
  { db, clock }: { db: Db; clock: Clock },
  viewer: MemberViewer,
  threadId: string,
  body: string,
  stored: StoredUpload[],
): Promise<void> {
  const at = clock.now();
  await inTransaction(db, async (tx) => {
    const [thread] = await tx
      .update(messageThread)
      .set({ status: "open", lastMessageAt: at })
      .where(and(eq(messageThread.id, threadId), eq(messageThread.householdId, viewer.householdId), ownThreads(viewer)))
      .returning({ id: messageThread.id });
    if (!thread) throw new AppError("not_found", "Message introuvable.", 404);
    const [reply] = await tx
      .insert(message)
      .values({ threadId, author: "member", authorUserId: viewer.userId, body, createdAt: at })
      .returning({ id: message.id });
    await recordMessageFiles(tx, viewer.householdId, reply!.id, stored);
  });
}

/** An attachment of one of the household's threads, never one still in quarantine. */
export async function getMessageFileForMember(db: Db, viewer: MemberViewer, threadId: string, fileId: string) {
  const [file] = await db
    .select({
      storedName: messageFile.storedName,
      originalName: messageFile.originalName,
      mimeType: messageFile.mimeType,
    })
    .from(messageFile)
    .innerJoin(message, eq(message.id, messageFile.messageId))
    .innerJoin(messageThread, eq(messageThread.id, message.threadId))
    .where(
      and(
        eq(messageFile.id, fileId),
        eq(messageFile.quarantined, false),
        eq(messageThread.id, threadId),
        eq(messageThread.householdId, viewer.householdId),
        ownThreads(viewer),
        eq(messageFile.householdId, viewer.householdId),
      ),
    );
  return file ?? null;
}
