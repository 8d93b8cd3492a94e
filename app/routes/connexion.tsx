import { deviceDeps, noteSignInDevice } from "../modules/accounts/known-devices.server.ts";
import { data, Form, redirect, useActionData, useNavigation, useRouteLoaderData } from "react-router";
import { useEffect } from "react";
import { FormField } from "../components/form-field.tsx";
import { forgetOfflineCard } from "../components/offline-card.ts";
import { useNonce } from "../components/nonce.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { getViewer } from "../guards.server.ts";
import { signInSchema } from "../modules/accounts/sign-in-form.ts";
import { safeReturnPath } from "../modules/shared/return-path.ts";
import { TooManyAttemptsError } from "../modules/accounts/rate-limit.server.ts";
import { signIn } from "../modules/accounts/sign-in.server.ts";
import { AppError } from "../modules/shared/app-error.ts";
import type { RootData } from "../root.tsx";
import { AccessibilityMention } from "../components/accessibility-mention.tsx";
import { fieldErrorsOf, formValues } from "../modules/forms/form-data.ts";
import type { Route } from "./+types/connexion";
import { redirectWithCookies } from "../modules/accounts/cookies.ts";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = ({ matches }) => {
  const brand = (matches[0]?.loaderData as RootData | undefined)?.brand.name ?? "";
  return [{ title: `Connexion – Espace adhérent ${brand}` }];
};

// Lets the action's Retry-After reach the browser on a 429.
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader(args: Route.LoaderArgs) {
  const viewer = await getViewer(args);
  if (viewer) throw redirect(viewer.kind === "advisor" ? "/back-office" : "/");
  const params = new URL(args.request.url).searchParams;
  return {
    redirectTo: safeReturnPath(params.get("redirectTo"), ""),
    signedOut: params.has("deconnecte"),
    sessionExpired: params.has("expiree"),
    codeExpired: params.has("code-expire"),
    passwordReset: params.has("mot-de-passe-change"),
    ownSpaceActivated: params.has("espace-active"),
    unlocked: params.has("debloque"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  const form = formValues(await request.formData());
  const parsed = signInSchema.safeParse(form);
  const identifier = (form.identifier ?? "").slice(0, 254);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return data(
      {
        identifier,
        formError: null,
        fieldErrors: { identifier: fieldErrors.identifier, password: fieldErrors.password },
      },
      { status: 400 },
    );
  }
  try {
    const result = await signIn(
      {
        db: services.db,
        auth: services.auth,
        limiter: services.signInLimiter,
        mailer: services.mailer,
        publicUrl: services.publicUrl,
      },
      { input: parsed.data, ip: context.get(requestContext).ip, requestHeaders: request.headers },
    );
    if (result.step === "second-factor") {
      const next = safeReturnPath(parsed.data.redirectTo, "");
      return redirectWithCookies(
        next ? `/connexion/code?redirectTo=${encodeURIComponent(next)}` : "/connexion/code",
        result.headers,
      );
    }
    if (result.role === "member")
      await noteSignInDevice(deviceDeps(services), {
        userId: result.userId,
        requestHeaders: request.headers,
        responseHeaders: result.headers,
      });
    const fallback = result.role === "advisor" ? "/back-office" : "/";
    return redirectWithCookies(safeReturnPath(parsed.data.redirectTo, fallback), result.headers);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const retryHeaders: HeadersInit =
      error instanceof TooManyAttemptsError ? { "Retry-After": String(error.retryAfterSeconds) } : {};
    return data(
      { identifier, formError: error.message, fieldErrors: {} },
      { status: error.status, headers: retryHeaders },
    );
  }
}

// Whoever reaches the sign-in page is signed out (or timed out): the offline copy of the tiers payant card
// must not stay on a shared phone, so the card's worker goes. The space's own worker (public/sw.js) stays: it
// keeps only static assets, and removing it would end the device's push subscription (a signed-out device stops
// receiving notifications because sign-out removes it server-side, not because its worker goes). This script for
// a full page load (before hydration), forgetOfflineCard() in an effect for a client-side arrival (the header's
// sign-out form).
const forgetOfflineCardScript = `if("caches" in window){caches.delete("carte-tiers-payant-v1")}if("serviceWorker" in navigator){navigator.serviceWorker.getRegistrations().then(function(r){r.forEach(function(x){if(x.scope.indexOf("/documents/carte-tiers-payant/")>0)x.unregister()})})}`;

export default function SignIn({ loaderData }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  const root = useRouteLoaderData<RootData>("root");
  const busy = useNavigation().state === "submitting";
  const nonce = useNonce();
  useEffect(() => {
    void forgetOfflineCard();
  }, []);
  const errors: { identifier?: string; password?: string } = result?.fieldErrors ?? {};
  return (
    <div className="sign-in">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="sign-in__brand">
        {root ? <img src={root.brand.logo} alt="" width="48" height="48" /> : null}
        <p>
          {root?.brand.name}
          <span className="brand__sub">Espace adhérent</span>
        </p>
      </header>
      <main id="contenu" className="sign-in__card" tabIndex={-1}>
        <h1>Connexion à votre espace</h1>
        {loaderData.passwordReset && !result ? (
          <div className="alert alert--info" role="status">
            Votre nouveau mot de passe est enregistré : connectez-vous avec lui.
          </div>
        ) : null}
        {loaderData.unlocked && !result ? (
          <div className="alert alert--info" role="status">
            Votre compte est débloqué : connectez-vous. Si vous n'êtes pas à l'origine des tentatives, changez ensuite
            votre mot de passe dans Mon compte.
          </div>
        ) : null}
        {loaderData.ownSpaceActivated && !result ? (
          <div className="alert alert--info" role="status">
            Votre espace est activé : connectez-vous avec votre adresse e-mail et votre mot de passe.
          </div>
        ) : null}
        {loaderData.codeExpired && !result ? (
          <div className="alert alert--error" role="alert">
            Par sécurité, la connexion est à recommencer : le code n'a pas été saisi à temps ou trop d'essais ont
            échoué.
          </div>
        ) : null}
        {loaderData.sessionExpired && !result ? (
          <div className="alert alert--info" role="status">
            Votre session a expiré : sans activité pendant un moment, vous avez été déconnecté pour protéger vos
            données. Reconnectez-vous pour continuer.
          </div>
        ) : null}
        {loaderData.signedOut && !result ? (
          <div className="alert alert--info" role="status">
            Vous êtes déconnecté. À bientôt !
          </div>
        ) : null}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: forgetOfflineCardScript }} />
        <ErrorSummary
          title="La connexion n'a pas abouti :"
          errors={{ form: result?.formError ?? undefined, ...errors }}
        />
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
          <FormField
            name="identifier"
            label="Numéro d'adhérent ou adresse e-mail"
            hint="Votre numéro d'adhérent à 8 chiffres figure sur votre carte de tiers payant."
            autoComplete="username"
            inputMode="email"
            defaultValue={result?.identifier ?? ""}
            error={errors.identifier}
            required
          />
          <FormField
            name="password"
            type="password"
            label="Mot de passe"
            autoComplete="current-password"
            error={errors.password}
            required
          />
          {/* Never disabled while posting: a disabled button loses focus (it falls to <body>, the next Tab skips
              the form). aria-disabled says it is busy; a second click only restarts the same sign-in. */}
          <button type="submit" className="button button--primary button--wide" aria-disabled={busy || undefined}>
            {busy ? "Connexion…" : "Se connecter"}
          </button>
        </Form>
        <p className="sign-in__help">
          <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a> Besoin d'aide ?{" "}
          <a href="/aide-contact">Contactez votre mutuelle</a>.
        </p>
        <p className="sign-in__help">
          Couvert par le contrat d'un proche ? <a href="/activer-mon-espace">Activer mon espace</a>
        </p>
      </main>
      <footer className="sign-in__footer">
        <AccessibilityMention />
      </footer>
    </div>
  );
}
