import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { focusOnArrival } from "../components/route-announcer.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { getViewer, pagePath } from "../guards.server.ts";
import { safeReturnPath } from "../modules/shared/return-path.ts";
import {
  getStepUpState,
  StepUpError,
  verifyStepUpEmailCode,
  verifyStepUpPassword,
} from "../modules/accounts/step-up.server.ts";
import { maskEmail } from "../modules/accounts/contact.server.ts";
import type { Route } from "./+types/mon-compte-verification";
import { textField } from "../modules/forms/form-data.ts";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Confirmer votre identité – Espace adhérent" }];

async function signedIn(args: Route.LoaderArgs | Route.ActionArgs) {
  const viewer = await getViewer(args);
  if (!viewer) {
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(pagePath(args.request))}`);
  }
  return viewer;
}

function target(request: Request): string {
  const retour = new URL(request.url).searchParams.get("retour");
  return safeReturnPath(retour, "/mon-compte");
}

export async function loader(args: Route.LoaderArgs) {
  const viewer = await signedIn(args);
  const state = await getStepUpState(args.context.get(servicesContext).db, viewer);
  if (state.fresh) throw redirect(target(args.request));
  return {
    twoFactorEnabled: state.twoFactorEnabled,
    awaitingEmailCode: state.awaitingEmailCode,
    email: maskEmail(state.email),
  };
}

export async function action(args: Route.ActionArgs) {
  const viewer = await signedIn(args);
  const services = args.context.get(servicesContext);
  const ip = args.context.get(requestContext).ip;
  const form = await args.request.formData();
  const field = (name: string) => textField(form, name, 200);
  try {
    if (form.get("intent") === "email-code") {
      await verifyStepUpEmailCode(services, viewer, { code: field("code") }, ip);
      return redirect(target(args.request));
    }
    const result = await verifyStepUpPassword(
      services,
      viewer,
      { password: field("password"), code: field("code") },
      { requestHeaders: args.request.headers, ip },
    );
    if (result === "done") return redirect(target(args.request));
    return redirect(`/mon-compte/verification?retour=${encodeURIComponent(target(args.request))}`);
  } catch (error) {
    if (error instanceof StepUpError)
      return actionFailure(error.status, { fieldErrors: { [error.field]: error.message } });
    return appErrorAnswer(error, (refusal) => actionResult({ fieldErrors: { password: refusal.message } }));
  }
}

export default function StepUp({ loaderData: d, actionData }: Route.ComponentProps) {
  const error = (f: "password" | "code") => actionData?.fieldErrors[f];
  return (
    <div className="account narrow">
      <h1>Confirmer votre identité</h1>
      <p>
        Pour protéger votre compte, une modification sensible (coordonnées bancaires, adresse e-mail, mot de passe,
        double authentification) demande de confirmer qui vous êtes. La confirmation vaut 5 minutes.
      </p>
      <ErrorSummary
        errors={{
          [d.awaitingEmailCode || d.twoFactorEnabled ? "code" : "form"]: error("code"),
          password: error("password"),
        }}
      />
      {d.awaitingEmailCode ? (
        <section className="card" aria-labelledby="code-email">
          <h2 id="code-email">Étape 2 sur 2 : le code reçu par e-mail</h2>
          <p role="status">Un code à 6 chiffres vient d'être envoyé à {d.email}. Il est valable 10 minutes.</p>
          <Form method="post" noValidate className="form-card">
            <input type="hidden" name="intent" value="email-code" />
            {/* Reached after the password: the code field takes focus, not the filled password field below. */}
            <FormField
              name="code"
              label="Code reçu par e-mail"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              error={error("code")}
              required
              {...focusOnArrival}
            />
            <button type="submit" className="button button--primary">
              Confirmer
            </button>
          </Form>
          <p className="muted">
            Pas de message ? Vérifiez vos courriers indésirables, ou recommencez ci-dessous pour recevoir un nouveau
            code.
          </p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="mot-de-passe">
        <h2 id="mot-de-passe">
          {d.twoFactorEnabled
            ? "Votre mot de passe et votre code"
            : d.awaitingEmailCode
              ? "Recevoir un nouveau code"
              : "Étape 1 sur 2 : votre mot de passe"}
        </h2>
        {/* Keyed by the step: once the code is sent this is another form ("Recevoir un nouveau code"), mounted
            empty, so the password typed for step 1 is not kept in it with Enter resending a code. */}
        <Form key={d.awaitingEmailCode ? "resend" : "password"} method="post" noValidate className="form-card">
          <FormField
            name="password"
            type="password"
            label="Mot de passe"
            autoComplete="current-password"
            error={error("password")}
            required
          />
          {d.twoFactorEnabled ? (
            <FormField
              name="code"
              label="Code de votre application d'authentification"
              hint="6 chiffres, ou l'un de vos codes de secours si vous n'avez plus votre téléphone."
              autoComplete="one-time-code"
              maxLength={12}
              error={error("code")}
              required
            />
          ) : (
            <p className="field__hint">Nous vous enverrons ensuite un code par e-mail.</p>
          )}
          <button type="submit" className="button button--primary">
            {d.twoFactorEnabled ? "Confirmer" : "Continuer"}
          </button>
        </Form>
      </section>
    </div>
  );
}
