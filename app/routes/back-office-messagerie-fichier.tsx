// An attachment of a thread, for an advisor (audited as a document read).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { downloadResponse } from "../modules/documents/download.server.ts";
import { getMessageFileForAdvisor } from "../modules/messaging/advisor.server.ts";
import { messageFileStore } from "../modules/messaging/files.server.ts";
import type { Route } from "./+types/back-office-messagerie-fichier";

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "messages.handle");
  const ids = z.object({ id: z.uuid(), fileId: z.uuid() }).safeParse(args.params);
  if (!ids.success) notFound();
  const services = args.context.get(servicesContext);
  const file = await getMessageFileForAdvisor(services.db, advisor, ids.data.id, ids.data.fileId, args.context.get(requestContext).ip);
  if (!file) notFound();
  const bytes = await readFile(join(messageFileStore(services).uploadDir, file.storedName)).catch(() => null);
  if (!bytes) notFound();
  const extension = file.mimeType === "application/pdf" ? "pdf" : file.mimeType === "image/png" ? "png" : "jpg";
  return downloadResponse(bytes, { contentType: file.mimeType, filename: `piece-jointe.${extension}` });
}
