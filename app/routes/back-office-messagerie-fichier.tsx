// An attachment of a thread, for an advisor, as a download (audited as a document read).
import { z } from "zod";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { serveStoredFile } from "../modules/documents/serve-file.server.ts";
import { getMessageFileForAdvisor } from "../modules/messaging/advisor.server.ts";
import { messageFileKey } from "../modules/messaging/files.server.ts";
import type { Route } from "./+types/back-office-messagerie-fichier";

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "messages.handle");
  const ids = z.object({ id: z.uuid(), fileId: z.uuid() }).safeParse(args.params);
  if (!ids.success) notFound();
  const services = args.context.get(servicesContext);
  const file = await getMessageFileForAdvisor(
    services.db,
    advisor,
    ids.data.id,
    ids.data.fileId,
    args.context.get(requestContext).ip,
  );
  if (!file) notFound();
  const response = await serveStoredFile(services.storage, messageFileKey(file.storedName), file);
  if (!response) notFound();
  return response;
}
