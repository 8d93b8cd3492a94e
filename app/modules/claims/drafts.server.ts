// The claim wizard's server-side draft and its files. Every function takes the signed-in member and only
// ever touches their household's drafts.
import { and, asc, eq, sql } from "drizzle-orm";
import { relationOf } from "../accounts/scopes.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { type ClaimDraftData, claimDraft } from "./schema.ts";
import { requestFile } from "../requests/schema.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { recordUploads, requestFileKey, type StoredUpload } from "./attachments.server.ts";
import type { ObjectStorage } from "../storage/index.server.ts";

export type Draft = typeof claimDraft.$inferSelect;

export async function findDraft(
  db: Db,
  viewer: MemberViewer,
  draftId: string | null | undefined,
): Promise<Draft | null> {
  if (!draftId || !uuidPattern.test(draftId)) return null;
  const [draft] = await db
    .select()
    .from(claimDraft)
    .where(
      and(
        eq(claimDraft.id, draftId),
        eq(claimDraft.householdId, viewer.householdId),
        // Anyone but the holder (a beneficiary, a carer) finds only the drafts their own login started.
        relationOf(viewer) === "holder" ? undefined : eq(claimDraft.createdBy, viewer.userId),
      ),
    );
  return draft ?? null;
}

export async function createDraft(db: Db, viewer: MemberViewer): Promise<Draft> {
  const [draft] = await db
    .insert(claimDraft)
    .values({ householdId: viewer.householdId, createdBy: viewer.userId })
    .returning();
  return draft!;
}

export async function saveDraftDetails(
  db: Db,
  viewer: MemberViewer,
  draftId: string,
  data: ClaimDraftData,
): Promise<void> {
  await db
    .update(claimDraft)
    .set({ data, updatedAt: sql`now()` })
    .where(and(eq(claimDraft.id, draftId), eq(claimDraft.householdId, viewer.householdId)));
}

export async function listDraftFiles(db: Db, viewer: MemberViewer, draftId: string) {
  return db
    .select({
      id: requestFile.id,
      originalName: requestFile.originalName,
      mimeType: requestFile.mimeType,
      sizeBytes: requestFile.sizeBytes,
    })
    .from(requestFile)
    .where(and(eq(requestFile.draftId, draftId), eq(requestFile.householdId, viewer.householdId)))
    .orderBy(asc(requestFile.createdAt));
}

/** Records files already checked and stored (see receiveUploads) on the draft, within the per-claim limit. */
export async function addDraftFiles(db: Db, viewer: MemberViewer, draft: Draft, stored: StoredUpload[]): Promise<void> {
  const existing = await listDraftFiles(db, viewer, draft.id);
  await recordUploads(db, viewer, { draftId: draft.id }, stored, existing.length);
  // Adding files is activity: the draft's expiry (DRAFT_RETENTION_DAYS) counts from here.
  await db
    .update(claimDraft)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(claimDraft.id, draft.id), eq(claimDraft.householdId, viewer.householdId)));
}

export async function removeDraftFile(
  db: Db,
  viewer: MemberViewer,
  draftId: string,
  fileId: string,
  storage: ObjectStorage,
): Promise<void> {
  if (!uuidPattern.test(fileId)) return;
  const [removed] = await db
    .delete(requestFile)
    .where(
      and(
        eq(requestFile.id, fileId),
        eq(requestFile.draftId, draftId),
        eq(requestFile.householdId, viewer.householdId),
      ),
    )
    .returning({ storedName: requestFile.storedName });
  // After the row is gone: a row never points to a missing file (a crash here leaves an orphan to sweep).
  if (removed) await storage.delete(requestFileKey(removed.storedName));
}

/** An image of one of the viewer's drafts, for its preview; null for a PDF, a quarantined file or anything else. */
export async function findDraftImage(db: Db, viewer: MemberViewer, draftId: string | null, fileId: string) {
  const draft = await findDraft(db, viewer, draftId);
  if (!draft || !uuidPattern.test(fileId)) return null;
  const [file] = await db
    .select({
      storedName: requestFile.storedName,
      originalName: requestFile.originalName,
      mimeType: requestFile.mimeType,
      quarantined: requestFile.quarantined,
    })
    .from(requestFile)
    .where(
      and(
        eq(requestFile.id, fileId),
        eq(requestFile.draftId, draft.id),
        eq(requestFile.householdId, viewer.householdId),
      ),
    );
  // Images only, and never a file the virus scanner has not cleared.
  if (!file || file.quarantined || !file.mimeType.startsWith("image/")) return null;
  return file;
}
