import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { data, Form, redirect } from "react-router";
import { requestContext, servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { previewLevelChange, requestLevelChange } from "../modules/offer/member-offer.server.ts";
import { formatDate, formatEuros } from "../modules/shared/format.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/offre-changer-de-niveau";
import { textField } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Changer de niveau de garantie – Espace adhérent" }];

const levelPattern = /^[a-z0-9-]{1,40}$/;

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const target = new URL(args.request.url).searchParams.get("niveau") ?? "";
  if (!levelPattern.test(target)) throw data({ message: "Niveau inconnu" }, { status: 404 });
  const services = args.context.get(servicesContext);
  const [preview, help] = await Promise.all([
    previewLevelChange(services, viewer, target),
    helpForPage(services.db, "changer-de-niveau"),
  ]);
  if (!preview.ok && preview.status === 404) throw data({ message: preview.message }, { status: 404 });
  return { target, preview, help };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  const services = args.context.get(servicesContext);
  const form = await args.request.formData();
  const target = textField(form, "niveau", 40);
  if (!levelPattern.test(target)) return actionFailure(400, { formError: "Choisissez un niveau." });
  try {
    await services.householdLimiter.consume("request", viewer);
    const reference = await requestLevelChange(services, viewer, target, args.context.get(requestContext).ip);
    return redirect(`/offre?demande=${reference}`);
  } catch (error) {
    return appErrorAnswer(error, (refusal) => actionResult({ formError: refusal.message }));
  }
}

export default function ChangeLevel({ loaderData: { target, preview, help }, actionData }: Route.ComponentProps) {
  return (
    <div className="account narrow">
      <p>
        <a href="/offre">← Mon offre et les autres niveaux</a>
      </p>
      <h1>Changer de niveau de garantie</h1>
      {actionData?.formError ? (
        <div className="alert alert--error" role="alert">
          {actionData.formError}
        </div>
      ) : null}
      {preview.ok ? (
        <>
          <dl className="detail-list card">
            <div>
              <dt>Niveau actuel</dt>
              <dd>{preview.fromLabel}</dd>
            </div>
            <div>
              <dt>Nouveau niveau</dt>
              <dd>{preview.details.toLabel}</dd>
            </div>
            <div>
              <dt>À partir du</dt>
              <dd>{formatDate(preview.details.effectiveDate)}</dd>
            </div>
            <div>
              <dt>Nouvelle cotisation mensuelle</dt>
              <dd>{formatEuros(preview.details.monthlyCents)}</dd>
            </div>
          </dl>
          <p>
            Votre mutuelle examine la demande et vous répond dans Mes démarches. Une fois acceptée, le nouveau tableau
            de garanties et la nouvelle cotisation s'appliquent à partir de la date ci-dessus ; votre échéancier suit.
          </p>
          <Form method="post" action={`/offre/changer-de-niveau?niveau=${target}`}>
            <input type="hidden" name="niveau" value={target} />
            <button type="submit" className="button button--primary">
              Demander le niveau {preview.details.toLabel}
            </button>
          </Form>
        </>
      ) : preview.message === actionData?.formError ? null : (
        // The refusal just given (e.g. a change already open) is said once, in the alert above.
        <p className="alert alert--info">{preview.message}</p>
      )}
      <HelpLinks articles={help} />
    </div>
  );
}
