import { Form } from "react-router";
import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireFreshStepUp, requireSignedIn } from "../guards.server.ts";
import { getStepUpState } from "../modules/accounts/step-up.server.ts";
import {
  confirmEnrolment,
  disableTwoFactor,
  newBackupCodes,
  startEnrolment,
  TwoFactorError,
} from "../modules/accounts/two-factor.server.ts";
import type { Route } from "./+types/mon-compte-double-authentification";
import { redirectWithCookies } from "../modules/accounts/cookies.ts";
import { textField } from "../modules/forms/form-data.ts";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Double authentification – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireSignedIn(args);
  await requireFreshStepUp(args, viewer);
  const state = await getStepUpState(args.context.get(servicesContext).db, viewer);
  const params = new URL(args.request.url).searchParams;
  return {
    enabled: state.twoFactorEnabled,
    mandatory: viewer.kind === "advisor",
    mustEnrol: params.has("obligatoire") && !state.twoFactorEnabled,
    justEnabled: params.has("activee"),
  };
}

type Enrolment = Awaited<ReturnType<typeof startEnrolment>>;
/** The page's own extra: the QR code being set up, or new backup codes, shown once. */
const nothingShown = { enrolment: null as Enrolment | null, backupCodes: null as string[] | null };

export async function action(args: Route.ActionArgs) {
  const viewer = await requireSignedIn(args);
  await requireFreshStepUp(args, viewer);
  const services = args.context.get(servicesContext);
  const form = await args.request.formData();
  const field = (name: string) => textField(form, name, 200);
  const context = { requestHeaders: args.request.headers, ip: args.context.get(requestContext).ip };
  const intent = form.get("intent");
  try {
    // The fresh step-up just checked above (password, then a code by e-mail) is the proof: no password again.
    if (intent === "start")
      return actionResult({}, { ...nothingShown, enrolment: await startEnrolment(services, viewer) });
    if (intent === "confirm") {
      const headers = await confirmEnrolment(services, viewer, field("code"), context);
      return redirectWithCookies(
        viewer.kind === "advisor" ? "/back-office" : "/mon-compte/double-authentification?activee",
        headers,
      );
    }
    if (intent === "disable") {
      if (viewer.kind === "advisor")
        return actionFailure(
          403,
          { fieldErrors: { password: "La double authentification est obligatoire pour les conseillers." } },
          nothingShown,
        );
      return redirectWithCookies(
        "/mon-compte?double-authentification-desactivee",
        await disableTwoFactor(services, viewer, field("password"), context),
      );
    }
    if (intent === "new-codes")
      return actionResult(
        {},
        { ...nothingShown, backupCodes: await newBackupCodes(services, viewer, field("password"), context) },
      );
    return actionFailure(400, { fieldErrors: { password: "Action inconnue." } }, nothingShown);
  } catch (error) {
    if (error instanceof TwoFactorError) {
      // A wrong confirmation code must not lose the QR code being set up: the page says to start again.
      return actionFailure(400, { fieldErrors: { [error.field]: error.message } }, nothingShown);
    }
    throw error;
  }
}

function BackupCodes({ codes }: { codes: string[] }) {
  return (
    <div className="backup-codes">
      <p>
        <strong>Notez ces codes de secours</strong> et gardez-les en lieu sûr (pas dans votre téléphone). Chacun permet
        une seule connexion si vous n'avez plus votre application. Ils ne seront plus affichés.
      </p>
      <ul className="code-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function TwoFactor({ loaderData: d, actionData }: Route.ComponentProps) {
  const enrolment = actionData?.enrolment ?? null;
  const backupCodes = actionData?.backupCodes ?? null;
  const error = (f: "password" | "code") => actionData?.fieldErrors[f];
  return (
    <div className="account narrow">
      <h1>Double authentification</h1>
      <ErrorSummary
        errors={{
          password: d.enabled ? error("password") : undefined,
          [enrolment ? "code" : "form"]: error("code")
            ? `${error("code")}${enrolment ? "" : " Recommencez : un nouveau code QR va s'afficher."}`
            : undefined,
        }}
      />
      {d.mustEnrol ? (
        <div className="alert alert--info" role="status">
          Pour les conseillers, la double authentification est obligatoire : activez-la pour accéder à l'espace
          conseiller.
        </div>
      ) : null}
      {d.justEnabled ? (
        <div className="alert alert--info" role="status">
          La double authentification est activée.
        </div>
      ) : null}
      <p>
        En plus de votre mot de passe, un code à 6 chiffres affiché par une application de votre téléphone (par exemple
        une application d'authentification de votre choix) vous sera demandé à chaque connexion. Même si quelqu'un
        découvre votre mot de passe, il ne pourra pas entrer dans votre espace.
      </p>
      {d.enabled ? (
        <>
          <section className="card" aria-labelledby="active">
            <h2 id="active">La double authentification est active</h2>
            {backupCodes ? <BackupCodes codes={backupCodes} /> : null}
            <Form method="post" noValidate className="form-card">
              <FormField
                name="password"
                type="password"
                label="Mot de passe"
                autoComplete="current-password"
                error={error("password")}
                required
              />
              <button type="submit" name="intent" value="new-codes" className="button">
                Obtenir de nouveaux codes de secours
              </button>
              {d.mandatory ? null : (
                <button type="submit" name="intent" value="disable" className="button button--quiet">
                  Désactiver la double authentification
                </button>
              )}
            </Form>
          </section>
        </>
      ) : enrolment ? (
        <section className="card" aria-labelledby="etapes">
          <h2 id="etapes">Activer en deux étapes</h2>
          <ol className="steps-list">
            <li>
              <p>Dans votre application d'authentification, ajoutez un compte en scannant ce code :</p>
              <div
                className="qr"
                role="img"
                aria-label="Code QR à scanner avec votre application"
                dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
              />
              <p>
                Ou saisissez cette clé à la main : <code className="secret">{enrolment.secretGroups}</code>
              </p>
            </li>
            <li>
              <BackupCodes codes={enrolment.backupCodes} />
            </li>
            <li>
              <Form method="post" noValidate className="form-card">
                <input type="hidden" name="intent" value="confirm" />
                <FormField
                  name="code"
                  label="Code affiché par l'application"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={7}
                  error={error("code")}
                  required
                />
                <button type="submit" className="button button--primary">
                  Activer
                </button>
              </Form>
            </li>
          </ol>
        </section>
      ) : (
        <section className="card" aria-labelledby="activer">
          <h2 id="activer">Activer la double authentification</h2>
          <Form method="post" noValidate className="form-card">
            <input type="hidden" name="intent" value="start" />
            <p>Votre identité vient d'être vérifiée : le code QR à scanner s'affiche en cliquant sur « Commencer ».</p>
            <button type="submit" className="button button--primary">
              Commencer
            </button>
          </Form>
        </section>
      )}
      <p>
        <a href="/mon-compte">← Retour à mon compte</a>
      </p>
    </div>
  );
}
