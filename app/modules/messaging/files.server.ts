// Message attachments go through the claims' upload pipeline (type by content, size, pixels, photo
// metadata, virus scan, all or nothing) and are stored in their own folder, UPLOAD_DIR/messagerie: the
// claims' orphan sweep only looks at files directly in UPLOAD_DIR, so it never mistakes them for orphans.
import { join } from "node:path";
import { asc, eq, inArray } from "drizzle-orm";
import { type FileStore, type StoredUpload, storedFileColumns } from "../claims/attachments.server.ts";
import type { VirusScanner } from "../claims/virus-scan.server.ts";
import type { Db } from "../db/client.server.ts";
import { message, messageFile } from "./schema.ts";

export function messageFileStore(services: { uploadDir: string; virusScanner: VirusScanner | null }): FileStore {
  return { uploadDir: join(services.uploadDir, "messagerie"), scanner: services.virusScanner };
}

/** Writes the rows of files already stored and checked, in the caller's transaction. */
export async function recordMessageFiles(
  tx: Db,
  householdId: string,
  messageId: string,
  stored: StoredUpload[],
): Promise<void> {
  if (stored.length === 0) return;
  await tx.insert(messageFile).values(stored.map((s) => ({ messageId, householdId, ...storedFileColumns(s) })));
}

export interface ThreadMessage {
  id: string;
  author: "member" | "advisor";
  body: string;
  createdAt: Date;
  files: { id: string; originalName: string; sizeBytes: number; quarantined: boolean; activeContent: boolean }[];
}

/** A thread's messages, oldest first, each with its files. The caller has already scoped the thread. */
export async function loadMessages(db: Db, threadId: string): Promise<ThreadMessage[]> {
  const rows = await db
    .select({ id: message.id, author: message.author, body: message.body, createdAt: message.createdAt })
    .from(message)
    .where(eq(message.threadId, threadId))
    .orderBy(asc(message.createdAt), asc(message.id));
  const files = rows.length
    ? await db
        .select({
          id: messageFile.id,
          messageId: messageFile.messageId,
          originalName: messageFile.originalName,
          sizeBytes: messageFile.sizeBytes,
          quarantined: messageFile.quarantined,
          activeContent: messageFile.activeContent,
        })
        .from(messageFile)
        .where(
          inArray(
            messageFile.messageId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(messageFile.createdAt), asc(messageFile.originalName))
    : [];
  return rows.map((r) => ({
    ...r,
    files: files.filter((f) => f.messageId === r.id).map(({ messageId: _messageId, ...f }) => f),
  }));
}
