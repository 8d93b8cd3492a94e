// A file sent with one of the household's démarches, as a download; 404 for anyone else.
import { z } from "zod";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireScope } from "../guards.server.ts";
import { recordDownload } from "../modules/documents/download.server.ts";
import { serveStoredFile } from "../modules/documents/serve-file.server.ts";
import { requestFileKey } from "../modules/claims/attachments.server.ts";
import { getRequestFile } from "../modules/requests/queries.server.ts";
import type { Route } from "./+types/demande-fichier";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "file");
  const ids = z.object({ id: z.uuid(), fileId: z.uuid() }).safeParse(args.params);
  if (!ids.success) notFound();
  const { db, storage } = args.context.get(servicesContext);
  const file = await getRequestFile(db, viewer, ids.data.id, ids.data.fileId);
  if (!file) notFound();
  // A row whose file is gone (restored database, lost disk) is a missing document, not a server error.
  const response = await serveStoredFile(storage, requestFileKey(file.storedName), file);
  if (!response) notFound();
  await recordDownload(db, { viewer, ip: args.context.get(requestContext).ip, details: { document: "request_file" } });
  return response;
}
