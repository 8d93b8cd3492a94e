// Reads a form post that carries one small file the action reads whole (an administrator's guarantee table file
// to check), through busboy like the upload pages' reader: the file is counted as it arrives and refused once it
// passes its limit (413), never buffered whole first, whatever the body's size (the upload pages accept 110 MB).
// Its text fields come back as strings for parseForm. A body cut short or not a form is the sender's fault: 400.
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "../shared/app-error.ts";
import { formValues } from "./form-data.ts";

export interface SmallFilePost {
  fields: Record<string, string>;
  /** The file chosen in `field`, or null when none was (an empty file input still sends a nameless part). */
  file: { name: string; bytes: Buffer } | null;
}

export async function readSmallFilePost(
  request: Request,
  options: { field: string; maxBytes: number; tooLarge: string },
): Promise<SmallFilePost> {
  const contentType = request.headers.get("content-type") ?? "";
  // A form posted without its file input's encoding (no file can be in it): its fields only.
  if (!contentType.startsWith("multipart/form-data")) {
    const form = await request.formData().catch(() => null);
    if (!form) throw badPost();
    return { fields: formValues(form), file: null };
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: { files: 1, fileSize: options.maxBytes, fields: 20, fieldSize: 64 * 1024, parts: 30 },
    });
  } catch {
    throw badPost();
  }
  if (!request.body) throw badPost();
  const fields: Record<string, string> = {};
  // Written by busboy's events: held in an object, as the compiler cannot follow assignments made in callbacks.
  const read: { file: SmallFilePost["file"]; failure: AppError | null } = { file: null, failure: null };
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    stream.on("error", () => {
      read.failure ??= badPost();
    });
    if (name !== options.field || !info.filename || read.file) {
      stream.resume();
      return;
    }
    const chunks: Buffer[] = [];
    const chosen = { name: info.filename, bytes: Buffer.alloc(0) };
    read.file = chosen;
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("limit", () => {
      read.failure ??= new AppError("file_too_large", options.tooLarge, 413);
    });
    stream.on("end", () => {
      chosen.bytes = Buffer.concat(chunks);
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      parser.on("close", resolve);
      parser.on("error", reject);
      const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
      body.on("error", (error) => {
        parser.destroy(error);
        reject(error);
      });
      body.pipe(parser);
    });
  } catch {
    throw badPost();
  }
  if (read.failure) throw read.failure;
  return { fields, file: read.file };
}

function badPost(): AppError {
  return new AppError("bad_upload", "L'envoi des fichiers n'a pas abouti. Réessayez.", 400);
}
