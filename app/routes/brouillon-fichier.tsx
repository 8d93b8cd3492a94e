// The preview of an image attached to a claim draft (shown inline, as a thumbnail, on step 2).
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { findDraft } from "../modules/claims/drafts.server.ts";
import { requestFile } from "../modules/claims/schema.ts";
import { readStored } from "../modules/claims/uploads.server.ts";
import type { Route } from "./+types/brouillon-fichier";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const fileId = z.uuid().safeParse(args.params.fileId);
  if (!fileId.success) notFound();
  const { db, uploadDir } = args.context.get(servicesContext);
  const draft = await findDraft(db, viewer, new URL(args.request.url).searchParams.get("brouillon"));
  if (!draft) notFound();
  const [file] = await db
    .select({ storedName: requestFile.storedName, mimeType: requestFile.mimeType, quarantined: requestFile.quarantined })
    .from(requestFile)
    .where(and(eq(requestFile.id, fileId.data), eq(requestFile.draftId, draft.id), eq(requestFile.householdId, viewer.householdId)));
  // Images only, and never a file the virus scanner has not cleared.
  if (!file || file.quarantined || !file.mimeType.startsWith("image/")) notFound();
  return new Response(Readable.toWeb(readStored(uploadDir, file.storedName)) as ReadableStream, {
    headers: { "Content-Type": file.mimeType, "Content-Disposition": "inline" },
  });
}
