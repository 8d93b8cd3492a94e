// Reads a multipart form post with busboy: its text fields, and its files (field "fichiers") streamed to
// disk one after the other as they arrive, each checked and scanned there. A request holds a few hundred
// kilobytes of a file in memory at most, whatever its size. Every broken limit gets a French message and the
// status that fits; on any failure the files already stored for this request are deleted.
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "../shared/app-error.ts";
import { discardUploads, type FileStore, prepareUpload, type StoredUpload } from "./attachments.server.ts";
import { uploadLimits } from "./limits.ts";

/**
 * `fields` may be given by the caller: it is filled as the text fields arrive, so a form refused for one of
 * its files can still be shown again with what the person typed.
 */
export async function receiveUploads(
  request: Request,
  store: FileStore,
  fields: Record<string, string> = {},
): Promise<{ fields: Record<string, string>; stored: StoredUpload[] }> {
  const stored: StoredUpload[] = [];
  const contentType = request.headers.get("content-type") ?? "";
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send file names in UTF-8 (busboy's default, latin1, turned "été" into "Ã©tÃ©").
      defParamCharset: "utf8",
      limits: {
        files: uploadLimits.maxFiles,
        fileSize: uploadLimits.maxFileBytes,
        fields: 50,
        fieldSize: 64 * 1024,
        parts: 100,
      },
    });
  } catch {
    throw badUpload();
  }
  if (!request.body) throw badUpload();

  // Set from busboy's callbacks, which the compiler does not follow: typed by the cast, not narrowed to null.
  let failure = null as AppError | Error | null;
  // Files are handled strictly one after the other, in the order they arrive.
  let queue: Promise<void> = Promise.resolve();
  const fail = (error: AppError | Error) => {
    failure ??= error;
  };
  parser.on("field", (name, value) => {
    // PostgreSQL cannot store a NUL character and no person types one (url-encoded forms are refused for it
    // before their action runs; multipart bodies are read only here).
    if (value.includes("\0") || name.includes("\0")) {
      fail(
        new AppError(
          "nul_character",
          "Votre message contient un caractère invisible que nous ne pouvons pas enregistrer. Retapez-le sans copier-coller et réessayez.",
          400,
        ),
      );
      return;
    }
    fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    // Attached at once, before anything awaits: busboy destroys a file stream with an error when the body
    // stops mid-file (no closing boundary, connection cut). An 'error' nobody listens to would stop the
    // whole process; here it refuses this upload only (prepareUpload deletes the partial file).
    stream.on("error", () => {
      fail(badUpload());
    });
    // A file input left empty still sends a part, with no file name: nothing was chosen there.
    if (name !== "fichiers" || !info.filename || failure) {
      stream.resume();
      return;
    }
    const filename = info.filename;
    queue = queue.then(async () => {
      if (failure) {
        stream.resume();
        return;
      }
      try {
        const upload = await prepareUpload({ name: filename, stream }, store);
        stored.push(upload);
      } catch (error) {
        stream.resume();
        fail(error as Error);
      }
    });
  });
  parser.on("filesLimit", () => {
    fail(
      new AppError("too_many_files", `Vous pouvez joindre ${uploadLimits.maxFiles} fichiers au plus par demande.`, 400),
    );
  });
  parser.on("partsLimit", () => {
    fail(badUpload());
  });
  parser.on("fieldsLimit", () => {
    fail(badUpload());
  });

  try {
    await new Promise<void>((resolve, reject) => {
      parser.on("close", resolve);
      parser.on("error", reject);
      const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
      body.on("error", (error) => {
        // The connection was cut: end the parser too, which ends the file being written (else it would wait
        // for the rest for ever, holding its partial file).
        parser.destroy(error);
        reject(error);
      });
      body.pipe(parser);
    });
    await queue;
  } catch {
    await queue.catch(() => {});
    fail(badUpload());
  }
  if (failure) {
    await discardUploads(store, stored);
    throw failure;
  }
  return { fields, stored };
}

function badUpload(): AppError {
  return new AppError("bad_upload", "L'envoi des fichiers n'a pas abouti. Réessayez.", 400);
}
