// An image attached to a claim draft, for its thumbnail on step 2 (an <img> shows it; opened directly, it
// downloads like every attachment).
import { servicesContext } from "../context.ts";
import { notFound, requireScope } from "../guards.server.ts";
import { findDraftImage } from "../modules/claims/drafts.server.ts";
import { serveStoredFile } from "../modules/documents/serve-file.server.ts";
import { requestFileKey } from "../modules/claims/attachments.server.ts";
import type { Route } from "./+types/brouillon-fichier";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "file");
  const { db, storage } = args.context.get(servicesContext);
  const file = await findDraftImage(
    db,
    viewer,
    new URL(args.request.url).searchParams.get("brouillon"),
    args.params.fileId,
  );
  if (!file) notFound();
  const response = await serveStoredFile(storage, requestFileKey(file.storedName), file);
  if (!response) notFound();
  return response;
}
