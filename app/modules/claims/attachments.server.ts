// Attaching files to a draft or to a request, in two moves:
// 1. prepareUpload, called for each file as the upload parser streams it: write it to this server's scratch
//    folder under a random name, check it from its first bytes (type by content, size, pixels), strip every
//    metadata block of a photo, scan it, then stream it to the storage (a directory or a bucket);
// 2. recordUploads, in the caller's transaction: write the rows.
// The file is always written before its row, so a row never points to a missing file. If anything fails
// between the two, discardUploads deletes what was stored: no file is kept without its row. (Files left by a
// crash between storing and committing are removed by the orphan sweep, app/modules/storage/orphan-sweep.)
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uploadLimits } from "./limits.ts";
import { requestFile } from "../requests/schema.ts";
import type { Readable } from "node:stream";
import { UnreadableImage } from "./image-metadata.ts";
import {
  checkPixels,
  checkType,
  inspectStored,
  readScratch,
  readStoredHead,
  removeScratch,
  stripStoredImage,
  writeIncoming,
} from "./uploads.server.ts";
import type { VirusScanner } from "./virus-scan.server.ts";
import type { ObjectStorage } from "../storage/index.server.ts";

/** Where one kind of attachment goes: the storage, under its key prefix; checked first in `scratchDir`. */
export interface FileStore {
  storage: ObjectStorage;
  /** "" for claims, quotes and beneficiary documents (request_file), "messagerie/" for messages. */
  keyPrefix: string;
  scratchDir: string;
  scanner: VirusScanner | null;
}

type FileServices = { storage: ObjectStorage; scratchDir: string; virusScanner: VirusScanner | null };

/** Files of claims, quotes, beneficiary requests and drafts (the request_file table). */
export function requestFileStore(services: FileServices): FileStore {
  return { storage: services.storage, keyPrefix: "", scratchDir: services.scratchDir, scanner: services.virusScanner };
}

/** The storage key of a request_file row's file (kept at the top level, as UPLOAD_DIR always had them). */
export function requestFileKey(storedName: string): string {
  return storedName;
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
  { storage, keyPrefix, scratchDir, scanner }: FileStore,
): Promise<StoredUpload> {
  const incoming = await writeIncoming(file.stream, scratchDir);
  try {
    if (incoming.truncated)
      throw new AppError(
        "file_too_large",
        "Un fichier dépasse 10 Mo : réduisez-le (ou photographiez la page) puis réessayez.",
        413,
      );
    const checked = await checkType(file.name, incoming.head, incoming.sizeBytes);
    if (!checked.ok) throw new AppError("file_refused", checked.message, 400);
    let metadataStripped: boolean;
    try {
      metadataStripped = await stripStoredImage(scratchDir, incoming.storedName, checked.mimeType);
    } catch (error) {
      if (!(error instanceof UnreadableImage)) throw error;
      throw new AppError(
        "file_refused",
        `L'image « ${file.name.slice(0, 80)} » est illisible : enregistrez-la de nouveau ou envoyez-la en PDF.`,
        400,
      );
    }
    if (checked.mimeType !== "application/pdf") {
      const tooLarge = checkPixels(
        file.name,
        metadataStripped ? await readStoredHead(scratchDir, incoming.storedName) : incoming.head,
      );
      if (tooLarge) throw new AppError("file_refused", tooLarge.message, 400);
    }
    const scan = scanner
      ? await scanner.scan(readScratch(scratchDir, incoming.storedName))
      : ({ status: "clean" } as const);
    if (scan.status === "infected") {
      throw new AppError(
        "file_infected",
        `Le fichier « ${file.name.slice(0, 80)} » contient un virus : il a été refusé.`,
        400,
      );
    }
    const { activeContent, ...digest } = await inspectStored(scratchDir, incoming.storedName, checked.mimeType);
    // Checked: now to the storage, streamed from the scratch copy (its row is written later, by the caller).
    await storage.put(keyPrefix + incoming.storedName, readScratch(scratchDir, incoming.storedName), {
      contentLength: digest.sizeBytes,
      contentType: checked.mimeType,
    });
    return {
      name: file.name,
      storedName: incoming.storedName,
      ...digest,
      activeContent: activeContent.length > 0,
      mimeType: checked.mimeType,
      metadataStripped,
      quarantined: scan.status === "unavailable",
    };
  } finally {
    await removeScratch(scratchDir, incoming.storedName);
  }
}

export async function discardUploads({ storage, keyPrefix }: FileStore, stored: StoredUpload[]): Promise<void> {
  await Promise.all(stored.map((s) => storage.delete(keyPrefix + s.storedName)));
}

export async function recordUploads(
  db: Db,
  viewer: Pick<MemberViewer, "householdId">,
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
