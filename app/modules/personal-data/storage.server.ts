// Every file this module reads or writes, in one place, through the storage module (local directory or S3):
// attachments the member sent (the claims' and the messagerie's keys) and the export archives ("exports/…",
// keys the orphan sweep never touches).
import { PassThrough, Readable } from "node:stream";
import { contentDisposition } from "../documents/serve-file.server.ts";
import type { ObjectStorage } from "../storage/storage.server.ts";

/** Where a stored file lives: claim files at the top level, the messagerie's and the archives under a prefix. */
export type StoredArea = "demandes" | "messagerie" | "exports";
export interface StoredFileRef {
  area: StoredArea;
  storedName: string;
}

function keyOf({ area, storedName }: StoredFileRef): string {
  if (!/^[A-Za-z0-9._-]+$/.test(storedName) || storedName.startsWith(".")) throw new Error("invalid stored name");
  return area === "demandes" ? storedName : `${area}/${storedName}`;
}

/**
 * The file as a stream, at once (the archive opens each entry only when its turn comes); the storage answers
 * later and its bytes flow through. A file gone meanwhile fails the stream, and with it the archive.
 */
export function openStoredFile(storage: ObjectStorage, ref: StoredFileRef): Readable {
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  storage.get(keyOf(ref)).then(
    (found) => {
      if (!found) {
        out.destroy(new Error("stored file missing"));
        return;
      }
      found.body.on("error", (error) => out.destroy(error));
      out.on("close", () => found.body.destroy());
      found.body.pipe(out);
    },
    (error: unknown) => out.destroy(error instanceof Error ? error : new Error("storage unavailable")),
  );
  return out;
}

export async function storedFileSize(storage: ObjectStorage, ref: StoredFileRef): Promise<number | null> {
  return (await storage.stat(keyOf(ref)))?.sizeBytes ?? null;
}

export async function deleteFiles(storage: ObjectStorage, refs: StoredFileRef[]): Promise<void> {
  for (const ref of refs) await storage.delete(keyOf(ref));
}

/** An export archive as a streamed download, or null when its file is gone. */
export async function serveExportFile(
  storage: ObjectStorage,
  storedName: string,
  downloadName: string,
): Promise<Response | null> {
  const found = await storage.get(keyOf({ area: "exports", storedName }));
  if (!found) return null;
  const body = Readable.toWeb(found.body) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(found.sizeBytes),
      "Content-Disposition": contentDisposition(downloadName),
      "Content-Security-Policy": "sandbox; default-src 'none'",
    },
  });
}

/**
 * A new archive, streamed into the storage as it is written. The storage keeps it only once the stream has
 * ended (a local file is renamed into place, an S3 multipart upload completes): a reader never sees half.
 */
export function createExportFile(
  storage: ObjectStorage,
  storedName: string,
): { stream: PassThrough; commit: () => Promise<void>; abort: () => Promise<void> } {
  const key = keyOf({ area: "exports", storedName });
  const stream = new PassThrough({ highWaterMark: 64 * 1024 });
  const stored = storage.put(key, stream, { contentType: "application/zip" });
  stored.catch(() => {}); // awaited by commit or abort; an early failure must not be an unhandled rejection
  return {
    stream,
    commit: () => stored,
    abort: async () => {
      stream.destroy(new Error("export aborted"));
      await stored.catch(() => {});
      await storage.delete(key);
    },
  };
}
