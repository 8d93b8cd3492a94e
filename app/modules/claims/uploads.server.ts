// What a member may attach, and how it is kept: PDF, JPEG or PNG by their content (magic bytes), never by
// their name; images within a pixel budget; photos without their metadata; stored outside the web root
// under a random name, with a SHA-256 checksum.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";
import { stripJpegMetadata } from "./jpeg-metadata.ts";
import { uploadLimits } from "./limits.ts";

export { uploadLimits };

const accepted: Record<string, string> = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };

export type CheckedUpload =
  | { ok: true; mimeType: string; bytes: Uint8Array; metadataStripped: boolean }
  | { ok: false; message: string };

export async function checkUpload(name: string, bytes: Uint8Array): Promise<CheckedUpload> {
  const label = `« ${name.slice(0, 80)} »`;
  if (bytes.length === 0) return { ok: false, message: `Le fichier ${label} est vide.` };
  if (bytes.length > uploadLimits.maxFileBytes) return { ok: false, message: `Le fichier ${label} dépasse 10 Mo.` };
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !accepted[type.mime]) {
    return { ok: false, message: `Le fichier ${label} n'est ni un PDF, ni une photo JPEG ou PNG : il n'est pas accepté.` };
  }
  if (type.mime !== "application/pdf") {
    let pixels = Number.POSITIVE_INFINITY;
    try {
      const size = imageSize(bytes);
      pixels = (size.width ?? 0) * (size.height ?? 0);
    } catch {
      return { ok: false, message: `L'image ${label} est illisible.` };
    }
    if (pixels > uploadLimits.maxPixels) {
      return { ok: false, message: `L'image ${label} est trop grande (plus de 40 millions de pixels) : envoyez une photo de taille normale.` };
    }
  }
  if (type.mime === "image/jpeg") {
    const { bytes: clean, stripped } = stripJpegMetadata(bytes);
    return { ok: true, mimeType: type.mime, bytes: clean, metadataStripped: stripped };
  }
  return { ok: true, mimeType: type.mime, bytes, metadataStripped: false };
}

export interface StoredFile {
  storedName: string;
  sha256: string;
  sizeBytes: number;
}

export async function storeUpload(dir: string, bytes: Uint8Array): Promise<StoredFile> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const storedName = randomUUID();
  // "wx": never overwrite; the random name makes a clash practically impossible anyway.
  await writeFile(join(dir, storedName), bytes, { flag: "wx", mode: 0o600 });
  return { storedName, sha256: createHash("sha256").update(bytes).digest("hex"), sizeBytes: bytes.length };
}

export async function deleteStored(dir: string, storedName: string): Promise<void> {
  await rm(join(dir, storedName), { force: true });
}
