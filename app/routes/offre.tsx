import { Form } from "react-router";
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { FormField } from "../components/form-field.tsx";
import { FieldError, fieldErrorProps } from "../components/error-summary.tsx";
import { OfferExplanations, OfferLevels } from "../components/offer-levels.tsx";
import { servicesContext } from "../context.ts";
import { getViewer } from "../guards.server.ts";
import { insuredRoleLabels } from "../modules/offer/model.ts";
import { firstOfNextMonth, PricingError } from "../modules/offer/pricing.ts";
import { type LevelQuote, quoteLevels } from "../modules/offer/quote.ts";
import { maxPeople, parseQuote, quoteFields, type QuoteValues, readQuoteValues } from "../modules/offer/quote-form.ts";
import { formatDate } from "../modules/shared/format.ts";
import { getMemberOffer } from "../modules/offer/member-offer.server.ts";
import { journeyStepLabels } from "../modules/offer/journey-steps.ts";
import { unfinishedJourneyOf } from "../modules/offer/journey-resume.server.ts";
import { UnfinishedJourney } from "../components/unfinished-journey.tsx";
import { MemberOffer } from "../components/member-offer.tsx";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/offre";
import { formValues } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.member ? "Mon offre et les autres niveaux" : "Obtenir un tarif"} – Espace adhérent` },
];

const emptyValues: QuoteValues = { postalCode: "", wanted: "", rows: [{ role: "subscriber", birthDate: "" }] };

// Public: a prospect gets a price without an account. A signed-in member sees their own household priced.
export async function loader(args: Route.LoaderArgs) {
  const services = args.context.get(servicesContext);
  const viewer = await getViewer(args);
  const levels = services.tariffs.map((t) => ({ id: t.level, label: t.label }));
  const startDate = firstOfNextMonth(services.clock.today());
  const member = viewer?.kind === "member" ? await getMemberOffer(services, viewer) : null;
  // "Démarche commerciale à finaliser" under Offre & devis too, as on the dashboard.
  const unfinished =
    viewer?.kind === "member" && (viewer.relation ?? "holder") === "holder"
      ? await unfinishedJourneyOf(services.db, viewer)
      : null;
  return {
    levels,
    startDate,
    member,
    // "Besoin d'aide ?" on the member's own offer (a prospect's quote page has its explanations).
    help: member ? await helpForPage(services.db, "offre") : [],
    demande: new URL(args.request.url).searchParams.get("demande"),
    journey: unfinished
      ? { startedOn: services.clock.dateOf(unfinished.createdAt), stepLabel: journeyStepLabels[unfinished.step] }
      : null,
  };
}

export async function action(args: Route.ActionArgs) {
  const services = args.context.get(servicesContext);
  const form = formValues(await args.request.formData(), 100);
  const values = readQuoteValues(form);
  const intent = form.intent ?? "quote";
  // The page's own extra: the prices, and the field that takes focus when the page comes back without JavaScript.
  const extra = (quotes: LevelQuote[] | null, focus: string | null) => ({ quotes, focus });
  if (intent === "add_person") {
    if (values.rows.length < maxPeople) values.rows.push({ role: "child", birthDate: "" });
    return actionResult({ values: quoteFields(values) }, extra(null, `birth_${values.rows.length - 1}`));
  }
  const removed = /^remove_(\d+)$/.exec(intent);
  if (removed) {
    const index = Number(removed[1]);
    if (index > 0 && index < values.rows.length) values.rows.splice(index, 1);
    return actionResult({ values: quoteFields(values) }, extra(null, "ajouter"));
  }
  const levels = services.tariffs.map((t) => t.level);
  const today = services.clock.today();
  const parsed = parseQuote(values, today, levels);
  if (!parsed.ok)
    return actionFailure(400, { fieldErrors: parsed.errors, values: quoteFields(values) }, extra(null, null));
  try {
    const quotes = quoteLevels(services.tariffs, services.guarantees, {
      postalCode: parsed.postalCode,
      date: firstOfNextMonth(today),
      people: parsed.people,
    });
    return actionResult({ values: quoteFields(values) }, extra(quotes, "tarifs"));
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    return actionFailure(422, { formError: error.message, values: quoteFields(values) }, extra(null, null));
  }
}

export default function Offer({ loaderData: d, actionData }: Route.ComponentProps) {
  if (d.member)
    return (
      <>
        <MemberOffer offer={d.member} demande={d.demande} />
        {d.journey ? <UnfinishedJourney journey={d.journey} /> : null}
        <HelpLinks articles={d.help} />
      </>
    );
  const values = actionData ? readQuoteValues(actionData.values) : emptyValues;
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const errorCount = Object.keys(errors).length;
  const formError = actionData?.formError;
  return (
    <div className="offer">
      <h1>Obtenir un tarif</h1>
      <p className="lead">
        Votre tarif en une minute, sans créer de compte : indiquez votre code postal et la date de naissance de chaque
        personne à couvrir. Les prix sont ceux d'une adhésion au {formatDate(d.startDate)}.
      </p>
      {formError || errorCount > 0 ? (
        <div className="alert alert--error" role="alert">
          {formError ?? (errorCount === 1 ? "Un champ est à corriger." : `${errorCount} champs sont à corriger.`)}
        </div>
      ) : null}
      <Form method="post" noValidate className="form-card" aria-label="Obtenir un tarif">
        {/* Enter in a field asks for the prices, not for adding or removing a person. */}
        <button type="submit" name="intent" value="quote" hidden tabIndex={-1} aria-hidden="true" />
        <input type="hidden" name="count" value={values.rows.length} />
        <FormField
          name="postalCode"
          label="Code postal"
          hint="Le tarif dépend du département. Par exemple 69003."
          inputMode="numeric"
          autoComplete="postal-code"
          defaultValue={values.postalCode}
          error={errors.postalCode}
          // oxlint-disable-next-line jsx-a11y/no-autofocus -- without JavaScript the page comes back after each button: focus returns to the field the member was on or the one in error
          autoFocus={actionData?.focus === null && Boolean(errors.postalCode)}
          required
        />
        <fieldset>
          <legend>Les personnes à couvrir</legend>
          {values.rows.map((row, i) => (
            <div key={`${i}-${values.rows.length}`} className="offer-person">
              {i === 0 ? (
                <p>
                  <strong>Vous (adhérent)</strong>
                </p>
              ) : (
                <div className={errors[`role_${i}`] ? "field field--error" : "field"}>
                  <label htmlFor={`role_${i}`}>Personne {i + 1} : lien avec vous</label>
                  <FieldError id={`role_${i}`} error={errors[`role_${i}`]} />
                  <select
                    id={`role_${i}`}
                    name={`role_${i}`}
                    defaultValue={row.role}
                    {...fieldErrorProps(`role_${i}`, errors[`role_${i}`])}
                  >
                    {(["spouse", "child", "other"] as const).map((role) => (
                      <option key={role} value={role}>
                        {insuredRoleLabels[role]}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <FormField
                name={`birth_${i}`}
                label={i === 0 ? "Votre date de naissance" : `Personne ${i + 1} : date de naissance`}
                hint="Au format JJ/MM/AAAA, par exemple 25/08/1984."
                inputMode="numeric"
                autoComplete={i === 0 ? "bday" : "off"}
                defaultValue={row.birthDate}
                error={errors[`birth_${i}`]}
                // oxlint-disable-next-line jsx-a11y/no-autofocus -- without JavaScript the page comes back after each button: focus returns to the field the member was on or the one in error
                autoFocus={actionData?.focus === `birth_${i}`}
                required
              />
              {i > 0 ? (
                <button type="submit" name="intent" value={`remove_${i}`} className="button button--quiet">
                  Retirer la personne {i + 1}
                </button>
              ) : null}
            </div>
          ))}
          {values.rows.length < maxPeople ? (
            <button
              type="submit"
              name="intent"
              value="add_person"
              id="ajouter"
              className="button"
              // oxlint-disable-next-line jsx-a11y/no-autofocus -- without JavaScript the page comes back after each button: focus returns to the field the member was on or the one in error
              autoFocus={actionData?.focus === "ajouter"}
            >
              Ajouter une personne
            </button>
          ) : (
            <p className="hint">
              Un tarif en ligne couvre {maxPeople} personnes au plus : pour une famille plus nombreuse,{" "}
              <a href="/aide-contact">contactez votre mutuelle</a>, qui vous fera un devis.
            </p>
          )}
        </fieldset>
        <div className={errors.wanted ? "field field--error" : "field"}>
          <label htmlFor="wanted">Niveau qui vous intéresse (facultatif)</label>
          <FieldError id="wanted" error={errors.wanted} />
          <select id="wanted" name="wanted" defaultValue={values.wanted} {...fieldErrorProps("wanted", errors.wanted)}>
            <option value="">Pas de préférence</option>
            {d.levels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="intent" value="quote" className="button button--primary">
          Voir les tarifs
        </button>
      </Form>
      {actionData?.quotes ? (
        <section aria-labelledby="tarifs" className="offer-result">
          <h2 id="tarifs" tabIndex={-1}>
            Vos tarifs mensuels
          </h2>
          <p>
            Cotisation par mois pour une adhésion au {formatDate(d.startDate)}, toutes personnes comprises. Âges
            atteints dans l'année.
          </p>
          <OfferLevels quotes={actionData.quotes} highlight={values.wanted || null} highlightLabel=" Votre choix" />
        </section>
      ) : null}
      <OfferExplanations />
      <p>
        <a className="button button--primary" href="/offre/adherer">
          Adhérer en ligne
        </a>
      </p>
      <p>
        Déjà adhérent ? <a href="/connexion?redirectTo=%2Foffre">Connectez-vous</a> pour comparer les niveaux avec votre
        propre tarif.
      </p>
    </div>
  );
}
