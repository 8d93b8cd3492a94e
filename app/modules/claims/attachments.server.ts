// Attaching files to a draft or to a request, in two moves:
// 1. prepareUpload, called for each file as the upload parser streams it: write it to disk under a random
//    name, check it from its first bytes (type by content, size, pixels), strip every metadata block of a
//    photo, scan it;
// 2. recordUploads, in the caller's transaction: write the rows.
// If anything fails between the two, discardUploads deletes what was stored: no file is kept without its row.
// (Files left by a crash between storing and committing are removed by the orphan sweep.)
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uploadLimits } from "./limits.ts";
import { requestFile } from "./schema.ts";
import type { Readable } from "node:stream";
import { UnreadableImage } from "./image-metadata.ts";
import {
  checkPixels,
  checkType,
  deleteStored,
  inspectStored,
  readStored,
  readStoredHead,
  stripStoredImage,
  writeIncoming,
} from "./uploads.server.ts";
import type { VirusScanner } from "./virus-scan.server.ts";

export interface FileStore {
  uploadDir: string;
  scanner: VirusScanner | null;
}

export interface StoredUpload {
  name: string;
  storedName: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  metadataStripped: boolean;
  quarantined: boolean;
  /** PDF scripts or automatic actions, or HTML inside the file: accepted, but advisors are warned. */
  activeContent: boolean;
}

export async function prepareUpload(
  file: { name: string; stream: Readable & { truncated?: boolean } },
  { uploadDir, scanner }: FileStore,
): Promise<StoredUpload> {
  const incoming = await writeIncoming(file.stream, uploadDir);
  const refuse = async (error: AppError): Promise<never> => {
    await deleteStored(uploadDir, incoming.storedName);
    throw error;
  };
  if (incoming.truncated)
    await refuse(
      new AppError(
        "file_too_large",
        "Un fichier dépasse 10 Mo : réduisez-le (ou photographiez la page) puis réessayez.",
        413,
      ),
    );
  const checked = await checkType(file.name, incoming.head, incoming.sizeBytes);
  if (!checked.ok) return refuse(new AppError("file_refused", checked.message, 400));
  let metadataStripped: boolean;
  try {
    metadataStripped = await stripStoredImage(uploadDir, incoming.storedName, checked.mimeType);
  } catch (error) {
    if (!(error instanceof UnreadableImage)) throw error;
    return refuse(
      new AppError(
        "file_refused",
        `L'image « ${file.name.slice(0, 80)} » est illisible : enregistrez-la de nouveau ou envoyez-la en PDF.`,
        400,
      ),
    );
  }
  if (checked.mimeType !== "application/pdf") {
    const tooLarge = checkPixels(
      file.name,
      metadataStripped ? await readStoredHead(uploadDir, incoming.storedName) : incoming.head,
    );
    if (tooLarge) return refuse(new AppError("file_refused", tooLarge.message, 400));
  }
  const scan = scanner
    ? await scanner.scan(readStored(uploadDir, incoming.storedName))
    : ({ status: "clean" } as const);
  if (scan.status === "infected") {
    await refuse(
      new AppError(
        "file_infected",
        `Le fichier « ${file.name.slice(0, 80)} » contient un virus : il a été refusé.`,
        400,
      ),
    );
  }
  const { activeContent, ...digest } = await inspectStored(uploadDir, incoming.storedName, checked.mimeType);
  return {
    name: file.name,
    storedName: incoming.storedName,
    ...digest,
    activeContent: activeContent.length > 0,
    mimeType: checked.mimeType,
    metadataStripped,
    quarantined: scan.status === "unavailable",
  };
}

export async function discardUploads({ uploadDir }: FileStore, stored: StoredUpload[]): Promise<void> {
  await Promise.all(stored.map((s) => deleteStored(uploadDir, s.storedName)));
}

export async function recordUploads(
  db: Db,
  viewer: MemberViewer,
  target: { draftId: string } | { requestId: string },
  stored: StoredUpload[],
  alreadyAttached = 0,
): Promise<number> {
  if (stored.length === 0) throw new AppError("no_file", "Choisissez au moins un fichier à joindre.", 400);
  if (alreadyAttached + stored.length > uploadLimits.maxFiles) {
    throw new AppError(
      "too_many_files",
      `Vous pouvez joindre ${uploadLimits.maxFiles} fichiers au plus par demande.`,
      400,
    );
  }
  await db
    .insert(requestFile)
    .values(stored.map((s) => ({ householdId: viewer.householdId, ...target, ...storedFileColumns(s) })));
  return stored.length;
}

/** The columns every table of stored files shares (request files, message files). */
export function storedFileColumns(s: StoredUpload) {
  return {
    originalName: s.name.slice(0, 200),
    storedName: s.storedName,
    mimeType: s.mimeType,
    sizeBytes: s.sizeBytes,
    sha256: s.sha256,
    metadataStripped: s.metadataStripped,
    quarantined: s.quarantined,
    activeContent: s.activeContent,
  };
}

/** Runs `record` (which writes the rows); if it fails, the stored files are deleted before the error goes on. */
export async function keepOrDiscard<T>(store: FileStore, stored: StoredUpload[], record: () => Promise<T>): Promise<T> {
  try {
    return await record();
  } catch (error) {
    await discardUploads(store, stored);
    throw error;
  }
}
