// An attachment of one of the household's threads, as a download; 404 for anyone else.
import { z } from "zod";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireScope } from "../guards.server.ts";
import { recordDownload } from "../modules/documents/download.server.ts";
import { serveStoredFile } from "../modules/documents/serve-file.server.ts";
import { messageFileKey } from "../modules/messaging/files.server.ts";
import { getMessageFileForMember } from "../modules/messaging/threads.server.ts";
import type { Route } from "./+types/messagerie-fichier";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "messages");
  const ids = z.object({ id: z.uuid(), fileId: z.uuid() }).safeParse(args.params);
  if (!ids.success) notFound();
  const services = args.context.get(servicesContext);
  const file = await getMessageFileForMember(services.db, viewer, ids.data.id, ids.data.fileId);
  if (!file) notFound();
  // A row whose file is gone (restored database, lost disk) is a missing document, not a server error.
  const response = await serveStoredFile(services.storage, messageFileKey(file.storedName), file);
  if (!response) notFound();
  await recordDownload(services.db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "message_file" },
  });
  return response;
}
