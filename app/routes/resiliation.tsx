import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { requestContext, servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { previewTermination, requestTermination } from "../modules/offer/member-termination.server.ts";
import { terminationReasons } from "../modules/offer/termination.ts";
import { addYears } from "../modules/clock/calendar.ts";
import { formatDate, formatEuros, formatYears } from "../modules/shared/format.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/resiliation";
import { textField } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.done ? "Résiliation enregistrée" : "Résilier mon contrat"} – Espace adhérent` },
];

// Résiliation en trois clics (art. L221-10-3 code de la mutualité): "Résilier mon contrat" on Ma mutuelle,
// this summary, the confirmation button; then the acknowledgement here and by e-mail.
export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const services = args.context.get(servicesContext);
  const [summary, help] = await Promise.all([
    previewTermination(services, viewer),
    helpForPage(services.db, "resiliation"),
  ]);
  const done = new URL(args.request.url).searchParams.get("demande");
  // The space stays open FORMER_MEMBER_ACCESS_YEARS after the last covered day, that day included
  // (accounts/former-members.server.ts closes it the day after): said with its closing date, as on Ma mutuelle.
  const years = services.env.FORMER_MEMBER_ACCESS_YEARS;
  const lastDay = summary.pending?.lastCoveredDay ?? summary.coverageEnd ?? summary.dates.lastCoveredDay;
  return {
    summary,
    done: done && summary.pending?.reference === done ? done : null,
    access: { years: formatYears(years), until: addYears(lastDay, years) },
    help,
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  const services = args.context.get(servicesContext);
  const form = await args.request.formData();
  const reasonText = textField(form, "reason", 20);
  if (reasonText !== "" && !Object.hasOwn(terminationReasons, reasonText))
    return actionFailure(400, { formError: "Choisissez une raison dans la liste, ou aucune." });
  try {
    await services.householdLimiter.consume("request", viewer);
    const reference = await requestTermination(
      services,
      viewer,
      reasonText === "" ? null : (reasonText as keyof typeof terminationReasons),
      args.context.get(requestContext).ip,
    );
    return redirect(`/ma-mutuelle/resiliation?demande=${reference}`);
  } catch (error) {
    return appErrorAnswer(error, (refusal) => actionResult({ formError: refusal.message }));
  }
}

export default function Termination({
  loaderData: { summary: s, done, access, help },
  actionData,
}: Route.ComponentProps) {
  const keptAccess = `pendant ${access.years}, jusqu'au ${formatDate(access.until)}`;
  if (s.pending)
    return (
      <div className="account narrow">
        <h1>{done ? "Résiliation enregistrée" : "Résiliation en cours"}</h1>
        <div className="alert alert--info" role="status">
          Nous avons reçu votre résiliation le {formatDate(s.pending.notifiedOn)} (référence {s.pending.reference}).
          Elle prend effet le {formatDate(s.pending.takesEffect)} : vous restez couverts jusqu'au{" "}
          {formatDate(s.pending.lastCoveredDay)} inclus. Un accusé de réception vous a été envoyé par e-mail.
        </div>
        <p>
          {`Vous gardez l'accès à votre espace adhérent et à vos documents ${keptAccess}.`} Suivez la démarche dans{" "}
          <a href="/demandes">Mes démarches</a>.
        </p>
        <HelpLinks articles={help} />
      </div>
    );
  return (
    <div className="account narrow">
      <p>
        <a href="/ma-mutuelle">← Ma mutuelle</a>
      </p>
      <h1>Résilier mon contrat</h1>
      {actionData?.formError ? (
        <div className="alert alert--error" role="alert">
          {actionData.formError}
        </div>
      ) : null}
      {s.coverageEnd ? (
        <p className="alert alert--info">
          {`Votre contrat prend fin le ${formatDate(s.coverageEnd)}. Vous gardez l'accès à votre espace adhérent et à ` +
            `vos documents ${keptAccess}.`}
        </p>
      ) : (
        <>
          <section className="card" aria-labelledby="ce-qui-prend-fin">
            <h2 id="ce-qui-prend-fin">Ce qui prend fin, et quand</h2>
            <ul>
              <li>
                Votre contrat santé n° {s.memberNumber} (niveau {s.levelLabel}) et la couverture de :{" "}
                {s.people.join(", ")}.
              </li>
              <li>
                <strong>Dernier jour couvert : {formatDate(s.dates.lastCoveredDay)}</strong> (la résiliation prend effet
                le {formatDate(s.dates.takesEffect)}
                {s.dates.firstYear
                  ? ", au premier anniversaire de votre contrat, qui a moins d'un an"
                  : ", un mois après sa réception"}
                ).
              </li>
              <li>
                Les prélèvements de la cotisation ({formatEuros(s.premiumMonthlyCents)} par mois) s'arrêtent
                {s.lastMonthCents !== null ? (
                  <>
                    {" "}
                    {`: celle du dernier mois est due en proportion des jours couverts (${s.lastMonthDays}), soit ` +
                      formatEuros(s.lastMonthCents)}
                  </>
                ) : null}
                . Ce qui a été payé pour une période après cette date vous est remboursé dans les 30 jours.
              </li>
              {s.openLevelChange ? (
                <li>
                  {`Votre demande de changement de niveau (référence ${s.openLevelChange}) sera close : votre niveau ` +
                    "ne change pas d'ici là."}
                </li>
              ) : null}
              {s.droppedLevelChange ? (
                <li>
                  Le passage au niveau {s.droppedLevelChange.toLabel} prévu le{" "}
                  {formatDate(s.droppedLevelChange.effectiveDate)} n'aura pas lieu.
                </li>
              ) : null}
              <li>La carte de tiers payant n'est plus valable après cette date.</li>
            </ul>
            <h2>Ce que vous gardez</h2>
            <ul>
              <li>Les soins reçus jusqu'au {formatDate(s.dates.lastCoveredDay)} restent remboursés.</li>
              <li>{`L'accès à votre espace adhérent, à vos remboursements et à vos documents ${keptAccess}.`}</li>
            </ul>
          </section>
          <Form method="post" className="form-card">
            <div className="field">
              <label htmlFor="reason">Pourquoi partez-vous ? (facultatif)</label>
              <select id="reason" name="reason" defaultValue="">
                <option value="">Je ne souhaite pas répondre</option>
                {Object.entries(terminationReasons).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <p>
              En confirmant, vous notifiez la résiliation à votre mutuelle aujourd'hui, le{" "}
              {formatDate(s.dates.notifiedOn)}. Vous recevez aussitôt un accusé de réception par e-mail.
            </p>
            <button type="submit" className="button button--danger">
              Confirmer la résiliation
            </button>
          </Form>
        </>
      )}
      <HelpLinks articles={help} />
    </div>
  );
}
