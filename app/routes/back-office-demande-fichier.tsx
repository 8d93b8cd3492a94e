import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { getRequestFileForAdvisor } from "../modules/back-office/request-file.server.ts";
import type { Route } from "./+types/back-office-demande-fichier";

// An attachment shown in the advisor's browser (inline, not downloaded); each view audited.
export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "requests.handle");
  const { db, uploadDir } = args.context.get(servicesContext);
  const file = await getRequestFileForAdvisor(db, advisor, args.params.id, args.params.fileId, args.context.get(requestContext).ip);
  if (!file) notFound();
  const bytes = await readFile(join(uploadDir, file.storedName)).catch(() => null);
  if (!bytes) notFound();
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Disposition": `inline; filename="piece-jointe.${file.mimeType === "application/pdf" ? "pdf" : file.mimeType === "image/png" ? "png" : "jpg"}"`,
    },
  });
}
