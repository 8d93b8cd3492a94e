// Attaching files to a draft or to a request: check each one (type by content, size, pixels), scan it,
// store it, then write the rows in one statement. If anything fails, the files this call stored are
// deleted: no file is kept without its row, no row points to a missing file.
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uploadLimits } from "./limits.ts";
import { requestFile } from "./schema.ts";
import { checkUpload, deleteStored, storeUpload } from "./uploads.server.ts";
import type { VirusScanner } from "./virus-scan.server.ts";

export interface FileStore {
  uploadDir: string;
  scanner: VirusScanner | null;
}

export async function attachFiles(
  db: Db,
  viewer: MemberViewer,
  target: { draftId: string } | { requestId: string },
  files: { name: string; bytes: Uint8Array }[],
  { uploadDir, scanner }: FileStore,
  alreadyAttached = 0,
): Promise<number> {
  if (files.length === 0) throw new AppError("no_file", "Choisissez au moins un fichier à joindre.", 400);
  if (alreadyAttached + files.length > uploadLimits.maxFiles) {
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
    await db.insert(requestFile).values(
      stored.map((s) => ({
        householdId: viewer.householdId,
        ...target,
        originalName: s.name.slice(0, 200),
        storedName: s.storedName,
        mimeType: s.mimeType,
        sizeBytes: s.sizeBytes,
        sha256: s.sha256,
        metadataStripped: s.metadataStripped,
        quarantined: s.quarantined,
      })),
    );
    return stored.length;
  } catch (error) {
    await Promise.all(stored.map((s) => deleteStored(uploadDir, s.storedName)));
    throw error;
  }
}
