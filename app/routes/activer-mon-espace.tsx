// "Activer mon espace": a beneficiary aged 16+ asks for their own access (the member confirms), or, from the
// link they received, proves who they are (birth date, code) and chooses a password.
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { AccessibilityMention } from "../components/accessibility-mention.tsx";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { passwordLengths } from "../modules/accounts/password-lengths.ts";
import { activateOwnAccess, requestOwnAccess } from "../modules/households/own-access.server.ts";
import { activationSchema, ownAccessRequestSchema } from "../modules/households/own-access-form.ts";
import type { Route } from "./+types/activer-mon-espace";
import { formValues, parseForm } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Activer mon espace – Espace adhérent" }];

export function loader({ request }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  return { token: (params.get("jeton") ?? "").slice(0, 200), asked: params.has("demande-envoyee") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  const ip = context.get(requestContext).ip;
  const form = formValues(await request.formData(), 1000);
  const values = { ...form, password: "", confirmPassword: "" };
  if (form.intent === "activate") {
    const parsed = parseForm(activationSchema, form);
    if (!parsed.ok) return actionFailure(400, { fieldErrors: parsed.fieldErrors, values });
    try {
      await activateOwnAccess(services, parsed.data, ip);
    } catch (error) {
      return appErrorAnswer(error, (refusal) =>
        actionResult({ fieldErrors: { [refusal.code]: refusal.message }, values }),
      );
    }
    return redirect("/connexion?espace-active=1");
  }
  const parsed = parseForm(ownAccessRequestSchema, form);
  if (!parsed.ok) return actionFailure(400, { fieldErrors: parsed.fieldErrors, values });
  if (await services.signInLimiter.consumeResetRequest(ip, `own-access:${parsed.data.memberNumber}`)) {
    return actionFailure(429, {
      formError: "Trop de demandes. Par sécurité, réessayez dans quelques minutes.",
      values,
    });
  }
  await requestOwnAccess(services, parsed.data, ip);
  return redirect("/activer-mon-espace?demande-envoyee");
}

export default function ActivateOwnSpace({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const formError = actionData?.formError ?? errors.form ?? errors.token;
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  // After a refused activation the form comes back from the action, whose address carries no token.
  const token = d.token || (values.intent === "activate" ? (values.token ?? "") : "");
  return (
    <>
      <main id="contenu" className="page sign-in__card forgotten">
        <h1>Activer mon espace</h1>
        {formError ? (
          <div className="alert alert--error" role="alert">
            {formError}
          </div>
        ) : null}
        {d.asked ? (
          <div className="alert alert--success" role="status">
            Votre demande est enregistrée. Si elle correspond à une personne couverte de 16 ans ou plus, l'adhérent du
            contrat (ou votre mutuelle) la confirmera, et vous recevrez par e-mail un lien et un code pour activer votre
            espace.
          </div>
        ) : token ? (
          <>
            <p>Confirmez votre identité, puis choisissez votre mot de passe.</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="activate" />
              <input type="hidden" name="token" value={token} />
              <FormField
                name="birthDate"
                type="date"
                label="Votre date de naissance"
                defaultValue={values.birthDate}
                error={errors.birthDate}
                required
              />
              <FormField
                name="code"
                label="Le code reçu par e-mail"
                hint="6 chiffres"
                inputMode="numeric"
                autoComplete="one-time-code"
                defaultValue={values.code}
                error={errors.code}
                required
              />
              <FormField
                name="password"
                type="password"
                label="Mot de passe"
                hint={`Au moins ${passwordLengths.member} caractères ; les mots de passe trop connus sont refusés.`}
                autoComplete="new-password"
                error={errors.password}
                required
              />
              <FormField
                name="confirmPassword"
                type="password"
                label="Mot de passe, une seconde fois"
                autoComplete="new-password"
                error={errors.confirmPassword}
                required
              />
              <button type="submit" className="button button--primary button--wide">
                Activer mon espace
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>
              Vous êtes couvert par le contrat d'un proche et avez 16 ans ou plus ? Demandez votre propre accès : vous y
              verrez vos remboursements, vos démarches et votre carte, et vous seul.
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="request" />
              <FormField
                name="memberNumber"
                label="Numéro d'adhérent du contrat"
                hint="Il figure sur la carte de tiers payant."
                inputMode="numeric"
                defaultValue={values.memberNumber}
                error={errors.memberNumber}
                required
              />
              <FormField
                name="firstName"
                label="Votre prénom"
                autoComplete="given-name"
                defaultValue={values.firstName}
                error={errors.firstName}
                required
              />
              <FormField
                name="birthDate"
                type="date"
                label="Votre date de naissance"
                defaultValue={values.birthDate}
                error={errors.birthDate}
                required
              />
              <FormField
                name="email"
                type="email"
                label="Votre adresse e-mail"
                autoComplete="email"
                defaultValue={values.email}
                error={errors.email}
                required
              />
              <button type="submit" className="button button--primary button--wide">
                Demander mon accès
              </button>
            </Form>
          </>
        )}
        <p className="sign-in__help">
          <a href="/connexion">Retour à la connexion</a>
        </p>
      </main>
      <footer className="sign-in__footer">
        <AccessibilityMention />
      </footer>
    </>
  );
}
