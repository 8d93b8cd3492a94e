// The claim wizard's server-side draft and its files. Every function takes the signed-in member and only
// ever touches their household's drafts.
import { and, asc, eq } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { type ClaimDraftData, claimDraft, requestFile } from "./schema.ts";
import { uploadLimits } from "./limits.ts";
import { checkUpload, deleteStored, storeUpload } from "./uploads.server.ts";
import type { VirusScanner } from "./virus-scan.server.ts";

export type Draft = typeof claimDraft.$inferSelect;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findDraft(db: Db, viewer: MemberViewer, draftId: string | null | undefined): Promise<Draft | null> {
  if (!draftId || !uuidPattern.test(draftId)) return null;
  const [draft] = await db
    .select()
    .from(claimDraft)
    .where(and(eq(claimDraft.id, draftId), eq(claimDraft.householdId, viewer.householdId)));
  return draft ?? null;
}

export async function createDraft(db: Db, viewer: MemberViewer): Promise<Draft> {
  const [draft] = await db.insert(claimDraft).values({ householdId: viewer.householdId, createdBy: viewer.userId }).returning();
  return draft!;
}

export async function saveDraftDetails(db: Db, viewer: MemberViewer, draftId: string, data: ClaimDraftData): Promise<void> {
  await db
    .update(claimDraft)
    .set({ data, updatedAt: new Date() })
    .where(and(eq(claimDraft.id, draftId), eq(claimDraft.householdId, viewer.householdId)));
}

export async function listDraftFiles(db: Db, viewer: MemberViewer, draftId: string) {
  return db
    .select({ id: requestFile.id, originalName: requestFile.originalName, mimeType: requestFile.mimeType, sizeBytes: requestFile.sizeBytes })
    .from(requestFile)
    .where(and(eq(requestFile.draftId, draftId), eq(requestFile.householdId, viewer.householdId)))
    .orderBy(asc(requestFile.createdAt));
}

/**
 * Checks then stores each file; the rows are written in one transaction after every file is on disk. If a
 * check or the database fails, the files this call stored are deleted: nothing is kept half-way.
 */
export async function addDraftFiles(
  db: Db,
  viewer: MemberViewer,
  draft: Draft,
  files: { name: string; bytes: Uint8Array }[],
  { uploadDir, scanner }: { uploadDir: string; scanner: VirusScanner | null },
): Promise<void> {
  const existing = await listDraftFiles(db, viewer, draft.id);
  if (existing.length + files.length > uploadLimits.maxFiles) {
    throw new AppError("too_many_files", `Vous pouvez joindre ${uploadLimits.maxFiles} fichiers au plus par demande.`, 400);
  }
  const stored: { name: string; storedName: string; sha256: string; sizeBytes: number; mimeType: string; metadataStripped: boolean; quarantined: boolean }[] = [];
  try {
    for (const file of files) {
      const checked = await checkUpload(file.name, file.bytes);
      if (!checked.ok) throw new AppError("file_refused", checked.message, 400);
      const scan = scanner ? await scanner.scan(checked.bytes) : ({ status: "clean" } as const);
      if (scan.status === "infected") {
        throw new AppError("file_infected", `Le fichier « ${file.name.slice(0, 80)} » contient un virus : il a été refusé.`, 400);
      }
      const saved = await storeUpload(uploadDir, checked.bytes);
      stored.push({ name: file.name, ...saved, mimeType: checked.mimeType, metadataStripped: checked.metadataStripped, quarantined: scan.status === "unavailable" });
    }
    if (stored.length === 0) return;
    await db.insert(requestFile).values(
      stored.map((s) => ({
        householdId: viewer.householdId,
        draftId: draft.id,
        originalName: s.name.slice(0, 200),
        storedName: s.storedName,
        mimeType: s.mimeType,
        sizeBytes: s.sizeBytes,
        sha256: s.sha256,
        metadataStripped: s.metadataStripped,
        quarantined: s.quarantined,
      })),
    );
  } catch (error) {
    await Promise.all(stored.map((s) => deleteStored(uploadDir, s.storedName)));
    throw error;
  }
}

export async function removeDraftFile(db: Db, viewer: MemberViewer, draftId: string, fileId: string, uploadDir: string): Promise<void> {
  if (!uuidPattern.test(fileId)) return;
  const [removed] = await db
    .delete(requestFile)
    .where(and(eq(requestFile.id, fileId), eq(requestFile.draftId, draftId), eq(requestFile.householdId, viewer.householdId)))
    .returning({ storedName: requestFile.storedName });
  if (removed) await deleteStored(uploadDir, removed.storedName);
}
