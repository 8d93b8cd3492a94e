// Every attachment a member or an advisor sent (claims, quotes, messages, draft previews) leaves the portal
// through here: always as a download, never rendered as a page of our origin. A PDF with scripts or an HTML
// polyglot opened inline would run in the portal's origin, with the advisor's session.
import { Readable } from "node:stream";
import type { ObjectStorage } from "../storage/index.server.ts";

export interface StoredFileToServe {
  storedName: string;
  mimeType: string;
  originalName: string;
}

const extensions: Record<string, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" };

/**
 * The stored file (at `key` in the storage) as a streamed download, or null when it is missing (restored
 * database, lost disk): the caller answers 404. Headers: Content-Disposition attachment with a safe name (RFC 6266, UTF-8
 * form per RFC 5987), a CSP sandbox that gives the file no script, no origin and no network even if a browser
 * were to render it. (X-Content-Type-Options: nosniff and Cache-Control: no-store are set on every response
 * in server/app.ts.)
 */
export async function serveStoredFile(
  storage: ObjectStorage,
  key: string,
  file: StoredFileToServe,
): Promise<Response | null> {
  const stored = await storage.get(key);
  if (!stored) return null;
  // Streamed as the storage sends it; a cancelled download destroys the source (file handle, S3 response).
  const body = Readable.toWeb(stored.body) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(stored.sizeBytes),
      "Content-Disposition": contentDisposition(downloadName(file.originalName, file.mimeType)),
      "Content-Security-Policy": "sandbox; default-src 'none'",
    },
  });
}

/** The member's file name, without path, control characters or a misleading extension; ours appended. */
export function downloadName(originalName: string, mimeType: string): string {
  const extension = extensions[mimeType] ?? "bin";
  const base = (originalName.split(/[/\\]/).pop() ?? "")
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\.[^.]*$/, "")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .toWellFormed();
  // Cut by code points, not UTF-16 units: half an emoji would make encodeURIComponent throw.
  const short = Array.from(base).slice(0, 100).join("");
  return `${short || "piece-jointe"}.${extension}`;
}

/** attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded (RFC 6266 section 4.3). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9 ._()-]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
