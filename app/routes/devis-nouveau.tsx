// "Envoyer un devis": the member types the quote's lines and sees at once what the Sécurité sociale, the
// mutuelle and they will pay, with the 100% Santé equivalent beside each line that has one.
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import { randomUUID } from "node:crypto";
import { data, Form, redirect } from "react-router";
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
import { AppError } from "../modules/shared/app-error.ts";
import { Money } from "../components/money.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { categories } from "../modules/guarantees/categories.ts";
import { estimateQuote, quoteCategories } from "../modules/guarantees/estimate.ts";
import { getGuaranteeContext } from "../modules/guarantees/overview.server.ts";
import { parseQuoteForm, quoteLineSlots } from "../modules/guarantees/quote-form.ts";
import { domainLabels } from "../modules/guarantees/categories.ts";
import type { Route } from "./+types/devis-nouveau";

export const meta: Route.MetaFunction = () => [{ title: "Estimer un devis – Espace adhérent" }];

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
  };
}

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
      : { fields: Object.fromEntries(await args.request.formData()) as Record<string, string>, stored: [] });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return data({ values: {}, errors: { form: error.message }, estimate: null }, { status: error.status });
  }
  const parsed = parseQuoteForm(
    form,
    beneficiaries.map((b) => b.personId),
  );
  if (!parsed.ok || !table) await discardUploads(store, stored);
  if (!parsed.ok) return data({ values: form, errors: parsed.errors, estimate: null }, { status: 400 });
  const who = beneficiaries.find((b) => b.personId === parsed.beneficiaryId)!;
  if (!table)
    return data(
      {
        values: form,
        errors: { form: "Votre tableau de garanties n'est pas disponible en ligne : contactez votre mutuelle." },
        estimate: null,
      },
      { status: 409 },
    );
  // Always recomputed here: what is sent is what the engine says, never figures from the browser.
  const estimate = estimateQuote({ table, lines: parsed.lines, beneficiary: who.facts, history: who.history, today });
  if (sending) {
    try {
      const quote = await keepOrDiscard(store, stored, async () => {
        await assertWithinUploadQuota(services.db, viewer, services.quotas, stored);
        return submitQuote(services.db, viewer, {
          key: form.key ?? "",
          beneficiaryId: parsed.beneficiaryId,
          lines: estimate.lines,
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
      if (!(error instanceof AppError)) throw error;
      return data(
        {
          values: form,
          errors: { send: error.message },
          estimate: { ...estimate, who: `${who.firstName} ${who.lastName}`, key: form.key ?? randomUUID() },
        },
        { status: error.status },
      );
    }
  }
  return {
    values: form,
    errors: {} as Record<string, string>,
    estimate: { ...estimate, who: `${who.firstName} ${who.lastName}`, key: randomUUID() },
  };
}

const groups = ["dentaire", "optique", "audiologie"] as const;

export default function QuoteEstimate({ loaderData, actionData }: Route.ComponentProps) {
  const values: Record<string, string> = actionData?.values ?? {};
  const errors: Record<string, string> = actionData?.errors ?? {};
  const estimate = actionData?.estimate ?? null;
  return (
    <div className="quote">
      <h1>Estimer un devis</h1>
      <p className="lead">
        Dentiste, opticien, audioprothésiste : avant les soins, sachez ce qui restera à votre charge.
      </p>
      {errors.form ? (
        <div className="alert alert--error" role="alert">
          {errors.form}
        </div>
      ) : null}
      <Form method="post" className="card" noValidate>
        <div className={errors.beneficiaryId ? "field field--error" : "field"}>
          <label htmlFor="beneficiaryId">Pour qui ?</label>
          {errors.beneficiaryId ? (
            <p className="field__error" id="beneficiaryId-erreur">
              {errors.beneficiaryId}
            </p>
          ) : null}
          <select
            id="beneficiaryId"
            name="beneficiaryId"
            defaultValue={values.beneficiaryId ?? ""}
            aria-describedby={errors.beneficiaryId ? "beneficiaryId-erreur" : undefined}
          >
            <option value="">Choisissez…</option>
            {loaderData.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {Array.from({ length: quoteLineSlots }, (_, i) => (
          <fieldset key={i} className="quote-line">
            <legend>
              Ligne {i + 1} du devis{i > 0 ? " (facultative)" : ""}
            </legend>
            {(["acte", "prix", "base", "quantite"] as const).map((f) =>
              errors[`${f}${i}`] ? (
                <p key={f} className="field__error" id={`${f}${i}-erreur`}>
                  {errors[`${f}${i}`]}
                </p>
              ) : null,
            )}
            <div className="quote-line__fields">
              <div className="field">
                <label htmlFor={`acte${i}`}>Acte</label>
                <select
                  id={`acte${i}`}
                  name={`acte${i}`}
                  defaultValue={values[`acte${i}`] ?? ""}
                  aria-invalid={errors[`acte${i}`] ? true : undefined}
                  aria-describedby={errors[`acte${i}`] ? `acte${i}-erreur` : undefined}
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
                <label htmlFor={`prix${i}`}>Prix (€)</label>
                <input
                  id={`prix${i}`}
                  name={`prix${i}`}
                  inputMode="decimal"
                  defaultValue={values[`prix${i}`] ?? ""}
                  aria-invalid={errors[`prix${i}`] ? true : undefined}
                  aria-describedby={errors[`prix${i}`] ? `prix${i}-erreur` : undefined}
                />
              </div>
              <div className="field">
                <label htmlFor={`base${i}`}>Base de remboursement (€)</label>
                <input
                  id={`base${i}`}
                  name={`base${i}`}
                  inputMode="decimal"
                  defaultValue={values[`base${i}`] ?? ""}
                  aria-invalid={errors[`base${i}`] ? true : undefined}
                  aria-describedby={errors[`base${i}`] ? `base${i}-erreur` : undefined}
                />
              </div>
              <div className="field">
                <label htmlFor={`quantite${i}`}>Quantité</label>
                <input
                  id={`quantite${i}`}
                  name={`quantite${i}`}
                  inputMode="numeric"
                  defaultValue={values[`quantite${i}`] ?? "1"}
                  aria-invalid={errors[`quantite${i}`] ? true : undefined}
                  aria-describedby={errors[`quantite${i}`] ? `quantite${i}-erreur` : undefined}
                />
              </div>
            </div>
          </fieldset>
        ))}
        <button type="submit" className="button button--primary">
          Estimer mon reste à charge
        </button>
      </Form>

      {estimate ? (
        <section className="card table-card" aria-labelledby="estimation" aria-live="polite">
          <h2 id="estimation">Estimation pour {estimate.who}</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Estimation ligne par ligne</caption>
              <thead>
                <tr>
                  <th scope="col">Acte</th>
                  <th scope="col">Prix</th>
                  <th scope="col">Sécurité sociale</th>
                  <th scope="col">Mutuelle</th>
                  <th scope="col">Reste à charge</th>
                </tr>
              </thead>
              <tbody>
                {estimate.lines.map((l, i) => (
                  <tr key={i}>
                    <th scope="row">
                      {l.label}
                      {l.quantity > 1 ? ` × ${l.quantity}` : ""}
                      {l.alternative ? (
                        <span className="quote-alternative">
                          Équivalent 100 % Santé ({l.alternative.label}) : reste à charge <Money cents={0} />
                        </span>
                      ) : null}
                    </th>
                    <td>
                      <Money cents={l.chargedCents} />
                    </td>
                    <td>
                      <Money cents={l.amoCents} />
                    </td>
                    <td>
                      <Money cents={l.amcCents} />
                    </td>
                    <td>
                      <Money cents={l.remainingCents} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td>
                    <Money cents={estimate.totals.chargedCents} />
                  </td>
                  <td>
                    <Money cents={estimate.totals.amoCents} />
                  </td>
                  <td>
                    <Money cents={estimate.totals.amcCents} />
                  </td>
                  <td>
                    <Money cents={estimate.totals.remainingCents} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <details>
            <summary>Le détail du calcul</summary>
            {estimate.lines.map((l, i) => (
              <div key={i}>
                <h3>{l.label}</h3>
                <ol className="explanation">
                  {l.steps.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ol>
              </div>
            ))}
          </details>
          <p className="muted">
            Estimation indicative, selon votre garantie et vos remboursements à ce jour ; la Sécurité sociale est
            comptée à 60 % de la base de remboursement.
          </p>
          <Form method="post" encType="multipart/form-data" className="quote-send">
            <h3>Obtenir une réponse confirmée de votre mutuelle</h3>
            {errors.send ? (
              <p className="field__error" role="alert">
                {errors.send}
              </p>
            ) : null}
            {Object.entries(values)
              .filter(([k]) => /^(beneficiaryId|acte\d|prix\d|base\d|quantite\d)$/.test(k))
              .map(([k, v]) => (
                <input key={k} type="hidden" name={k} value={v} />
              ))}
            <input type="hidden" name="key" value={estimate.key} />
            <div className="field">
              <label htmlFor="devis-fichier">Le devis (PDF ou photo)</label>
              <input id="devis-fichier" name="fichiers" type="file" accept="application/pdf,image/jpeg,image/png" />
            </div>
            <button type="submit" className="button button--primary">
              Envoyer ce devis à ma mutuelle
            </button>
          </Form>
        </section>
      ) : null}
      <HelpLinks articles={loaderData.help} />
    </div>
  );
}
