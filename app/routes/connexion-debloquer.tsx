// The link mailed when an account reached the hard ceiling of failed sign-ins: the GET only shows a button
// (mail scanners open links), the POST unlocks. No session needed; the token decides.
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { AccessibilityMention } from "../components/accessibility-mention.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { unlockWithToken } from "../modules/accounts/account-lock.server.ts";
import { textField } from "../modules/forms/form-data.ts";
import type { Route } from "./+types/connexion-debloquer";

export const meta: Route.MetaFunction = () => [{ title: "Débloquer mon compte – Espace adhérent" }];

export function loader({ request }: Route.LoaderArgs) {
  return { token: (new URL(request.url).searchParams.get("jeton") ?? "").slice(0, 200) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  const form = await request.formData();
  try {
    await unlockWithToken(
      { db: services.db, limiter: services.signInLimiter },
      textField(form, "jeton").slice(0, 200),
      context.get(requestContext).ip,
    );
  } catch (error) {
    return appErrorAnswer(error, (refusal) => ({ error: refusal.message }));
  }
  return redirect("/connexion?debloque=1");
}

export default function Unlock({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <main id="contenu" className="page sign-in__card forgotten">
        <h1>Débloquer mon compte</h1>
        {actionData?.error ? (
          <div className="alert alert--error" role="alert">
            {actionData.error} <a href="/connexion">Se connecter</a>
          </div>
        ) : (
          <p>
            Après de trop nombreuses tentatives de connexion, les connexions à votre compte ont été suspendues.
            Confirmez pour les rétablir, puis connectez-vous avec votre mot de passe.
          </p>
        )}
        <Form method="post">
          <input type="hidden" name="jeton" value={loaderData.token} />
          <button type="submit" className="button button--primary button--wide">
            Débloquer mon compte
          </button>
        </Form>
      </main>
      <footer className="sign-in__footer">
        <AccessibilityMention />
      </footer>
    </>
  );
}
