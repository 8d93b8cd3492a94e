// "Pièce manquante": the member adds the document an advisor asked for; the request goes back to "En cours".
// One transaction: the status moves only if it still says "missing document" (a decision taken meanwhile wins);
// the caller deletes the stored files if it fails (keepOrDiscard).
import { countOf } from "../requests/labels.ts";
import { and, eq, sql } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { recordUploads, type StoredUpload } from "./attachments.server.ts";
import { inTransaction } from "../db/transaction.server.ts";

export async function addMissingDocument(
  db: Db,
  viewer: MemberViewer,
  requestId: string,
  stored: StoredUpload[],
): Promise<void> {
  const [request] = await db
    .select({ status: memberRequest.status })
    .from(memberRequest)
    .where(
      and(
        eq(memberRequest.id, requestId),
        eq(memberRequest.householdId, viewer.householdId),
        viewer.onlyPersonId ? eq(memberRequest.beneficiaryId, viewer.onlyPersonId) : undefined,
      ),
    );
  if (!request) throw new AppError("not_found", "Demande introuvable.", 404);
  await inTransaction(db, async (tx) => {
    const moved = await tx
      .update(memberRequest)
      .set({ status: "in_progress", updatedAt: sql`now()` })
      .where(
        and(
          eq(memberRequest.id, requestId),
          eq(memberRequest.householdId, viewer.householdId),
          eq(memberRequest.status, "missing_document"),
        ),
      )
      .returning({ id: memberRequest.id });
    if (moved.length === 0)
      throw new AppError("not_waiting", "Votre mutuelle n'attend pas de pièce pour cette demande.", 409);
    await tx.insert(requestEvent).values({
      requestId,
      status: "in_progress",
      note: `${countOf(stored.length, "pièce ajoutée", "pièces ajoutées")} par l'adhérent`,
    });
    // The limit counts this step's files: a claim sent with 10 files can still receive the one asked for.
    await recordUploads(tx, viewer, { requestId }, stored);
  });
}
