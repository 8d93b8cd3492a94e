// "Demander un remboursement", in three steps, each a plain form post (works without JavaScript):
// 1. Détail du soin, 2. Pièces justificatives, 3. Récapitulatif and "Valider ma demande".
// The draft lives on the server (?brouillon=ID): back and forth, reload, or come back later.
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { useState } from "react";
import { data, Form, redirect, useNavigate, useRevalidator } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { Money } from "../components/money.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { formDraft, requireScope } from "../guards.server.ts";
import { claimDetailsSchema, currencies } from "../modules/claims/claim-form.ts";
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
import { uploadLimits } from "../modules/claims/limits.ts";
import { keepOrDiscard, requestFileStore } from "../modules/claims/attachments.server.ts";
import { receiveUploads } from "../modules/claims/read-uploads.server.ts";
import { assertDraftQuota, assertWithinUploadQuota, refuseUploadOverQuota } from "../modules/claims/quotas.server.ts";
import { getContractSummary } from "../modules/households/queries.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { careTypeLabel, careTypes } from "../modules/shared/care-types.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/demande-nouvelle";
import { ErrorSummary, FieldError, fieldErrorProps } from "../components/error-summary.tsx";

// The step is in the title: it is what a screen reader announces first on each step (RGAA 8.6).
const stepNames = ["Détail du soin", "Pièces justificatives", "Récapitulatif"];
export const meta: Route.MetaFunction = ({ loaderData }) => {
  const step = loaderData?.step ?? 1;
  return [{ title: `Étape ${step} sur 3 : ${stepNames[step - 1]} – Demander un remboursement – Espace adhérent` }];
};

const amountText = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");
const currencyNames = new Intl.DisplayNames("fr-FR", { type: "currency" });
/** "CHF" → "Franc suisse (CHF)": the code alone is not plain French. */
const currencyName = (code: string) => {
  const name = currencyNames.of(code) ?? code;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} (${code})`;
};
const stepUrl = (draftId: string, step: number) => `/demandes/nouvelle?brouillon=${draftId}&etape=${step}`;

// What each care type needs, said before the upload.
const neededDocuments: Record<string, string> = {
  osteopathie: "la facture détaillée du praticien (nom, numéro ADELI ou RPPS, date et prix de la séance)",
  chiropractie: "la facture détaillée du praticien (nom, numéro ADELI, date et prix de la séance)",
  optique: "la facture détaillée de l'opticien et l'ordonnance",
  dentaire: "la facture détaillée du dentiste",
  pharmacie: "la facture de la pharmacie et l'ordonnance",
  transport: "la facture du transporteur et la prescription médicale de transport",
  appareillage: "la facture du fournisseur et l'ordonnance",
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
      return appErrorAnswer(error, (refusal) => ({ uploadError: refusal.message, fieldErrors: {}, values: {} }));
    }
    throw redirect(stepUrl(draft.id, 2));
  }

  const form = Object.fromEntries(await args.request.formData()) as Record<string, string>;
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
      return data({ uploadError: null, fieldErrors, values: form }, { status: 400 });
    }
    const v = parsed.data;
    let target = draft;
    if (!target) {
      try {
        await assertDraftQuota(db, viewer, services.quotas);
        await services.householdLimiter.consume("draft", viewer);
      } catch (error) {
        return appErrorAnswer(error, (refusal) => ({ uploadError: refusal.message, fieldErrors: {}, values: form }));
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
      return data(
        {
          uploadError: null,
          fieldErrors: { confirmSimilar: "Cochez la case pour envoyer quand même cette demande." },
          values: form,
        },
        { status: 400 },
      );
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
      return data({ uploadError: error.message, fieldErrors: {}, values: form }, { status: error.status });
    }
  }
  if (!draft) throw redirect("/demandes/nouvelle");
  if (form.intent === "remove-file") {
    await removeDraftFile(db, viewer, draft.id, form.fileId ?? "", storage);
    throw redirect(stepUrl(draft.id, 2));
  }
  return data({ uploadError: "Action inconnue.", fieldErrors: {}, values: form }, { status: 400 });
}

/**
 * The upload form. Without JavaScript it is a plain multipart post. With it, the files go through
 * XMLHttpRequest, whose upload progress fetch does not give, and a progress bar shows how far it is.
 */
function UploadForm({
  action,
  next,
  children,
}: {
  action: string;
  /** Step 3's address, reached by the form's "Continuer" button once the chosen files are imported. */
  next: string;
  children: React.ReactNode;
}) {
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Announced to screen readers (issue 25, item 4): the live regions below exist from the first render, so
  // "Envoi en cours", "2 fichiers ajoutés" and errors are read when they change.
  const [status, setStatus] = useState("");
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(form, submitter);
    const chosen = data.getAll("fichiers").filter((f) => f instanceof File && f.name !== "").length;
    if (submitter?.name === "suite" && chosen === 0) {
      navigate(next);
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", action);
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    setError(null);
    if (chosen > 0) setStatus(`Envoi en cours de ${chosen === 1 ? "1 fichier" : `${chosen} fichiers`}…`);
    xhr.onload = () => {
      setProgress(null);
      if (xhr.status < 400) {
        form.reset();
        setStatus(chosen === 0 ? "" : chosen === 1 ? "1 fichier ajouté." : `${chosen} fichiers ajoutés.`);
        // The server answered "Continuer" with step 3 once the files were in (the request followed it).
        if (submitter?.name === "suite" && xhr.responseURL.includes("etape=3")) navigate(next);
        else revalidator.revalidate();
        return;
      }
      // The server's own French message, from the page it answered with.
      const alert = new DOMParser().parseFromString(xhr.responseText, "text/html").querySelector("[role=alert]");
      setStatus("");
      setError(alert?.textContent ?? "L'envoi n'a pas abouti. Réessayez.");
    };
    xhr.onerror = () => {
      setProgress(null);
      setStatus("");
      setError("L'envoi n'a pas abouti : vérifiez votre connexion et réessayez.");
    };
    xhr.send(data);
  };
  return (
    <form method="post" encType="multipart/form-data" action={action} onSubmit={onSubmit}>
      {/* Live regions without role: present from the first render, so their changes are read; the page's own
          role="alert" / role="status" boxes stay the only ones with those roles. */}
      <div aria-live="assertive" className="upload-error">
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <p aria-live="polite" className="upload-status">
        {status}
      </p>
      {children}
      {progress !== null ? (
        <p>
          <label htmlFor="progression">Envoi en cours</label>{" "}
          <progress id="progression" max={100} value={progress}>
            {progress} %
          </progress>{" "}
          {progress} %
        </p>
      ) : null}
    </form>
  );
}

function Steps({ step }: { step: number }) {
  const names = ["Détail du soin", "Pièces justificatives", "Récapitulatif"];
  return (
    <ol className="steps" aria-label="Étapes de la demande">
      {names.map((name, i) => (
        <li
          key={name}
          aria-current={step === i + 1 ? "step" : undefined}
          className={step > i + 1 ? "steps__done" : undefined}
        >
          {`${i + 1}/3 ${name}`}
          {/* Not by colour alone (RGAA 3.1): a completed step says so, the current one too. */}
          {step > i + 1 ? <span className="steps__state"> (terminée)</span> : null}
          {step === i + 1 ? <span className="steps__state"> (en cours)</span> : null}
        </li>
      ))}
    </ol>
  );
}

export default function NewClaim({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const values: Record<string, string> = actionData?.values ?? d.kept ?? {};
  const v = (name: string, fallback = "") => values[name] ?? fallback;
  const person = d.people.find((p) => p.id === d.data.beneficiaryId);
  return (
    <div className="claim-wizard">
      <h1>Demander un remboursement</h1>
      <Steps step={d.step} />
      {actionData?.uploadError ? (
        <div className="alert alert--error" role="alert">
          {actionData.uploadError}
        </div>
      ) : null}

      {d.step === 1 ? (
        <Form method="post" className="card form-card" noValidate data-garde-brouillon="">
          <h2>1/3 Détail du soin</h2>
          <ErrorSummary
            title="Votre demande n'a pas été enregistrée, corrigez :"
            errors={{
              ...errors,
              // Care abroad: its amount is the field "in the currency chosen".
              ...(errors.amount && v("lieu") === "etranger" ? { amount: undefined, amountAbroad: errors.amount } : {}),
            }}
          />
          {d.kept && !actionData ? (
            <p className="alert alert--info" role="status">
              Vous êtes de nouveau connecté : nous avons gardé ce que vous aviez saisi. Vérifiez-le, puis continuez.
            </p>
          ) : null}
          <p className="alert alert--info">Pour éviter les erreurs, veuillez envoyer une seule demande par soin.</p>
          <p className="muted">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
          <input type="hidden" name="intent" value="details" />
          {d.draftId ? <input type="hidden" name="brouillon" value={d.draftId} /> : null}
          <fieldset
            className={errors.beneficiaryId ? "field field--error" : "field"}
            aria-describedby={errors.beneficiaryId ? "beneficiaryId-erreur" : undefined}
          >
            <legend>Bénéficiaire du soin *</legend>
            {errors.beneficiaryId ? (
              <p className="field__error" id="beneficiaryId-erreur">
                {errors.beneficiaryId}
              </p>
            ) : null}
            {d.people.map((p, i) => (
              <label key={p.id} className="choice">
                <input
                  type="radio"
                  name="beneficiaryId"
                  id={i === 0 ? "beneficiaryId" : undefined}
                  required
                  // oxlint-disable-next-line jsx-a11y/role-supports-aria-props -- aria-invalid is a global state in ARIA 1.2: screen readers say "invalide" on each choice of a group in error
                  aria-invalid={errors.beneficiaryId ? true : undefined}
                  value={p.id}
                  defaultChecked={v("beneficiaryId", d.data.beneficiaryId) === p.id}
                />{" "}
                {p.name}
              </label>
            ))}
          </fieldset>
          <div className={errors.careType ? "field field--error" : "field"}>
            <label htmlFor="careType">Type de soin *</label>
            {errors.careType ? (
              <p className="field__error" id="careType-erreur">
                {errors.careType}
              </p>
            ) : null}
            <select
              id="careType"
              name="careType"
              required
              defaultValue={v("careType", d.data.careType)}
              {...fieldErrorProps("careType", errors.careType)}
            >
              <option value="">Choisissez…</option>
              {Object.keys(careTypes).map((c) => (
                <option key={c} value={c}>
                  {careTypeLabel(c)}
                </option>
              ))}
            </select>
          </div>
          <fieldset
            className={errors.lieu ? "field field--error" : "field"}
            aria-describedby={errors.lieu ? "lieu-erreur" : undefined}
          >
            <legend>Lieu du soin *</legend>
            <FieldError id="lieu" error={errors.lieu} />
            <label className="choice">
              <input
                type="radio"
                name="lieu"
                id="lieu"
                required
                // oxlint-disable-next-line jsx-a11y/role-supports-aria-props -- aria-invalid is a global state in ARIA 1.2: screen readers say "invalide" on each choice of a group in error
                aria-invalid={errors.lieu ? true : undefined}
                value="france"
                defaultChecked={
                  v("lieu", d.data.abroad === undefined ? "" : d.data.abroad ? "etranger" : "france") === "france"
                }
              />{" "}
              En France
            </label>
            <label className="choice">
              <input
                type="radio"
                name="lieu"
                required
                // oxlint-disable-next-line jsx-a11y/role-supports-aria-props -- aria-invalid is a global state in ARIA 1.2: screen readers say "invalide" on each choice of a group in error
                aria-invalid={errors.lieu ? true : undefined}
                value="etranger"
                defaultChecked={v("lieu", d.data.abroad ? "etranger" : "") === "etranger"}
              />{" "}
              À l'étranger
            </label>
          </fieldset>
          {/* Shown only once "À l'étranger" is chosen, by CSS (works without JavaScript); a browser without
              :has() shows it always, and the server ignores it for care in France. */}
          <fieldset className="field claim-abroad">
            <legend>Soin à l'étranger</legend>
            <FormField
              name="country"
              label="Pays du soin *"
              defaultValue={v("country", d.data.country)}
              error={errors.country}
              autoComplete="country-name"
            />
            <div className={errors.currency ? "field field--error" : "field"}>
              <label htmlFor="currency">Monnaie payée *</label>
              {errors.currency ? (
                <p className="field__error" id="currency-erreur">
                  {errors.currency}
                </p>
              ) : null}
              <select
                id="currency"
                name="currency"
                defaultValue={v("currency", d.data.currency)}
                {...fieldErrorProps("currency", errors.currency)}
              >
                <option value="">Choisissez…</option>
                {currencies.map((c) => (
                  <option key={c} value={c}>
                    {currencyName(c)}
                  </option>
                ))}
              </select>
            </div>
            <FormField
              name="amountAbroad"
              label="Montant payé, dans la monnaie choisie ci-dessus *"
              hint="Par exemple 45,00"
              inputMode="decimal"
              defaultValue={v(
                "amountAbroad",
                d.data.abroad && d.data.amountCents ? amountText(d.data.amountCents) : "",
              )}
              error={errors.amount}
            />
          </fieldset>
          <FormField
            name="careDate"
            type="date"
            label="Date du soin *"
            defaultValue={v("careDate", d.data.careDate)}
            error={errors.careDate}
            required
          />
          <div className="claim-in-france">
            <FormField
              name="amount"
              label="Montant payé, en euros *"
              hint="Par exemple 45,00"
              inputMode="decimal"
              defaultValue={v("amount", !d.data.abroad && d.data.amountCents ? amountText(d.data.amountCents) : "")}
              error={errors.amount}
            />
          </div>
          <button type="submit" className="button button--primary">
            Continuer
          </button>
        </Form>
      ) : null}

      {d.step === 2 && d.draftId ? (
        <section className="card form-card" aria-labelledby="pieces">
          <h2 id="pieces">2/3 Pièces justificatives</h2>
          <p id="pieces-aide">
            Joignez {neededDocuments[d.data.careType ?? ""] ?? "la facture détaillée et, s'il y en a une, l'ordonnance"}
            . Fichiers PDF, JPEG ou PNG, {uploadLimits.maxFiles} au plus, 10 Mo chacun.
          </p>
          {d.files.length > 0 ? (
            <ul className="file-list">
              {d.files.map((f) => (
                <li key={f.id}>
                  {f.mimeType.startsWith("image/") ? (
                    <img
                      className="file-preview"
                      src={`/demandes/nouvelle/fichiers/${f.id}?brouillon=${d.draftId}`}
                      alt={`Aperçu de ${f.originalName}`}
                      width={64}
                      height={64}
                    />
                  ) : (
                    <span className="file-preview file-preview--pdf" aria-hidden="true">
                      PDF
                    </span>
                  )}
                  <span className="file-name">
                    {f.originalName}{" "}
                    <span className="muted">{`(${Math.max(1, Math.round(f.sizeBytes / 1024))} Ko)`}</span>
                  </span>
                  <Form method="post">
                    <input type="hidden" name="brouillon" value={d.draftId!} />
                    <input type="hidden" name="fileId" value={f.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="remove-file"
                      className="button button--quiet"
                      aria-label={`Retirer ${f.originalName}`}
                    >
                      Retirer
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Aucun fichier pour l'instant.</p>
          )}
          <UploadForm action={`/demandes/nouvelle?brouillon=${d.draftId}&etape=2`} next={stepUrl(d.draftId, 3)}>
            {d.files.length > 0 ? <input type="hidden" name="avecFichiers" value="1" /> : null}
            <div className="field">
              <label htmlFor="fichiers">Ajouter des fichiers</label>
              <input
                id="fichiers"
                name="fichiers"
                type="file"
                multiple
                accept="application/pdf,image/jpeg,image/png"
                aria-describedby="pieces-aide"
              />
            </div>
            <div className="field">
              <label htmlFor="photo">Ou prendre la facture en photo</label>
              <input
                id="photo"
                name="fichiers"
                type="file"
                accept="image/jpeg,image/png"
                capture="environment"
                aria-describedby="pieces-aide"
              />
            </div>
            <p className="wizard-nav">
              <button type="submit" className="button button--quiet">
                Importer les fichiers
              </button>
              {/* A submit button of the upload form: files chosen but not imported yet go with it. */}
              {d.files.length > 0 ? (
                <button type="submit" name="suite" value="1" className="button button--primary">
                  Continuer
                </button>
              ) : null}
            </p>
          </UploadForm>
          <p>
            <a href={stepUrl(d.draftId, 1)}>← Étape précédente</a>
          </p>
        </section>
      ) : null}

      {d.step === 3 && d.draftId ? (
        <Form method="post" className="card form-card">
          <h2>3/3 Récapitulatif</h2>
          <dl className="detail-list">
            <div>
              <dt>Bénéficiaire du soin</dt>
              <dd>{person?.name}</dd>
            </div>
            <div>
              <dt>Type de soin</dt>
              <dd>{careTypeLabel(d.data.careType ?? "")}</dd>
            </div>
            <div>
              <dt>Lieu du soin</dt>
              <dd>{d.data.abroad ? `À l'étranger (${d.data.country}, ${d.data.currency})` : "En France"}</dd>
            </div>
            <div>
              <dt>Date du soin</dt>
              <dd>{formatDate(d.data.careDate!)}</dd>
            </div>
            <div>
              <dt>Montant payé</dt>
              <dd>
                <Money cents={d.data.amountCents!} currency={d.data.abroad ? d.data.currency : null} />
              </dd>
            </div>
            <div>
              <dt>Pièces jointes</dt>
              <dd>{d.files.map((f) => f.originalName).join(", ")}</dd>
            </div>
          </dl>
          <input type="hidden" name="brouillon" value={d.draftId} />
          {d.similarOn ? (
            <div className={errors.confirmSimilar ? "field field--error alert alert--error" : "alert alert--error"}>
              <p>
                Vous avez déjà envoyé une demande pour ce soin le {formatDate(d.similarOn)} (référence{" "}
                {d.similarReference}).
              </p>
              {errors.confirmSimilar ? (
                <p className="field__error" id="confirmSimilar-erreur">
                  {errors.confirmSimilar}
                </p>
              ) : null}
              <input type="hidden" name="similarShown" value="1" />
              <label className="choice">
                <input
                  type="checkbox"
                  name="confirmSimilar"
                  aria-describedby={errors.confirmSimilar ? "confirmSimilar-erreur" : undefined}
                />{" "}
                Il s'agit d'un autre soin : envoyer quand même
              </label>
            </div>
          ) : null}
          <p className="wizard-nav">
            <a href={stepUrl(d.draftId, 2)}>← Étape précédente</a>
            <button type="submit" name="intent" value="submit" className="button button--primary">
              Valider ma demande
            </button>
          </p>
        </Form>
      ) : null}
    </div>
  );
}
