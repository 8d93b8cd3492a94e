import { Form, redirect } from "react-router";
import { actionFailure } from "../modules/forms/action-result.ts";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { formDraft, notFound, requireFreshStepUp, requireScope } from "../guards.server.ts";
import type { MemberViewer } from "../modules/accounts/viewer.server.ts";
import { stepUpEndsAt } from "../modules/accounts/step-up.server.ts";
import { describeTarget, requestBankChange } from "../modules/banking/changes.server.ts";
import { ribMeanwhile, ribPurpose } from "../modules/banking/rib-wording.ts";
import { checkHolderName, checkIban, ibanExample } from "../modules/banking/iban.ts";
import { AppError } from "../modules/shared/app-error.ts";
import type { Route } from "./+types/coordonnees-bancaires-saisir";
import { textField } from "../modules/forms/form-data.ts";
import { ErrorSummary } from "../components/error-summary.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Saisir un RIB – Espace adhérent" }];

// The holder names the account (the contract's by default, or a beneficiary's); a beneficiary with their own
// access only ever their own (describeTarget answers 404 for anything else).
async function target(args: Route.LoaderArgs | Route.ActionArgs, viewer: MemberViewer) {
  const pour = (new URL(args.request.url).searchParams.get("pour") ?? viewer.onlyPersonId ?? "contrat").slice(0, 40);
  try {
    return { pour, ...(await describeTarget(args.context.get(servicesContext).db, viewer, pour)) };
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "bank");
  const { pour, label, firstName, previousAccountId } = await target(args, viewer);
  await requireFreshStepUp(args, viewer);
  const ribCase = {
    beneficiaryFirstName: firstName,
    hasCurrentAccount: previousAccountId !== null,
    own: Boolean(viewer.onlyPersonId),
  };
  const endsAt = await stepUpEndsAt(args.context.get(servicesContext).db, viewer);
  // What the member typed before the identity check ran out, kept on the server (never in the URL).
  const draft = await formDraft(args, viewer);
  return {
    kept: draft ? { iban: draft.iban ?? "", holderName: draft.holderName ?? "" } : null,
    // The 5-minute window of the identity check, said on the form (WCAG 2.2.1), in Paris time.
    stepUpUntil: endsAt
      ? new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" }).format(
          endsAt,
        )
      : null,
    pour,
    label,
    purpose: ribPurpose(ribCase),
    meanwhile: ribMeanwhile(ribCase),
    holdHours: args.context.get(servicesContext).bankChangeHoldHours,
  };
}

const draftFields = ["iban", "holderName"] as const;

export async function action(args: Route.ActionArgs) {
  // No draft kept for a post without a session here: an IBAN waits on the server only for a signed-in member
  // sent to confirm their identity (security review R4), never for whoever holds an old browser's cookie.
  const viewer = await requireScope(args, "bank");
  const { pour } = await target(args, viewer);
  await requireFreshStepUp(args, viewer, { keepDraft: draftFields });
  const form = await args.request.formData();
  const typedIban = textField(form, "iban", 60);
  const typedHolder = textField(form, "holderName", 100);
  const iban = checkIban(typedIban);
  const holder = checkHolderName(typedHolder);
  if (!iban.ok || !holder.ok) {
    const fieldErrors: Record<string, string> = {};
    if (!iban.ok) fieldErrors.iban = iban.message;
    if (!holder.ok) fieldErrors.holderName = holder.message;
    return actionFailure(400, { fieldErrors, values: { iban: typedIban, holderName: typedHolder } });
  }
  try {
    const { reference } = await requestBankChange(
      args.context.get(servicesContext),
      viewer,
      { target: pour, iban: iban.iban, holderName: holder.name },
      args.context.get(requestContext).ip,
    );
    return redirect(`/ma-mutuelle/coordonnees-bancaires?demande=${reference}`);
  } catch (error) {
    if (error instanceof AppError && error.status !== 404) {
      return actionFailure(error.status, {
        formError: error.message,
        values: { iban: typedIban, holderName: typedHolder },
      });
    }
    throw error;
  }
}

export default function EnterRib({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  return (
    <div className="account narrow">
      <p>
        <a href="/ma-mutuelle/coordonnees-bancaires">← Mes informations bancaires</a>
      </p>
      <h1>Saisir un RIB</h1>
      <p>Pour {d.label}.</p>
      {d.stepUpUntil ? (
        <p className="alert alert--info">
          {`Votre identité est confirmée jusqu'à ${d.stepUpUntil} (5 minutes) : validez le RIB avant cette heure, sinon il faudra la confirmer de nouveau.`}
        </p>
      ) : null}
      <ol className="steps-list">
        <li>Saisissez votre IBAN.</li>
        <li>
          Renseignez le nom de la personne <strong>titulaire du compte</strong>.
        </li>
        <li>Validez votre demande.</li>
      </ol>
      <div className="alert alert--info">
        <p>
          {d.purpose} Par sécurité, il sera utilisé{" "}
          {d.holdHours > 0 ? `après un délai de ${d.holdHours} heures ; ${d.meanwhile}` : "dès sa validation."} Un
          e-mail vous permettra d'annuler ce changement si vous n'en êtes pas l'auteur.
        </p>
      </div>
      {d.kept && !actionData ? (
        <p className="alert alert--info" role="status">
          Votre identité est confirmée : nous avons gardé ce que vous aviez saisi. Vérifiez-le, puis validez votre
          demande.
        </p>
      ) : null}
      <ErrorSummary
        title="Votre RIB n'a pas été enregistré, corrigez :"
        errors={{ form: actionData?.formError ?? undefined, ...errors }}
      />
      <Form method="post" noValidate className="form-card" autoComplete="off" data-garde-brouillon="">
        <FormField
          name="iban"
          label="IBAN"
          hint={`Ex : ${ibanExample}. Les espaces et les minuscules sont acceptés.`}
          spellCheck={false}
          autoCapitalize="characters"
          maxLength={60}
          defaultValue={actionData?.values.iban ?? d.kept?.iban ?? ""}
          error={errors.iban}
          required
        />
        <FormField
          name="holderName"
          label="Titulaire du compte"
          hint="Ex : JOHN DOE. Indiquez le libellé exact qui apparaît sur votre RIB."
          autoComplete="name"
          maxLength={70}
          defaultValue={actionData?.values.holderName ?? d.kept?.holderName ?? ""}
          error={errors.holderName}
          required
        />
        <button type="submit" className="button button--primary">
          Valider ma demande
        </button>
      </Form>
    </div>
  );
}
