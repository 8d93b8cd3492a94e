import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { AccessibilityMention } from "../components/accessibility-mention.tsx";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { passwordLengths } from "../modules/accounts/password-lengths.ts";
import { resetPassword } from "../modules/accounts/password-reset.server.ts";
import type { Route } from "./+types/mot-de-passe-nouveau";
import { textField } from "../modules/forms/form-data.ts";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Nouveau mot de passe – Espace adhérent" }];

export function loader({ request }: Route.LoaderArgs) {
  return { token: (new URL(request.url).searchParams.get("jeton") ?? "").slice(0, 200) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const field = (name: string) => textField(form, name);
  try {
    await resetPassword(
      context.get(servicesContext),
      { token: field("jeton"), newPassword: field("newPassword"), confirmPassword: field("confirmPassword") },
      context.get(requestContext).ip,
    );
  } catch (error) {
    return appErrorAnswer(error, (refusal) => ({ field: refusal.code, error: refusal.message }));
  }
  return redirect("/connexion?mot-de-passe-change=1");
}

export default function NewPassword({ loaderData, actionData }: Route.ComponentProps) {
  const errorFor = (name: string) => (actionData?.field === name ? actionData.error : undefined);
  return (
    <>
      <main id="contenu" className="page sign-in__card forgotten">
        <h1>Choisir un nouveau mot de passe</h1>
        {actionData?.field === "token" ? (
          <div className="alert alert--error" role="alert">
            {actionData.error} <a href="/mot-de-passe-oublie">Demander un nouveau lien</a>
          </div>
        ) : null}
        <Form method="post" noValidate>
          <ErrorSummary
            errors={{ newPassword: errorFor("newPassword"), confirmPassword: errorFor("confirmPassword") }}
          />
          <input type="hidden" name="jeton" value={loaderData.token} />
          <FormField
            name="newPassword"
            type="password"
            label="Nouveau mot de passe"
            hint={`Au moins ${passwordLengths.member} caractères ; les mots de passe trop connus sont refusés.`}
            autoComplete="new-password"
            error={errorFor("newPassword")}
            required
          />
          <FormField
            name="confirmPassword"
            type="password"
            label="Nouveau mot de passe, une seconde fois"
            autoComplete="new-password"
            error={errorFor("confirmPassword")}
            required
          />
          <button type="submit" className="button button--primary button--wide">
            Enregistrer
          </button>
        </Form>
      </main>
      <footer className="sign-in__footer">
        <AccessibilityMention />
      </footer>
    </>
  );
}
