// An attachment of a démarche, for an advisor: a download (an <img> on the page shows photos); each view audited.
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { getRequestFileForAdvisor } from "../modules/back-office/request-file.server.ts";
import { serveStoredFile } from "../modules/documents/serve-file.server.ts";
import { requestFileKey } from "../modules/claims/attachments.server.ts";
import type { Route } from "./+types/back-office-demande-fichier";

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "requests.handle");
  const { db, storage } = args.context.get(servicesContext);
  const file = await getRequestFileForAdvisor(
    db,
    advisor,
    args.params.id,
    args.params.fileId,
    args.context.get(requestContext).ip,
  );
  if (!file) notFound();
  const response = await serveStoredFile(storage, requestFileKey(file.storedName), file);
  if (!response) notFound();
  return response;
}
