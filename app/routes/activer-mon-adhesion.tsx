// The page a new member reaches from the welcome e-mail of an accepted adhesion: they choose their first
// password. The link is a single-use reset link of their new login (adhesion-review.server.ts), valid
// activationLinkDays; once it is used or expired, "Mot de passe oublié" sends another (30 minutes).
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { redirect } from "react-router";
import { ChoosePasswordForm } from "../components/choose-password-form.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { passwordLengths } from "../modules/accounts/password-lengths.ts";
import { resetPassword } from "../modules/accounts/password-reset.server.ts";
import { activationLinkDays } from "../modules/offer/adhesion-review.server.ts";
import { textField } from "../modules/forms/form-data.ts";
import type { Route } from "./+types/activer-mon-adhesion";

export const meta: Route.MetaFunction = () => [{ title: "Activer votre espace adhérent – Espace adhérent" }];

export function loader({ request }: Route.LoaderArgs) {
  return {
    token: (new URL(request.url).searchParams.get("jeton") ?? "").slice(0, 200),
    days: activationLinkDays,
  };
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
    return appErrorAnswer(error, (refusal) => ({
      field: refusal.code,
      // The reset page's message speaks of its own 30 minutes: an activation link has its own lifetime.
      error:
        refusal.code === "token"
          ? `Ce lien d'activation n'est plus valable : il sert une seule fois, pendant ${activationLinkDays} jours après l'acceptation de votre adhésion.`
          : refusal.message,
    }));
  }
  return redirect("/connexion?espace-active=1");
}

export default function ActivateAdhesion({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <ChoosePasswordForm
      title="Activer votre espace adhérent"
      intro={
        <p>
          Votre adhésion est acceptée. Choisissez le mot de passe de votre espace : vous vous connecterez ensuite avec
          votre numéro d'adhérent ou votre adresse e-mail. Le lien reçu par e-mail est valable {loaderData.days} jours
          et ne sert qu'une fois.
        </p>
      }
      token={loaderData.token}
      minLength={passwordLengths.member}
      passwordLabel="Votre mot de passe"
      refusal={actionData}
      tokenHelp={
        <>
          Choisissez votre mot de passe depuis <a href="/mot-de-passe-oublie">Mot de passe oublié</a>, avec votre numéro
          d'adhérent ou votre adresse e-mail : un nouveau lien vous sera envoyé.
        </>
      }
      submitLabel="Activer mon espace"
    />
  );
}
