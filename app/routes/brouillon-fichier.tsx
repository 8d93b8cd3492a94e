// The preview of an image attached to a claim draft (shown inline, as a thumbnail, on step 2).
import { Readable } from "node:stream";
import { servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { findDraftImage } from "../modules/claims/drafts.server.ts";
import { readStored } from "../modules/claims/uploads.server.ts";
import type { Route } from "./+types/brouillon-fichier";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db, uploadDir } = args.context.get(servicesContext);
  const file = await findDraftImage(db, viewer, new URL(args.request.url).searchParams.get("brouillon"), args.params.fileId);
  if (!file) notFound();
  return new Response(Readable.toWeb(readStored(uploadDir, file.storedName)) as ReadableStream, {
    headers: { "Content-Type": file.mimeType, "Content-Disposition": "inline" },
  });
}
