// "Envoyer un devis": the member types the quote's lines and sees at once what the Sécurité sociale, the
// mutuelle and they will pay, with the 100% Santé equivalent beside each line that has one.
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import { randomUUID } from "node:crypto";
import { Form, redirect } from "react-router";
import { formValues } from "../modules/forms/form-data.ts";
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import {
  discardUploads,
  keepOrDiscard,
  requestFileStore,
  type StoredUpload,
} from "../modules/claims/attachments.server.ts";
import { receiveUploads } from "../modules/claims/read-uploads.server.ts";
import { assertWithinUploadQuota, refuseUploadOverQuota } from "../modules/claims/quotas.server.ts";
import { submitQuote } from "../modules/claims/submit-quote.server.ts";
import { recordCarerAction } from "../modules/carers/carers.server.ts";
import { sendQuoteConfirmation } from "../modules/claims/quote-email.server.ts";
import { QuoteEstimateSection, type ShownEstimate } from "../components/quote-estimate.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { categories } from "../modules/guarantees/categories.ts";
import { blockedRenewal, estimateQuote, quoteCategories } from "../modules/guarantees/estimate.ts";
import { getGuaranteeContext } from "../modules/guarantees/overview.server.ts";
import { parseQuoteForm, quoteCareTypes, quoteLineSlots } from "../modules/guarantees/quote-form.ts";
import { ErrorSummary, FieldError, fieldErrorProps } from "../components/error-summary.tsx";
import { domainLabels } from "../modules/guarantees/categories.ts";
import type { Route } from "./+types/devis-nouveau";
import { FilesInput } from "../components/files-input.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Envoyer ou estimer un devis – Espace adhérent" }];

async function context(args: Route.LoaderArgs | Route.ActionArgs) {
  const viewer = await requireScope(args, "file");
  const { db, guarantees, clock } = args.context.get(servicesContext);
  return getGuaranteeContext(db, guarantees, viewer, clock.today());
}

export async function loader(args: Route.LoaderArgs) {
  const { beneficiaries } = await context(args);
  return {
    people: beneficiaries.map((b) => ({ id: b.personId, name: `${b.firstName} ${b.lastName}` })),
    help: await helpForPage(args.context.get(servicesContext).db, "devis"),
    // The key of a devis sent straight from the form, without estimating it first.
    key: randomUUID(),
  };
}

/** The page's own extra: the estimate shown under the form, with whom it is for and the key to send it with. */
type Shown = ShownEstimate | null;
const noEstimate = { estimate: null as Shown };

export async function action(args: Route.ActionArgs) {
  const viewer = await requireScope(args, "file");
  const { table, beneficiaries } = await context(args);
  const services = args.context.get(servicesContext);
  const today = services.clock.today();
  const sending = args.request.headers.get("content-type")?.startsWith("multipart/form-data");
  const store = requestFileStore(services);
  let form: Record<string, string>;
  let stored: StoredUpload[] = [];
  try {
    if (sending) {
      await services.householdLimiter.consume("request", viewer);
      await refuseUploadOverQuota(services.db, viewer, services.quotas, args.request);
    }
    ({ fields: form, stored } = sending
      ? await receiveUploads(args.request, store)
      : { fields: formValues(await args.request.formData()), stored: [] });
  } catch (error) {
    return appErrorAnswer(error, (refusal) => actionResult({ formError: refusal.message }, noEstimate));
  }
  const parsed = parseQuoteForm(
    form,
    beneficiaries.map((b) => b.personId),
    sending ? "send" : "estimate",
  );
  if (!parsed.ok || !table) await discardUploads(store, stored);
  if (!parsed.ok) return actionFailure(400, { fieldErrors: parsed.errors, values: form }, noEstimate);
  const who = beneficiaries.find((b) => b.personId === parsed.beneficiaryId)!;
  if (!table && parsed.lines.length > 0)
    return actionFailure(
      409,
      {
        formError: "Votre tableau de garanties n'est pas disponible en ligne : contactez votre mutuelle.",
        values: form,
      },
      noEstimate,
    );
  // Always recomputed here: what is sent is what the engine says, never figures from the browser.
  const estimate =
    table && parsed.lines.length > 0
      ? estimateQuote({ table, lines: parsed.lines, beneficiary: who.facts, history: who.history, today })
      : null;
  const shown = (key: string): Shown =>
    estimate ? { ...estimate, who: `${who.firstName} ${who.lastName}`, key, blocked: blockedRenewal(estimate) } : null;
  if (sending) {
    // Sent from the form itself ("Envoyer mon devis"), the file's error shows beside its field there.
    const fromForm = form.depuis === "formulaire";
    try {
      const quote = await keepOrDiscard(store, stored, async () => {
        await assertWithinUploadQuota(services.db, viewer, services.quotas, stored);
        return submitQuote(services.db, viewer, {
          key: form.key ?? "",
          beneficiaryId: parsed.beneficiaryId,
          careType: parsed.careType ?? "dentaire",
          lines: estimate?.lines ?? [],
          stored,
          today,
        });
      });
      // Sent twice (double click): the quote already holds its file, this copy is not needed.
      if (!quote.created) await discardUploads(store, stored);
      else {
        // The SMTP error text may name the member's address: log the event only.
        const mail = await sendQuoteConfirmation(services, viewer, quote.reference);
        if (mail.error) services.logger.error({ event: "quote_email_failed" });
        await recordCarerAction(
          services,
          viewer,
          { kind: "quote", reference: quote.reference },
          args.context.get(requestContext).ip,
        );
      }
      throw redirect(`/demandes/${quote.id}?envoyee=1`);
    } catch (error) {
      return appErrorAnswer(error, (refusal) =>
        actionResult(
          { fieldErrors: { [fromForm ? "devis-fichier-formulaire" : "devis-fichier"]: refusal.message }, values: form },
          { estimate: fromForm ? null : shown(form.key ?? randomUUID()) },
        ),
      );
    }
  }
  return actionResult({ values: form }, { estimate: shown(randomUUID()) });
}

const groups = ["dentaire", "optique", "audiologie"] as const;

const baseHelp =
  "La base de remboursement (BR) est le tarif sur lequel la Sécurité sociale calcule sa part. Le devis l'indique ligne par ligne (colonne « Base de remboursement » ou « BR »), par unité. Laissez vide si elle n'y figure pas : la Sécurité sociale sera comptée à 0 €.";

export default function QuoteEstimate({ loaderData, actionData }: Route.ComponentProps) {
  const values: Record<string, string> = actionData?.values ?? {};
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const estimate = actionData?.estimate ?? null;
  // The file refused under the estimate is said there (its own alert), not in the form's summary.
  const formErrors = {
    form: actionData?.formError ?? undefined,
    ...Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "devis-fichier")),
  };
  return (
    <div className="quote">
      <h1>Envoyer ou estimer un devis</h1>
      <p className="lead">
        Dentiste, opticien, audioprothésiste : avant les soins, sachez ce qui restera à votre charge, ou envoyez
        directement le devis à votre mutuelle pour une réponse confirmée.
      </p>
      <ErrorSummary errors={formErrors} />
      <Form method="post" encType="multipart/form-data" className="card" noValidate>
        <p className="muted">
          Remplissez les lignes pour estimer votre reste à charge ; elles sont facultatives pour envoyer le devis.
        </p>
        <div className={errors.beneficiaryId ? "field field--error" : "field"}>
          <label htmlFor="beneficiaryId">Pour qui ?</label>
          <FieldError id="beneficiaryId" error={errors.beneficiaryId} />
          <select
            id="beneficiaryId"
            name="beneficiaryId"
            required
            defaultValue={values.beneficiaryId ?? ""}
            {...fieldErrorProps("beneficiaryId", errors.beneficiaryId)}
          >
            <option value="">Choisissez…</option>
            {loaderData.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className={errors.soins ? "field field--error" : "field"}>
          <label htmlFor="soins">Type de soins</label>
          <p className="field__hint" id="soins-aide">
            Facultatif si vous remplissez les lignes du devis.
          </p>
          <FieldError id="soins" error={errors.soins} />
          <select
            id="soins"
            name="soins"
            defaultValue={values.soins ?? ""}
            {...fieldErrorProps("soins", errors.soins, "soins-aide")}
          >
            <option value="">—</option>
            {Object.entries(quoteCareTypes).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {Array.from({ length: quoteLineSlots }, (_, i) => (
          <fieldset key={i} className="quote-line">
            <legend>
              Ligne {i + 1} du devis{i > 0 ? " (facultative)" : ""}
            </legend>
            {(["acte", "prix", "base", "quantite"] as const).map((f) => (
              <FieldError key={f} id={`${f}${i}`} error={errors[`${f}${i}`]} />
            ))}
            <div className="quote-line__fields">
              <div className="field">
                <label htmlFor={`acte${i}`}>Acte</label>
                <select
                  id={`acte${i}`}
                  name={`acte${i}`}
                  defaultValue={values[`acte${i}`] ?? ""}
                  {...fieldErrorProps(`acte${i}`, errors[`acte${i}`])}
                >
                  <option value="">—</option>
                  {groups.map((g) => (
                    <optgroup key={g} label={domainLabels[g]}>
                      {quoteCategories
                        .filter((c) => categories[c].domain === g)
                        .map((c) => (
                          <option key={c} value={c}>
                            {categories[c].label}
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`prix${i}`}>Prix unitaire (€)</label>
                <input
                  id={`prix${i}`}
                  name={`prix${i}`}
                  inputMode="decimal"
                  defaultValue={values[`prix${i}`] ?? ""}
                  {...fieldErrorProps(`prix${i}`, errors[`prix${i}`])}
                />
              </div>
              <div className="field">
                <label htmlFor={`quantite${i}`}>Quantité</label>
                <input
                  id={`quantite${i}`}
                  name={`quantite${i}`}
                  inputMode="numeric"
                  defaultValue={values[`quantite${i}`] ?? "1"}
                  {...fieldErrorProps(`quantite${i}`, errors[`quantite${i}`])}
                />
              </div>
              <div className="field">
                <label htmlFor={`base${i}`}>
                  <abbr title="Base de remboursement">BR</abbr> unitaire (€)
                </label>
                <input
                  id={`base${i}`}
                  name={`base${i}`}
                  inputMode="decimal"
                  defaultValue={values[`base${i}`] ?? ""}
                  {...fieldErrorProps(`base${i}`, errors[`base${i}`], "base-aide")}
                />
              </div>
            </div>
          </fieldset>
        ))}
        <p className="field__hint" id="base-aide">
          {baseHelp} <a href="/glossaire#base-de-remboursement">Qu'est-ce que la base de remboursement ?</a>
        </p>
        <div className={errors["devis-fichier-formulaire"] ? "field field--error" : "field"}>
          <label htmlFor="devis-fichier-formulaire">Le devis (PDF ou photo)</label>
          <p className="field__hint" id="devis-fichier-formulaire-aide">
            Nécessaire pour l'envoyer à votre mutuelle, pas pour l'estimer.
          </p>
          <FieldError id="devis-fichier-formulaire" error={errors["devis-fichier-formulaire"]} />
          <FilesInput
            id="devis-fichier-formulaire"
            multiple={false}
            error={errors["devis-fichier-formulaire"]}
            hintId="devis-fichier-formulaire-aide"
          />
        </div>
        <input type="hidden" name="key" value={loaderData.key} />
        <input type="hidden" name="depuis" value="formulaire" />
        <div className="actions">
          {/* Estimating sends no file: the button posts the fields alone (url-encoded). */}
          <button type="submit" className="button button--primary" formEncType="application/x-www-form-urlencoded">
            Estimer mon reste à charge
          </button>
          <button type="submit" className="button">
            Envoyer mon devis à ma mutuelle
          </button>
        </div>
      </Form>

      {estimate ? (
        <QuoteEstimateSection estimate={estimate} values={values} fileError={errors["devis-fichier"]} />
      ) : null}
      <HelpLinks articles={loaderData.help} />
    </div>
  );
}
