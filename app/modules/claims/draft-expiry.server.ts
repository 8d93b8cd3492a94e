// Claim drafts nobody touched for DRAFT_RETENTION_DAYS are deleted with their files: health documents a
// member abandoned are not kept for ever. Run by every server at start and hourly (server.js), beside the
// orphan sweep. Harmless twice or on several servers: rows go in one transaction (a second run finds none),
// files after the commit, a file already gone is not an error; a crash in between leaves files without
// rows, which the orphan sweep removes.
import { and, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { claimDraft } from "./schema.ts";
import { requestFile } from "../requests/schema.ts";
import { requestFileKey } from "./attachments.server.ts";
import type { ObjectStorage } from "../storage/index.server.ts";
import { inTransaction } from "../db/transaction.server.ts";

export async function deleteExpiredDrafts(
  db: Db,
  storage: ObjectStorage,
  retentionDays: number,
  now = new Date(),
): Promise<{ drafts: number; files: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const { drafts, files } = await inTransaction(db, async (tx) => {
    const expired = tx.select({ id: claimDraft.id }).from(claimDraft).where(lt(claimDraft.updatedAt, cutoff));
    // Before the drafts: the foreign key would only set draft_id to null, leaving rows that belong to nothing.
    const removedFiles = await tx
      .delete(requestFile)
      .where(and(inArray(requestFile.draftId, expired), isNull(requestFile.requestId)))
      .returning({ storedName: requestFile.storedName });
    const removedDrafts = await tx
      .delete(claimDraft)
      .where(lt(claimDraft.updatedAt, cutoff))
      .returning({ id: claimDraft.id });
    return { drafts: removedDrafts, files: removedFiles };
  });
  for (const f of files) await storage.delete(requestFileKey(f.storedName));
  return { drafts: drafts.length, files: files.length };
}
