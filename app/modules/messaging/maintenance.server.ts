// Housekeeping of the messagerie, run hourly by each server and by `npm run messages:purge` (system cron).
// Every step is harmless to run twice, or in two servers at once: rows go in one statement each (a second
// run finds nothing left), files are removed after the commit and a file already gone is not an error.
import { eq, inArray, lt, notExists } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import type { ObjectStorage } from "../storage/index.server.ts";
import { messageFileKey } from "./files.server.ts";
import { retentionCutoff } from "./retention.ts";
import { message, messageFile, messageThread } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";

export interface PurgeResult {
  messages: number;
  threads: number;
  files: number;
}

/**
 * Removes every message older than a year with its attachments (rows and files), then the threads left
 * without any message. A thread with a recent reply keeps that reply.
 */
export async function purgeExpiredMessages(db: Db, storage: ObjectStorage, now: Date): Promise<PurgeResult> {
  const cutoff = retentionCutoff(now);
  const { files, messages, threads } = await inTransaction(db, async (tx) => {
    const expired = tx.select({ id: message.id }).from(message).where(lt(message.createdAt, cutoff));
    const removedFiles = await tx
      .delete(messageFile)
      .where(inArray(messageFile.messageId, expired))
      .returning({ storedName: messageFile.storedName });
    const removedMessages = await tx.delete(message).where(lt(message.createdAt, cutoff)).returning({ id: message.id });
    const removedThreads = await tx
      .delete(messageThread)
      .where(notExists(tx.select({ id: message.id }).from(message).where(eq(message.threadId, messageThread.id))))
      .returning({ id: messageThread.id });
    return { files: removedFiles, messages: removedMessages, threads: removedThreads };
  });
  // After the commit: a crash here leaves files without rows, which the orphan sweep removes.
  for (const f of files) await storage.delete(messageFileKey(f.storedName));
  return { messages: messages.length, threads: threads.length, files: files.length };
}
