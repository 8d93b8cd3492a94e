// The carer's invitation link: they create their own login (the members' password policy). A second factor
// is asked before they can act for anyone.
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { AccessibilityMention } from "../components/accessibility-mention.tsx";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { passwordLengths } from "../modules/accounts/password-lengths.ts";
import { acceptCarerInvite } from "../modules/carers/carers.server.ts";
import type { Route } from "./+types/aidant-accepter";
import { textField } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Créer mon accès d'aidant – Espace adhérent" }];

export function loader({ request }: Route.LoaderArgs) {
  return { token: (new URL(request.url).searchParams.get("jeton") ?? "").slice(0, 200) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const field = (name: string) => textField(form, name, 1000);
  try {
    await acceptCarerInvite(
      context.get(servicesContext),
      { token: field("jeton"), password: field("password"), confirmPassword: field("confirmPassword") },
      context.get(requestContext).ip,
    );
  } catch (error) {
    return appErrorAnswer(error, (refusal) => ({ field: refusal.code, error: refusal.message }));
  }
  return redirect("/connexion?espace-active=1");
}

export default function AcceptCarer({ loaderData, actionData }: Route.ComponentProps) {
  const errorFor = (name: string) => (actionData?.field === name ? actionData.error : undefined);
  return (
    <>
      <main id="contenu" className="page sign-in__card forgotten">
        <h1>Créer mon accès d'aidant</h1>
        {actionData?.field === "token" ? (
          <div className="alert alert--error" role="alert">
            {actionData.error}
          </div>
        ) : null}
        <p>
          Choisissez votre mot de passe. Vous vous connecterez ensuite avec votre adresse e-mail, puis activerez la
          double authentification avant d'agir pour le compte de la personne aidée.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="jeton" value={loaderData.token} />
          <FormField
            name="password"
            type="password"
            label="Mot de passe"
            hint={`Au moins ${passwordLengths.member} caractères ; les mots de passe trop connus sont refusés.`}
            autoComplete="new-password"
            error={errorFor("password")}
            required
          />
          <FormField
            name="confirmPassword"
            type="password"
            label="Mot de passe, une seconde fois"
            autoComplete="new-password"
            error={errorFor("confirmPassword")}
            required
          />
          <button type="submit" className="button button--primary button--wide">
            Créer mon accès
          </button>
        </Form>
      </main>
      <footer className="sign-in__footer">
        <AccessibilityMention />
      </footer>
    </>
  );
}
