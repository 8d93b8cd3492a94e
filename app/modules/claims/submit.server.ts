// Turning a complete draft into a claim: exactly once, whatever the double clicks, retries and tabs.
import { countOf } from "../requests/labels.ts";
import { newReference } from "../requests/reference.ts";
import { and, eq, isNull } from "drizzle-orm";
import { onBehalfLabel } from "../accounts/scopes.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import type { Clock } from "../clock/index.ts";
import { user } from "../accounts/schema.ts";
import { memberRequest, requestEvent, requestFile } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { formatDate, formatEuros } from "../shared/format.ts";
import { findDraft } from "./drafts.server.ts";
import { claimDraft } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";

/** The earlier claim for the same care, if any: same person, care type, date and amount. */
export async function findSimilarClaim(
  db: Db,
  viewer: MemberViewer,
  d: { beneficiaryId: string; careType: string; careDate: string; amountCents: number },
) {
  const [similar] = await db
    .select({ reference: memberRequest.reference, createdAt: memberRequest.createdAt })
    .from(memberRequest)
    .where(
      and(
        eq(memberRequest.householdId, viewer.householdId),
        eq(memberRequest.kind, "claim"),
        eq(memberRequest.beneficiaryId, d.beneficiaryId),
        eq(memberRequest.careType, d.careType),
        eq(memberRequest.careDate, d.careDate),
        eq(memberRequest.amountCents, d.amountCents),
      ),
    )
    .limit(1);
  return similar ?? null;
}

async function claimByKey(db: Db, viewer: MemberViewer, key: string) {
  const [existing] = await db
    .select({ id: memberRequest.id, reference: memberRequest.reference })
    .from(memberRequest)
    .where(and(eq(memberRequest.idempotencyKey, key), eq(memberRequest.householdId, viewer.householdId)));
  return existing ?? null;
}

export async function submitClaim(
  { db, mailer, clock }: { db: Db; mailer: Mailer; clock: Clock },
  viewer: MemberViewer,
  draftId: string,
): Promise<{ id: string; reference: string; created: boolean; emailError?: string }> {
  if (!uuidPattern.test(draftId)) throw new AppError("draft_not_found", "Cette demande n'existe plus.", 404);
  // Already submitted (double click, retry, second tab): the same claim, not a new one.
  const done = await claimByKey(db, viewer, draftId);
  if (done) return { ...done, created: false };
  const draft = await findDraft(db, viewer, draftId);
  if (!draft) {
    // A concurrent submission may have turned it into a claim (and deleted it) since the check above.
    const meanwhile = await claimByKey(db, viewer, draftId);
    if (meanwhile) return { ...meanwhile, created: false };
    throw new AppError(
      "draft_not_found",
      "Cette demande n'existe plus. Recommencez-la depuis « Demander un remboursement ».",
      404,
    );
  }
  const d = draft.data;
  if (!d.beneficiaryId || !d.careType || !d.careDate || !d.amountCents) {
    throw new AppError("draft_incomplete", "Complétez le détail du soin avant de valider votre demande.", 400);
  }
  let claim: { id: string; reference: string };
  try {
    claim = await inTransaction(db, async (tx) => {
      const [created] = await tx
        .insert(memberRequest)
        .values({
          // The year the claim is sent, as every démarche's reference (not the care's: DR-2026-… for a 2025 care).
          reference: newReference("DR", Number(clock.today().slice(0, 4))),
          householdId: viewer.householdId,
          beneficiaryId: d.beneficiaryId,
          kind: "claim",
          careType: d.careType,
          careDate: d.careDate,
          amountCents: d.amountCents,
          abroad: d.abroad ?? false,
          country: d.country ?? null,
          currency: d.currency ?? null,
          status: "submitted",
          idempotencyKey: draft.id,
        })
        .returning({ id: memberRequest.id, reference: memberRequest.reference });
      const moved = await tx
        .update(requestFile)
        .set({ requestId: created!.id, draftId: null })
        .where(
          and(
            eq(requestFile.draftId, draft.id),
            eq(requestFile.householdId, viewer.householdId),
            isNull(requestFile.requestId),
          ),
        )
        .returning({ id: requestFile.id });
      if (moved.length === 0)
        throw new AppError("no_files", "Joignez au moins une pièce justificative (facture, ordonnance…).", 400);
      await tx.insert(requestEvent).values({
        requestId: created!.id,
        status: "submitted",
        note: [countOf(moved.length, "pièce jointe", "pièces jointes"), onBehalfLabel(viewer)]
          .filter(Boolean)
          .join(", envoyée "),
      });
      await tx
        .delete(claimDraft)
        .where(and(eq(claimDraft.id, draft.id), eq(claimDraft.householdId, viewer.householdId)));
      return created!;
    });
  } catch (error) {
    // Another submission of this draft won the race: answer with its claim.
    const winner = await claimByKey(db, viewer, draftId);
    if (winner) return { ...winner, created: false };
    throw error;
  }
  // The claim is saved whatever happens to the e-mail: the démarche shows in the portal either way.
  const [account] = await db.select({ email: user.email }).from(user).where(eq(user.id, viewer.userId));
  if (!account) return { ...claim, created: true };
  try {
    await mailer.send({
      to: account.email,
      subject: `Demande de remboursement ${claim.reference} bien reçue`,
      text:
        `Bonjour ${viewer.firstName},\n\nNous avons bien reçu votre demande de remboursement ${claim.reference} ` +
        // No health detail in mail (issue 23): the date and amount let the member recognise it, not the care.
        `(soin du ${formatDate(d.careDate)}, ${formatEuros(d.amountCents)}).\n` +
        "Vous pouvez suivre son traitement dans votre espace adhérent, rubrique « Mes démarches ».\n\nVotre mutuelle",
    });
  } catch (error) {
    return { ...claim, created: true, emailError: (error as Error).message };
  }
  return { ...claim, created: true };
}
