// Reads a multipart form post: its text fields and its files (field "fichiers"), within the upload limits,
// each limit broken answered with a French message and the status that fits.
import { MaxFileSizeExceededError, MaxFilesExceededError, parseFormData } from "@remix-run/form-data-parser";
import { AppError } from "../shared/app-error.ts";
import { uploadLimits } from "./limits.ts";

export async function readUploads(request: Request): Promise<{ fields: Record<string, string>; files: { name: string; bytes: Uint8Array }[] }> {
  const files: { name: string; bytes: Uint8Array }[] = [];
  try {
    const form = await parseFormData(request, { maxFiles: uploadLimits.maxFiles, maxFileSize: uploadLimits.maxFileBytes }, async (upload) => {
      if (upload.fieldName === "fichiers" && upload.size > 0) files.push({ name: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) });
    });
    const fields: Record<string, string> = {};
    for (const [key, value] of form) if (typeof value === "string") fields[key] = value;
    return { fields, files };
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError) throw new AppError("file_too_large", "Un fichier dépasse 10 Mo : réduisez-le (ou photographiez la page) puis réessayez.", 413);
    if (error instanceof MaxFilesExceededError) throw new AppError("too_many_files", `Vous pouvez joindre ${uploadLimits.maxFiles} fichiers au plus par demande.`, 400);
    throw error;
  }
}
