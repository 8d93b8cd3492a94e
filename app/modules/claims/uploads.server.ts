// What a member may attach, and how it is checked: PDF, JPEG or PNG by their content (magic bytes), never by
// their name; images within a pixel budget; photos without any metadata block; a random name and a SHA-256
// checksum. Files are streamed as they arrive into this server's scratch folder (DATA_DIR/incoming), checked
// there (the checks read only their first bytes, so a request never holds a whole file in memory), then
// streamed to the storage (app/modules/storage) by attachments.server.ts; the scratch copy is then removed.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInflate } from "node:zlib";
import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";
import { createActiveContentScanner } from "./active-content.ts";
import { createMetadataStripper } from "./image-metadata.ts";
import { uploadLimits } from "./limits.ts";

/** How much of the start of a file the checks read: enough for the type, image headers and photo metadata. */
export const headBytes = 512 * 1024;

const accepted: Record<string, string> = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };

export type CheckedHead = { ok: true; mimeType: string } | { ok: false; message: string };

/** Type by magic bytes, and for images the pixel count from their header; from the file's first bytes. */
export async function checkHead(name: string, head: Uint8Array, sizeBytes: number): Promise<CheckedHead> {
  const checked = await checkType(name, head, sizeBytes);
  if (!checked.ok || checked.mimeType === "application/pdf") return checked;
  return checkPixels(name, head) ?? checked;
}

/** Size and type by magic bytes. */
export async function checkType(name: string, head: Uint8Array, sizeBytes: number): Promise<CheckedHead> {
  const label = `« ${name.slice(0, 80)} »`;
  if (sizeBytes === 0) return { ok: false, message: `Le fichier ${label} est vide.` };
  if (sizeBytes > uploadLimits.maxFileBytes) return { ok: false, message: `Le fichier ${label} dépasse 10 Mo.` };
  const type = await fileTypeFromBuffer(head);
  if (!type || !accepted[type.mime]) {
    return {
      ok: false,
      message: `Le fichier ${label} n'est ni un PDF, ni une photo JPEG ou PNG : il n'est pas accepté.`,
    };
  }
  return { ok: true, mimeType: type.mime };
}

/**
 * An image's pixel count, from its header (nothing decodes it): a refusal, or null when it is fine. Read
 * once metadata is removed, so a photo with very large Exif headers still has its size within the first bytes.
 */
export function checkPixels(name: string, head: Uint8Array): { ok: false; message: string } | null {
  const label = `« ${name.slice(0, 80)} »`;
  let pixels = Number.POSITIVE_INFINITY;
  try {
    const size = imageSize(head);
    pixels = (size.width ?? 0) * (size.height ?? 0);
  } catch {
    return { ok: false, message: `L'image ${label} est illisible.` };
  }
  if (pixels > uploadLimits.maxPixels) {
    return {
      ok: false,
      message: `L'image ${label} est trop grande (plus de 40 millions de pixels) : envoyez une photo de taille normale.`,
    };
  }
  return null;
}

/** The first bytes of a stored file (for the checks made after it was rewritten). */
export async function readStoredHead(dir: string, storedName: string): Promise<Uint8Array> {
  const handle = await open(join(dir, storedName), "r");
  try {
    const buffer = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export interface IncomingFile {
  storedName: string;
  sizeBytes: number;
  head: Uint8Array;
  /** True when the upload went over the size limit (the file on disk is incomplete). */
  truncated: boolean;
}

/** Writes an upload stream to a new random file in `dir`, keeping its first bytes for the checks. */
export async function writeIncoming(stream: Readable & { truncated?: boolean }, dir: string): Promise<IncomingFile> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const storedName = randomUUID();
  const headParts: Buffer[] = [];
  let headLength = 0;
  let sizeBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sizeBytes += chunk.length;
      if (headLength < headBytes) {
        const part = chunk.subarray(0, headBytes - headLength);
        headParts.push(part);
        headLength += part.length;
      }
      done(null, chunk);
    },
  });
  // "wx": never overwrite; the random name makes a clash practically impossible anyway.
  try {
    await pipeline(stream, tap, createWriteStream(join(dir, storedName), { flags: "wx", mode: 0o600 }));
  } catch (error) {
    // The upload stopped mid-file (body cut short, connection lost): nothing of it is kept.
    await rm(join(dir, storedName), { force: true });
    throw error;
  }
  return { storedName, sizeBytes, head: Buffer.concat(headParts), truncated: Boolean(stream.truncated) };
}

/**
 * Rewrites a stored photo without its metadata (image-metadata.ts), streaming. True when something was
 * removed. Throws UnreadableImage when the file's structure cannot be followed (the caller refuses it).
 */
export async function stripStoredImage(dir: string, storedName: string, mimeType: string): Promise<boolean> {
  const stripper = createMetadataStripper(mimeType);
  if (!stripper) return false;
  const clean = join(dir, `${storedName}.clean`);
  const rewrite = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        for (const part of stripper.push(chunk)) this.push(part);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        stripper.end();
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  try {
    await pipeline(
      createReadStream(join(dir, storedName)),
      rewrite,
      createWriteStream(clean, { flags: "wx", mode: 0o600 }),
    );
  } catch (error) {
    await rm(clean, { force: true });
    throw error;
  }
  if (!stripper.stripped) {
    await rm(clean, { force: true });
    return false;
  }
  await rename(clean, join(dir, storedName));
  return true;
}

/** SHA-256, size and active content (see active-content.ts) of a stored file, in one streamed read. */
export async function inspectStored(
  dir: string,
  storedName: string,
  mimeType: string,
): Promise<{ sha256: string; sizeBytes: number; activeContent: string[] }> {
  const hash = createHash("sha256");
  const scanner = createActiveContentScanner(mimeType === "application/pdf" ? "pdf" : "image");
  let sizeBytes = 0;
  for await (const chunk of createReadStream(join(dir, storedName))) {
    hash.update(chunk as Buffer);
    scanner.push(chunk as Buffer);
    sizeBytes += (chunk as Buffer).length;
  }
  const found = new Set(scanner.findings());
  if (mimeType === "application/pdf")
    for (const f of await scanCompressedStreams(join(dir, storedName), scanner.streamOffsets())) found.add(f);
  return { sha256: hash.digest("hex"), sizeBytes, activeContent: [...found] };
}

/** What inflating a PDF's streams may produce, in all, before we stop looking (a zip bomb stops here). */
const maxInflatedBytes = 64 * 1024 * 1024;

/**
 * Inflates each PDF stream that is zlib data (FlateDecode; object streams hide dictionaries there) and scans
 * what comes out, streaming. Other streams (JPEG images...) fail at zlib's header check at once: skipped.
 */
async function scanCompressedStreams(path: string, offsets: number[]): Promise<string[]> {
  const found = new Set<string>();
  let inflated = 0;
  for (const start of offsets) {
    if (inflated >= maxInflatedBytes) break;
    const scanner = createActiveContentScanner("pdf");
    const inflate = createInflate();
    const source = createReadStream(path, { start, end: start + uploadLimits.maxFileBytes });
    try {
      // Listeners first: an error must never find a stream without one (it would stop the process).
      inflate.on("error", () => {});
      source.on("error", (error) => inflate.destroy(error));
      source.pipe(inflate);
      for await (const chunk of inflate) {
        inflated += (chunk as Buffer).length;
        scanner.push(chunk as Buffer);
        if (inflated >= maxInflatedBytes) break;
      }
    } catch {
      // Not zlib data, or damaged: nothing more to read in this stream.
    } finally {
      source.destroy();
      inflate.destroy();
    }
    for (const f of scanner.findings()) found.add(f);
  }
  return [...found];
}

export function readScratch(dir: string, storedName: string): Readable {
  return createReadStream(join(dir, storedName), { highWaterMark: 64 * 1024 });
}

export async function removeScratch(dir: string, storedName: string): Promise<void> {
  await rm(join(dir, storedName), { force: true });
  await rm(join(dir, `${storedName}.clean`), { force: true });
}

/**
 * Scratch files of uploads a killed process never finished (older than an hour: no upload is checked that
 * long), removed at start. Newer ones may belong to another process of this machine, at work.
 */
export async function cleanScratch(dir: string, olderThanMs = 60 * 60 * 1000): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (info?.isFile() && Date.now() - info.mtimeMs > olderThanMs) {
      await rm(join(dir, name), { force: true });
      removed += 1;
    }
  }
  return removed;
}
