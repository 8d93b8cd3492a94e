// Every file this module reads or writes, in one place: attachments the member sent (where the claims and
// the messagerie store them, under UPLOAD_DIR) and the export archives (UPLOAD_DIR/exports). When the
// storage module replaces direct disk access, only this file changes.
import { createReadStream, createWriteStream, type ReadStream, type WriteStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";

/** Where a stored file lives: claim files directly in UPLOAD_DIR, the messagerie's in its sub-folder. */
export type StoredArea = "demandes" | "messagerie" | "exports";
export interface StoredFileRef {
  area: StoredArea;
  storedName: string;
}

function pathOf(uploadDir: string, { area, storedName }: StoredFileRef): string {
  if (!/^[A-Za-z0-9._-]+$/.test(storedName) || storedName.startsWith(".")) throw new Error("invalid stored name");
  return area === "demandes" ? join(uploadDir, storedName) : join(uploadDir, area, storedName);
}

export function openStoredFile(uploadDir: string, ref: StoredFileRef): ReadStream {
  return createReadStream(pathOf(uploadDir, ref), { highWaterMark: 64 * 1024 });
}

export async function storedFileSize(uploadDir: string, ref: StoredFileRef): Promise<number | null> {
  return (await stat(pathOf(uploadDir, ref)).catch(() => null))?.size ?? null;
}

export async function deleteFiles(uploadDir: string, refs: StoredFileRef[]): Promise<void> {
  for (const ref of refs) await rm(pathOf(uploadDir, ref), { force: true });
}

/** An export archive as a streamed download, or null when its file is gone. */
export async function serveExportFile(
  uploadDir: string,
  storedName: string,
  downloadName: string,
): Promise<Response | null> {
  const handle = await open(pathOf(uploadDir, { area: "exports", storedName }), "r").catch(() => null);
  if (!handle) return null;
  const size = await handle.stat().then(
    (s) => s.size,
    async (error: unknown) => {
      await handle.close();
      throw error;
    },
  );
  const body = Readable.toWeb(handle.createReadStream({ highWaterMark: 64 * 1024 })) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${downloadName}"`,
      "Content-Security-Policy": "sandbox; default-src 'none'",
    },
  });
}

/** A new archive is written under a temporary name, then renamed: a reader never sees half a file. */
export async function createExportFile(
  uploadDir: string,
  storedName: string,
): Promise<{ stream: WriteStream; commit: () => Promise<void>; abort: () => Promise<void> }> {
  const dir = join(uploadDir, "exports");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const final = pathOf(uploadDir, { area: "exports", storedName });
  const partial = `${final}.partial`;
  const stream = createWriteStream(partial, { mode: 0o600 });
  return {
    stream,
    commit: () => rename(partial, final),
    abort: async () => {
      stream.destroy();
      await rm(partial, { force: true });
    },
  };
}
