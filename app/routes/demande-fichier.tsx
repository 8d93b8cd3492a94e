import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { downloadResponse, recordDownload } from "../modules/documents/download.server.ts";
import { getRequestFile } from "../modules/requests/queries.server.ts";
import type { Route } from "./+types/demande-fichier";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const ids = z.object({ id: z.uuid(), fileId: z.uuid() }).safeParse(args.params);
  if (!ids.success) notFound();
  const { db, uploadDir } = args.context.get(servicesContext);
  const file = await getRequestFile(db, viewer, ids.data.id, ids.data.fileId);
  if (!file) notFound();
  // A row whose file is gone (restored database, lost disk) is a missing document, not a server error.
  const bytes = await readFile(join(uploadDir, file.storedName)).catch(() => null);
  if (!bytes) notFound();
  await recordDownload(db, { viewer, ip: args.context.get(requestContext).ip, details: { document: "request_file" } });
  const extension = file.mimeType === "application/pdf" ? "pdf" : file.mimeType === "image/png" ? "png" : "jpg";
  return downloadResponse(bytes, { contentType: file.mimeType, filename: `piece-jointe.${extension}` });
}
