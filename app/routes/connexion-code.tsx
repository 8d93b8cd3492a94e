import { actionFailure } from "../modules/forms/action-result.ts";
import { deviceDeps, noteSignInDevice } from "../modules/accounts/known-devices.server.ts";
import { Form, redirect } from "react-router";
import { AccessibilityMention } from "../components/accessibility-mention.tsx";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { getViewer } from "../guards.server.ts";
import { safeReturnPath } from "../modules/shared/return-path.ts";
import { signInSecondFactor } from "../modules/accounts/sign-in.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import type { Route } from "./+types/connexion-code";
import { redirectWithCookies } from "../modules/accounts/cookies.ts";
import { textField } from "../modules/forms/form-data.ts";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Code de connexion – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await getViewer(args);
  if (viewer) throw redirect(viewer.kind === "advisor" ? "/back-office" : "/");
  return { redirectTo: safeReturnPath(new URL(args.request.url).searchParams.get("redirectTo"), "") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  const form = await request.formData();
  const code = textField(form, "code", 40);
  if (!code.trim())
    return actionFailure(400, {
      fieldErrors: { code: "Saisissez le code à 6 chiffres de votre application, ou un code de secours." },
    });
  try {
    const result = await signInSecondFactor(services, {
      code,
      ip: context.get(requestContext).ip,
      requestHeaders: request.headers,
    });
    if (result.role === "member")
      await noteSignInDevice(deviceDeps(services), {
        userId: result.userId,
        requestHeaders: request.headers,
        responseHeaders: result.headers,
      });
    const fallback = result.role === "advisor" ? "/back-office" : "/";
    return redirectWithCookies(safeReturnPath(textField(form, "redirectTo"), fallback), result.headers);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "second_factor_expired") return redirect("/connexion?code-expire");
    return actionFailure(error.status, { fieldErrors: { code: error.message } });
  }
}

export default function SecondFactor({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <main id="contenu" className="page sign-in__card forgotten">
        <h1>Code de connexion</h1>
        <p>
          Votre compte est protégé par la double authentification. Ouvrez votre application d'authentification et
          saisissez le code affiché pour cet espace.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
          <ErrorSummary errors={{ code: actionData?.fieldErrors.code }} />
          <FormField
            name="code"
            label="Code à 6 chiffres"
            hint="Vous n'avez plus votre téléphone ? Saisissez l'un de vos codes de secours (10 caractères)."
            autoComplete="one-time-code"
            // oxlint-disable-next-line jsx-a11y/no-autofocus -- the page's only field, reached right after the password: the member types the code at once (WCAG 3.2.1 allows it, nothing is skipped above it)
            autoFocus
            maxLength={24}
            error={actionData?.fieldErrors.code}
            required
          />
          <button type="submit" className="button button--primary button--wide">
            Valider
          </button>
        </Form>
        <p>
          <a href="/connexion">← Recommencer la connexion</a>
        </p>
      </main>
      <footer className="sign-in__footer">
        <AccessibilityMention />
      </footer>
    </>
  );
}
