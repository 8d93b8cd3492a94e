import { Form } from "react-router";
import { requestContext, servicesContext } from "../context.ts";
import { cancelBankChangeByToken, type CancelOutcome } from "../modules/banking/settle.server.ts";
import type { Route } from "./+types/coordonnees-bancaires-annuler";
import { textField } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Annuler un changement de RIB – Espace adhérent" }];

// Opened from the alert e-mail, maybe by a member whose account was taken over: no sign-in, the link's token
// decides. GET only shows the button (mail scanners open links).
export function loader({ request }: Route.LoaderArgs) {
  return { token: (new URL(request.url).searchParams.get("jeton") ?? "").slice(0, 100) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const outcome = await cancelBankChangeByToken(
    context.get(servicesContext),
    textField(form, "jeton", 100),
    context.get(requestContext).ip,
  );
  return { outcome };
}

const messages: Record<CancelOutcome, string> = {
  cancelled:
    "Le changement de RIB est annulé : le compte précédent reste utilisé. Changez votre mot de passe et contactez votre mutuelle si vous n'étiez pas à l'origine de la demande.",
  "already-applied":
    "Ce changement est déjà appliqué : le délai de sécurité est passé. Contactez votre mutuelle sans attendre.",
  invalid: "Ce lien n'est pas valable, ou le changement a déjà été annulé. En cas de doute, contactez votre mutuelle.",
};

export default function CancelBankChange({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="account narrow">
      <h1>Annuler un changement de RIB</h1>
      {actionData ? (
        <div className={actionData.outcome === "cancelled" ? "alert alert--info" : "alert alert--error"} role="status">
          {messages[actionData.outcome]}
        </div>
      ) : (
        <>
          <p>Vous n'êtes pas à l'origine du changement de coordonnées bancaires annoncé par e-mail ? Annulez-le ici.</p>
          <Form method="post">
            <input type="hidden" name="jeton" value={loaderData.token} />
            <button type="submit" className="button button--primary">
              Annuler ce changement de RIB
            </button>
          </Form>
        </>
      )}
      <p>
        <a href="/aide-contact">Contacter ma mutuelle</a>
      </p>
    </div>
  );
}
