// Housekeeping of the messagerie, run hourly by each server and by `npm run messages:purge` (system cron).
// Every step is harmless to run twice, or in two servers at once: rows go in one statement each (a second
// run finds nothing left), files are removed after the commit and a file already gone is not an error.
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { eq, inArray, lt, notExists } from "drizzle-orm";
import type { FileStore } from "../claims/attachments.server.ts";
import { deleteStored, readStored } from "../claims/uploads.server.ts";
import type { Db } from "../db/client.server.ts";
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
export async function purgeExpiredMessages(db: Db, messageDir: string, now: Date): Promise<PurgeResult> {
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
  // After the commit: a crash here leaves files without rows, which the orphan sweep below removes.
  for (const f of files) await deleteStored(messageDir, f.storedName);
  return { messages: messages.length, threads: threads.length, files: files.length };
}

/** Files in the messagerie folder with no row after an hour (a crash between storing and committing). */
export async function sweepOrphanMessageFiles(
  db: Db,
  messageDir: string,
  olderThanMs = 60 * 60 * 1000,
): Promise<number> {
  const names = await readdir(messageDir).catch(() => [] as string[]);
  const old: string[] = [];
  for (const name of names) {
    const info = await stat(join(messageDir, name)).catch(() => null);
    if (info?.isFile() && Date.now() - info.mtimeMs > olderThanMs) old.push(name);
  }
  let removed = 0;
  for (let i = 0; i < old.length; i += 500) {
    const batch = old.slice(i, i + 500);
    const known = new Set(
      (
        await db
          .select({ name: messageFile.storedName })
          .from(messageFile)
          .where(inArray(messageFile.storedName, batch))
      ).map((r) => r.name),
    );
    for (const name of batch.filter((n) => !known.has(n))) {
      await rm(join(messageDir, name), { force: true });
      removed += 1;
    }
  }
  return removed;
}

/** Attachments kept in quarantine while clamd was unreachable: released when clean, deleted when infected. */
export async function rescanQuarantinedMessageFiles(
  db: Db,
  { uploadDir, scanner }: FileStore,
): Promise<{ released: number; deleted: number }> {
  const result = { released: 0, deleted: 0 };
  if (!scanner) return result;
  const files = await db
    .select({ id: messageFile.id, storedName: messageFile.storedName })
    .from(messageFile)
    .where(eq(messageFile.quarantined, true))
    .limit(500);
  for (const file of files) {
    const scan = await scanner.scan(readStored(uploadDir, file.storedName));
    if (scan.status === "clean") {
      await db.update(messageFile).set({ quarantined: false }).where(eq(messageFile.id, file.id));
      result.released += 1;
    } else if (scan.status === "infected") {
      await db.delete(messageFile).where(eq(messageFile.id, file.id));
      await deleteStored(uploadDir, file.storedName);
      result.deleted += 1;
    } else {
      break; // still unreachable: next time
    }
  }
  return result;
}
