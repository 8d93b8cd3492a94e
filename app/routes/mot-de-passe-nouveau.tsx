import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { redirect } from "react-router";
import { ChoosePasswordForm } from "../components/choose-password-form.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { passwordLengths } from "../modules/accounts/password-lengths.ts";
import { resetPassword } from "../modules/accounts/password-reset.server.ts";
import type { Route } from "./+types/mot-de-passe-nouveau";
import { textField } from "../modules/forms/form-data.ts";

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
  return (
    <ChoosePasswordForm
      title="Choisir un nouveau mot de passe"
      token={loaderData.token}
      minLength={passwordLengths.member}
      passwordLabel="Nouveau mot de passe"
      refusal={actionData}
      tokenHelp={<a href="/mot-de-passe-oublie">Demander un nouveau lien</a>}
      submitLabel="Enregistrer"
    />
  );
}
