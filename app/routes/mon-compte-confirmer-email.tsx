import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form } from "react-router";
import { requestContext, servicesContext } from "../context.ts";
import { confirmEmailChange } from "../modules/accounts/contact.server.ts";
import type { Route } from "./+types/mon-compte-confirmer-email";
import { textField } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Confirmer ma nouvelle adresse e-mail – Espace adhérent" }];

// GET only shows a button: mail scanners that open links must not confirm on the member's behalf.
export function loader({ request }: Route.LoaderArgs) {
  return { token: (new URL(request.url).searchParams.get("jeton") ?? "").slice(0, 100) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    await confirmEmailChange(
      context.get(servicesContext),
      textField(form, "jeton", 100),
      context.get(requestContext).ip,
    );
    return { confirmed: true, error: null };
  } catch (error) {
    return appErrorAnswer(error, (refusal) => ({ confirmed: false, error: refusal.message }));
  }
}

export default function ConfirmEmail({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="account narrow">
      <h1>Confirmer ma nouvelle adresse e-mail</h1>
      {actionData?.confirmed ? (
        <div className="alert alert--info" role="status">
          C'est fait : votre espace adhérent utilise désormais cette adresse.
        </div>
      ) : (
        <>
          {actionData?.error ? (
            <div className="alert alert--error" role="alert">
              {actionData.error}
            </div>
          ) : null}
          <Form method="post">
            <input type="hidden" name="jeton" value={loaderData.token} />
            <button type="submit" className="button button--primary">
              Confirmer cette adresse
            </button>
          </Form>
        </>
      )}
      <p>
        <a href="/">Aller à mon espace</a>
      </p>
    </div>
  );
}
