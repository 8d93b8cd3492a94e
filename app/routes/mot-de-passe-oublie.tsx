import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form } from "react-router";
import { AccessibilityMention } from "../components/accessibility-mention.tsx";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requestPasswordReset } from "../modules/accounts/password-reset.server.ts";
import type { Route } from "./+types/mot-de-passe-oublie";
import { textField } from "../modules/forms/form-data.ts";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Mot de passe oublié – Espace adhérent" }];

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const identifier = textField(form, "identifier").trim();
  if (!identifier)
    return actionFailure(400, {
      fieldErrors: { identifier: "Saisissez votre numéro d'adhérent ou votre adresse e-mail." },
    });
  try {
    await requestPasswordReset(context.get(servicesContext), identifier, context.get(requestContext).ip);
  } catch (error) {
    return appErrorAnswer(error, (refusal) => actionResult({ fieldErrors: { identifier: refusal.message } }));
  }
  // The same answer whether or not the account exists.
  return actionResult({
    notice:
      "Si ce compte existe, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien est valable 30 minutes.",
  });
}

export default function ForgottenPassword({ actionData }: Route.ComponentProps) {
  return (
    <>
      <main id="contenu" className="page sign-in__card forgotten">
        <h1>Mot de passe oublié</h1>
        {actionData?.notice ? (
          <div className="alert alert--info" role="status">
            {actionData.notice}
          </div>
        ) : (
          <Form method="post" noValidate>
            <ErrorSummary errors={{ identifier: actionData?.fieldErrors.identifier }} />
            <FormField
              name="identifier"
              label="Numéro d'adhérent ou adresse e-mail"
              autoComplete="username"
              error={actionData?.fieldErrors.identifier}
              required
            />
            <button type="submit" className="button button--primary button--wide">
              Recevoir un lien par e-mail
            </button>
          </Form>
        )}
        <p>
          <a href="/connexion">← Retour à la connexion</a>
        </p>
      </main>
      <footer className="sign-in__footer">
        <AccessibilityMention />
      </footer>
    </>
  );
}
