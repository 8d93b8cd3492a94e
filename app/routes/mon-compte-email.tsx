import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireFreshStepUp, requireMember } from "../guards.server.ts";
import { emailSchema } from "../modules/accounts/contact-form.ts";
import { getContactDetails, requestEmailChange } from "../modules/accounts/contact.server.ts";
import type { Route } from "./+types/mon-compte-email";
import { parseForm, textField } from "../modules/forms/form-data.ts";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Changer mon adresse e-mail – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  await requireFreshStepUp(args, viewer);
  const { email } = await getContactDetails(args.context.get(servicesContext).db, viewer);
  return { email };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  await requireFreshStepUp(args, viewer);
  const form = await args.request.formData();
  const typed = textField(form, "email", 300);
  const parsed = parseForm(emailSchema, { email: typed });
  if (!parsed.ok)
    return actionFailure(400, {
      fieldErrors: { email: parsed.fieldErrors.email ?? "Adresse e-mail invalide." },
      values: { email: typed },
    });
  try {
    await requestEmailChange(
      args.context.get(servicesContext),
      viewer,
      parsed.data.email,
      args.context.get(requestContext).ip,
    );
  } catch (error) {
    return appErrorAnswer(error, (refusal) =>
      actionResult({ fieldErrors: { email: refusal.message }, values: { email: typed } }),
    );
  }
  return redirect("/mon-compte?email-demande");
}

export default function ChangeEmail({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="account narrow">
      <h1>Changer mon adresse e-mail</h1>
      <p>
        Adresse actuelle : <strong>{loaderData.email}</strong>
      </p>
      <p>
        Nous enverrons un lien à la nouvelle adresse : le changement prendra effet quand vous l'aurez ouvert (dans les
        24 heures). Votre adresse actuelle sera prévenue.
      </p>
      <Form method="post" noValidate className="form-card">
        <ErrorSummary errors={{ email: actionData?.fieldErrors.email }} />
        <FormField
          name="email"
          type="email"
          label="Nouvelle adresse e-mail"
          autoComplete="email"
          defaultValue={actionData?.values.email ?? ""}
          error={actionData?.fieldErrors.email}
          required
        />
        <button type="submit" className="button button--primary">
          Recevoir le lien de confirmation
        </button>
      </Form>
      <p>
        <a href="/mon-compte">← Retour à mon compte</a>
      </p>
    </div>
  );
}
