// "Pièce manquante": the member adds the document an advisor asked for; the request goes back to "En cours".
import { and, eq } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { memberRequest } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { attachFiles, type FileStore } from "./attachments.server.ts";
import { requestEvent, requestFile } from "./schema.ts";

export async function addMissingDocument(
  db: Db,
  viewer: MemberViewer,
  requestId: string,
  files: { name: string; bytes: Uint8Array }[],
  store: FileStore,
): Promise<void> {
  const [request] = await db
    .select({ status: memberRequest.status })
    .from(memberRequest)
    .where(and(eq(memberRequest.id, requestId), eq(memberRequest.householdId, viewer.householdId)));
  if (!request) throw new AppError("not_found", "Demande introuvable.", 404);
  if (request.status !== "missing_document") {
    throw new AppError("not_waiting", "Votre mutuelle n'attend pas de pièce pour cette demande.", 409);
  }
  const already = await db.$count(requestFile, eq(requestFile.requestId, requestId));
  const added = await attachFiles(db, viewer, { requestId }, files, store, already);
  await db.transaction(async (tx) => {
    await tx.update(memberRequest).set({ status: "in_progress", updatedAt: new Date() }).where(eq(memberRequest.id, requestId));
    await tx.insert(requestEvent).values({ requestId, status: "in_progress", note: `${added} pièce(s) ajoutée(s) par l'adhérent` });
  });
}
