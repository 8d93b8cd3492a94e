// Reads a multipart form post: its text fields, and its files (field "fichiers") one at a time, each checked
// and stored as soon as it is complete, so a request never holds more than one file in memory. Every broken
// limit is answered with a French message and the status that fits; on any failure the files already stored
// for this request are deleted.
import {
  FormDataParseError,
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  parseFormData,
} from "@remix-run/form-data-parser";
import { AppError } from "../shared/app-error.ts";
import { discardUploads, type FileStore, prepareUpload, type StoredUpload } from "./attachments.server.ts";
import { uploadLimits } from "./limits.ts";

export async function receiveUploads(request: Request, store: FileStore): Promise<{ fields: Record<string, string>; stored: StoredUpload[] }> {
  const stored: StoredUpload[] = [];
  try {
    const limits = {
      maxFiles: uploadLimits.maxFiles,
      maxFileSize: uploadLimits.maxFileBytes,
      maxTotalSize: uploadLimits.maxFiles * uploadLimits.maxFileBytes + 1024 * 1024,
      maxParts: 100,
    };
    const form = await parseFormData(request, limits, async (upload) => {
      if (upload.fieldName !== "fichiers" || upload.size === 0) return;
      stored.push(await prepareUpload({ name: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) }, store));
    });
    const fields: Record<string, string> = {};
    for (const [key, value] of form) if (typeof value === "string") fields[key] = value;
    return { fields, stored };
  } catch (error) {
    await discardUploads(store, stored);
    if (error instanceof AppError) throw error;
    if (error instanceof MaxFileSizeExceededError) throw new AppError("file_too_large", "Un fichier dépasse 10 Mo : réduisez-le (ou photographiez la page) puis réessayez.", 413);
    if (error instanceof MaxFilesExceededError) throw new AppError("too_many_files", `Vous pouvez joindre ${uploadLimits.maxFiles} fichiers au plus par demande.`, 400);
    if (error instanceof MaxTotalSizeExceededError) throw new AppError("body_too_large", "L'envoi est trop volumineux : 10 fichiers de 10 Mo au plus.", 413);
    // Anything else the parser refuses (no boundary, too many parts, broken headers…): a bad request, not a crash.
    if (error instanceof MultipartParseError || error instanceof FormDataParseError || error instanceof TypeError) {
      throw new AppError("bad_upload", "L'envoi des fichiers n'a pas abouti. Réessayez.", 400);
    }
    throw error;
  }
}
