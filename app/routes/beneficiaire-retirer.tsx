import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { removeBeneficiarySchema } from "../modules/households/beneficiary-form.ts";
import { findRemovablePerson, requestBeneficiaryRemoval } from "../modules/households/beneficiary-requests.server.ts";
import type { Route } from "./+types/beneficiaire-retirer";
import { parseForm, textField } from "../modules/forms/form-data.ts";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Retirer un bénéficiaire – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db, clock } = args.context.get(servicesContext);
  const who = await findRemovablePerson(db, viewer, args.params.personId);
  if (!who) notFound();
  return { who, today: clock.today() };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  const { db, clock } = args.context.get(servicesContext);
  const who = await findRemovablePerson(db, viewer, args.params.personId);
  if (!who) notFound();
  const form = await args.request.formData();
  const endDate = textField(form, "endDate", 20);
  const parsed = parseForm(removeBeneficiarySchema(clock.today()), { endDate });
  if (!parsed.ok) return actionFailure(400, { fieldErrors: parsed.fieldErrors, values: { endDate } });
  try {
    await args.context.get(servicesContext).householdLimiter.consume("request", viewer);
  } catch (error) {
    return appErrorAnswer(error, (refusal) =>
      actionResult({ fieldErrors: { endDate: refusal.message }, values: { endDate } }),
    );
  }
  const reference = await requestBeneficiaryRemoval(
    db,
    viewer,
    who.id,
    parsed.data.endDate,
    args.context.get(requestContext).ip,
    args.context.get(servicesContext).clock.today(),
  );
  return redirect(`/ma-mutuelle/beneficiaires?demande=${reference}`);
}

export default function RemoveBeneficiary({ loaderData: { who, today }, actionData }: Route.ComponentProps) {
  return (
    <div className="account narrow">
      <p>
        <a href="/ma-mutuelle/beneficiaires">← Mes bénéficiaires</a>
      </p>
      <h1>
        Retirer {who.firstName} {who.lastName}
      </h1>
      <p>
        La couverture de {who.firstName} prendra fin après la date choisie. Les soins reçus jusque-là restent
        remboursés. Votre mutuelle vérifie la demande et vous répond dans Mes démarches.
      </p>
      <Form method="post" noValidate className="form-card">
        <ErrorSummary errors={{ endDate: actionData?.fieldErrors.endDate }} />
        <FormField
          name="endDate"
          type="date"
          label="Dernier jour de couverture"
          min={today}
          defaultValue={actionData?.values.endDate ?? ""}
          error={actionData?.fieldErrors.endDate}
          required
        />
        <button type="submit" className="button button--primary">
          Demander le retrait
        </button>
      </Form>
    </div>
  );
}
