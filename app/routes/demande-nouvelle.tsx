// "Demander un remboursement", in three steps, each a plain form post (works without JavaScript):
// 1. Détail du soin, 2. Pièces justificatives, 3. Récapitulatif and "Valider ma demande".
// The draft lives on the server (?brouillon=ID): back and forth, reload, or come back later.
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { redirect } from "react-router";
import { formValues } from "../modules/forms/form-data.ts";
import { DetailsStep } from "../components/claim-details-step.tsx";
import { FilesStep } from "../components/claim-files-step.tsx";
import { Steps, stepNames, stepUrl, SummaryStep } from "../components/claim-steps.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { formDraft, requireScope } from "../guards.server.ts";
import { claimDetailsSchema } from "../modules/claims/claim-form.ts";
import {
  addDraftFiles,
  createDraft,
  findDraft,
  listDraftFiles,
  removeDraftFile,
  saveDraftDetails,
} from "../modules/claims/drafts.server.ts";
import { findSimilarClaim, submitClaim } from "../modules/claims/submit.server.ts";
import { recordCarerAction } from "../modules/carers/carers.server.ts";
import { keepOrDiscard, requestFileStore } from "../modules/claims/attachments.server.ts";
import { receiveUploads } from "../modules/claims/read-uploads.server.ts";
import { assertDraftQuota, assertWithinUploadQuota, refuseUploadOverQuota } from "../modules/claims/quotas.server.ts";
import { getContractSummary } from "../modules/households/queries.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/demande-nouvelle";

// The step is in the title: it is what a screen reader announces first on each step (RGAA 8.6).
export const meta: Route.MetaFunction = ({ loaderData }) => {
  const step = loaderData?.step ?? 1;
  return [{ title: `Étape ${step} sur 3 : ${stepNames[step - 1]} – Demander un remboursement – Espace adhérent` }];
};

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "file");
  const { db, clock } = args.context.get(servicesContext);
  const params = new URL(args.request.url).searchParams;
  const draft = await findDraft(db, viewer, params.get("brouillon"));
  const contract = await getContractSummary(db, viewer);
  const people = contract.beneficiaries.map((b) => ({ id: b.id, name: `${b.firstName} ${b.lastName}` }));
  const wanted = Number(params.get("etape") ?? 1);
  const data = draft?.data ?? {};
  const detailsDone = Boolean(data.beneficiaryId && data.careType && data.careDate && data.amountCents);
  const files = draft ? await listDraftFiles(db, viewer, draft.id) : [];
  // A step is reachable only when the ones before it are done.
  const step = !draft || !detailsDone ? 1 : wanted >= 3 && files.length > 0 ? 3 : wanted >= 2 ? 2 : 1;
  // Step 1 as typed when the session had expired, kept until the member signed in again (issue 25, item 6).
  const kept = await formDraft(args, viewer);
  const similar =
    step === 3 && detailsDone
      ? await findSimilarClaim(db, viewer, {
          beneficiaryId: data.beneficiaryId!,
          careType: data.careType!,
          careDate: data.careDate!,
          amountCents: data.amountCents!,
        })
      : null;
  return {
    kept: step === 1 ? kept : null,
    draftId: draft?.id ?? null,
    step,
    data,
    people,
    files,
    similarOn: similar ? clock.dateOf(similar.createdAt) : null,
    similarReference: similar?.reference ?? null,
    help: await helpForPage(db, "demande-nouvelle"),
  };
}

/** Step 1's fields, kept as a draft when posted after the session expired. */
const detailFields = ["beneficiaryId", "careType", "lieu", "country", "currency", "amountAbroad", "careDate", "amount"];

export async function action(args: Route.ActionArgs) {
  const viewer = await requireScope(args, "file", { keepDraft: detailFields });
  const services = args.context.get(servicesContext);
  const { db, storage, clock } = services;
  const url = new URL(args.request.url);
  const isUpload = args.request.headers.get("content-type")?.startsWith("multipart/form-data");

  if (isUpload) {
    const draft = await findDraft(db, viewer, url.searchParams.get("brouillon"));
    if (!draft) throw redirect("/demandes/nouvelle");
    const store = requestFileStore(services);
    try {
      await refuseUploadOverQuota(db, viewer, services.quotas, args.request);
      const { stored, fields } = await receiveUploads(args.request, store);
      // "Continuer" is this form's second button: the files chosen are imported, never dropped, then step 3;
      // with no new file it simply goes on (the draft already has its files).
      const goOn = fields.suite === "1" && (stored.length > 0 || fields.avecFichiers === "1");
      if (stored.length > 0 || !goOn)
        await keepOrDiscard(store, stored, async () => {
          await assertWithinUploadQuota(db, viewer, services.quotas, stored);
          await addDraftFiles(db, viewer, draft, stored);
        });
      if (goOn) throw redirect(stepUrl(draft.id, 3));
    } catch (error) {
      return appErrorAnswer(error, (refusal) => actionResult({ formError: refusal.message }));
    }
    throw redirect(stepUrl(draft.id, 2));
  }

  const form = formValues(await args.request.formData());
  const draft = await findDraft(db, viewer, form.brouillon ?? url.searchParams.get("brouillon"));

  if (form.intent === "details") {
    const contract = await getContractSummary(db, viewer);
    // Care abroad has its own amount field, labelled with the currency chosen beside it.
    const input = form.lieu === "etranger" ? { ...form, amount: form.amountAbroad ?? "" } : form;
    const parsed = claimDetailsSchema(
      clock.today(),
      contract.beneficiaries.map((b) => b.id),
    ).safeParse(input);
    if (!parsed.success) {
      // The first rule a field breaks is the one to fix first: one message per field.
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
      return actionFailure(400, { fieldErrors, values: form });
    }
    const v = parsed.data;
    let target = draft;
    if (!target) {
      try {
        await assertDraftQuota(db, viewer, services.quotas);
        await services.householdLimiter.consume("draft", viewer);
      } catch (error) {
        return appErrorAnswer(error, (refusal) => actionResult({ formError: refusal.message, values: form }));
      }
      target = await createDraft(db, viewer);
    }
    await saveDraftDetails(db, viewer, target.id, {
      beneficiaryId: v.beneficiaryId,
      careType: v.careType,
      abroad: v.lieu === "etranger",
      country: v.lieu === "etranger" ? v.country : undefined,
      currency: v.lieu === "etranger" ? v.currency : undefined,
      careDate: v.careDate,
      amountCents: v.amount,
    });
    throw redirect(stepUrl(target.id, 2));
  }
  if (form.intent === "submit") {
    if (form.similarShown === "1" && form.confirmSimilar !== "on") {
      return actionFailure(400, {
        fieldErrors: { confirmSimilar: "Cochez la case pour envoyer quand même cette demande." },
        values: form,
      });
    }
    // No draft lookup first: a second click after the first one succeeded finds the claim by its key.
    try {
      const claim = await submitClaim(services, viewer, form.brouillon ?? "");
      // The SMTP error text may name the member's address: log the event only.
      if (claim.emailError) services.logger.error({ event: "claim_email_failed" });
      if (claim.created) {
        await recordCarerAction(
          services,
          viewer,
          { kind: "claim", reference: claim.reference },
          args.context.get(requestContext).ip,
        );
      }
      throw redirect(`/demandes/${claim.id}?envoyee=1`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.status === 404) throw redirect("/demandes/nouvelle");
      return actionFailure(error.status, { formError: error.message, values: form });
    }
  }
  if (!draft) throw redirect("/demandes/nouvelle");
  if (form.intent === "remove-file") {
    await removeDraftFile(db, viewer, draft.id, form.fileId ?? "", storage);
    throw redirect(stepUrl(draft.id, 2));
  }
  return actionFailure(400, { formError: "Action inconnue.", values: form });
}

export default function NewClaim({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  return (
    <div className="claim-wizard">
      <h1>Demander un remboursement</h1>
      <Steps step={d.step} />
      {/* A refusal no field explains (an upload, a limit, a démarche already sent): the upload form's script reads
          this box's text when its files are refused. */}
      {actionData?.formError ? (
        <div className="alert alert--error" role="alert">
          {actionData.formError}
        </div>
      ) : null}
      {d.step === 1 ? (
        <DetailsStep
          d={d}
          errors={errors}
          values={actionData?.values ?? d.kept ?? {}}
          keptShown={Boolean(d.kept) && !actionData}
        />
      ) : null}
      {d.step === 2 && d.draftId ? <FilesStep d={d} draftId={d.draftId} /> : null}
      {d.step === 3 && d.draftId ? <SummaryStep d={d} draftId={d.draftId} error={errors.confirmSimilar} /> : null}
      <HelpLinks articles={d.help} />
    </div>
  );
}
