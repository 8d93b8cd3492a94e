// Sending a quote to the mutuelle for a confirmed answer: its lines, the estimate the member saw, and the
// quote itself attached. Idempotent on the key the estimate page carries: a repeated submission answers with
// the quote already sent (created: false), and its caller discards the copies it stored.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import type { EstimatedLine } from "../guarantees/estimate.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { recordUploads, type StoredUpload } from "./attachments.server.ts";
import { newReference } from "../requests/reference.ts";
import { inTransaction } from "../db/transaction.server.ts";

export async function submitQuote(
  db: Db,
  viewer: MemberViewer,
  input: {
    key: string;
    beneficiaryId: string;
    /** The care type of the devis: from its first line, or chosen when it is sent without lines. */
    careType: "dentaire" | "optique" | "audiologie";
    /** Empty when the member sends the devis without estimating it. */
    lines: EstimatedLine[];
    stored: StoredUpload[];
    today: string;
  },
): Promise<{ id: string; reference: string; created: boolean }> {
  if (!uuidPattern.test(input.key)) throw new AppError("bad_key", "Recommencez l'estimation de votre devis.", 400);
  const existing = async () =>
    (
      await db
        .select({ id: memberRequest.id, reference: memberRequest.reference })
        .from(memberRequest)
        .where(and(eq(memberRequest.idempotencyKey, input.key), eq(memberRequest.householdId, viewer.householdId)))
    )[0];
  const done = await existing();
  if (done) return { ...done, created: false };
  if (input.stored.length === 0)
    throw new AppError("no_file", "Joignez le devis (PDF ou photo) pour que votre mutuelle puisse le confirmer.", 400);
  const requestId = randomUUID();
  try {
    await inTransaction(db, async (tx) => {
      await tx.insert(memberRequest).values({
        id: requestId,
        reference: newReference("DV", Number(input.today.slice(0, 4))),
        householdId: viewer.householdId,
        beneficiaryId: input.beneficiaryId,
        kind: "quote",
        careType: input.careType,
        // A devis is for care to come: it has no care date; it is dated by when it was sent.
        careDate: null,
        amountCents: input.lines.length > 0 ? input.lines.reduce((t, l) => t + l.chargedCents, 0) : null,
        status: "submitted",
        idempotencyKey: input.key,
        details: { lines: input.lines.map(({ steps: _steps, ...line }) => line) },
      });
      await tx.insert(requestEvent).values({
        requestId,
        status: "submitted",
        note: input.lines.length > 0 ? "Devis envoyé avec son estimation" : "Devis envoyé sans estimation",
      });
      await recordUploads(tx, viewer, { requestId }, input.stored);
    });
  } catch (error) {
    const winner = await existing();
    if (winner) return { ...winner, created: false };
    throw error;
  }
  return { ...(await existing())!, created: true };
}
