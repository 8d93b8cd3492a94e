import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireFreshStepUp, requireMember } from "../guards.server.ts";
import { changePassword, PasswordChangeError } from "../modules/accounts/change-password.server.ts";
import { passwordLengths } from "../modules/accounts/password-lengths.ts";
import type { Route } from "./+types/mon-compte-mot-de-passe";
import { redirectWithCookies } from "../modules/accounts/cookies.ts";
import { textField } from "../modules/forms/form-data.ts";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Changer mon mot de passe – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  await requireFreshStepUp(args, viewer);
  return null;
}

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  await requireFreshStepUp(args, viewer);
  const form = await args.request.formData();
  const field = (name: string) => textField(form, name, 200);
  try {
    const cookies = await changePassword(
      args.context.get(servicesContext),
      viewer,
      {
        currentPassword: field("currentPassword"),
        newPassword: field("newPassword"),
        confirmPassword: field("confirmPassword"),
      },
      { requestHeaders: args.request.headers, ip: args.context.get(requestContext).ip },
    );
    return redirectWithCookies("/mon-compte?mot-de-passe-modifie", cookies);
  } catch (error) {
    if (error instanceof PasswordChangeError)
      return actionFailure(400, { fieldErrors: error.fieldErrors, formError: error.message });
    return appErrorAnswer(error, (refusal) => actionResult({ formError: refusal.message }));
  }
}

export default function ChangePassword({ actionData }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  return (
    <div className="account narrow">
      <h1>Changer mon mot de passe</h1>
      <ErrorSummary errors={{ form: actionData?.formError ?? undefined, ...errors }} />
      <Form method="post" noValidate className="form-card">
        <FormField
          name="currentPassword"
          type="password"
          label="Mot de passe actuel"
          autoComplete="current-password"
          error={errors.currentPassword}
          required
        />
        <FormField
          name="newPassword"
          type="password"
          label="Nouveau mot de passe"
          hint={`Au moins ${passwordLengths.member} caractères. Une phrase facile à retenir convient très bien ; les mots de passe trop connus sont refusés.`}
          autoComplete="new-password"
          error={errors.newPassword}
          required
        />
        <FormField
          name="confirmPassword"
          type="password"
          label="Nouveau mot de passe, une seconde fois"
          autoComplete="new-password"
          error={errors.confirmPassword}
          required
        />
        <button type="submit" className="button button--primary">
          Changer mon mot de passe
        </button>
      </Form>
      <p className="muted">Vos autres appareils seront déconnectés et un e-mail vous confirmera le changement.</p>
      <p>
        <a href="/mon-compte">← Retour à mon compte</a>
      </p>
    </div>
  );
}
