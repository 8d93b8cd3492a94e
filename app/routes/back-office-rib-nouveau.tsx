import { actionFailure } from "../modules/forms/action-result.ts";
import { Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { proposeBankChange } from "../modules/banking/advisor-changes.server.ts";
import { checkHolderName, checkIban, ibanExample } from "../modules/banking/iban.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { ErrorSummary } from "../components/error-summary.tsx";
import type { Route } from "./+types/back-office-rib-nouveau";
import { formValues } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = () => [{ title: "Saisir un RIB pour un adhérent – Espace conseiller" }];

export async function loader(args: Route.LoaderArgs) {
  await requirePermission(args, "banking.propose");
  return { memberNumber: (new URL(args.request.url).searchParams.get("adherent") ?? "").slice(0, 8) };
}

type Fields = Record<string, string | undefined>;

export async function action(args: Route.ActionArgs) {
  const advisor = await requirePermission(args, "banking.propose");
  const form = formValues(await args.request.formData(), 200);
  const errors: Record<string, string> = {};
  const memberNumber = (form.memberNumber ?? "").trim();
  if (!/^\d{8}$/.test(memberNumber)) errors.memberNumber = "Le numéro d'adhérent compte 8 chiffres.";
  const iban = checkIban(form.iban ?? "");
  if (!iban.ok) errors.iban = iban.message;
  const holder = checkHolderName(form.holderName ?? "");
  if (!holder.ok) errors.holderName = holder.message;
  const note = (form.note ?? "").trim();
  if (note.length < 5)
    errors.note = "Notez d'où vient la demande (par exemple : appel de l'adhérent du 26/11, identité vérifiée).";
  const target = (form.target ?? "contrat").trim() || "contrat";
  if (Object.keys(errors).length > 0 || !iban.ok || !holder.ok)
    return actionFailure(400, { fieldErrors: errors, values: form });
  try {
    const reference = await proposeBankChange(
      args.context.get(servicesContext),
      advisor,
      { memberNumber, target, iban: iban.iban, holderName: holder.name, note },
      args.context.get(requestContext).ip,
    );
    return redirect(`/back-office/demandes?file=rib&saisi=${reference}`);
  } catch (error) {
    if (error instanceof AppError)
      return actionFailure(error.status === 404 ? 400 : error.status, {
        fieldErrors: { [error.code === "member" ? "memberNumber" : "target"]: error.message },
        values: form,
      });
    throw error;
  }
}

export default function ProposeRib({ loaderData, actionData }: Route.ComponentProps) {
  const errors: Fields = actionData?.fieldErrors ?? {};
  const value = (name: string, fallback = "") => actionData?.values?.[name] ?? fallback;
  return (
    <div className="account narrow">
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>Saisir le nouveau RIB d'un adhérent</h1>
      <p>
        Après un appel ou un courrier de l'adhérent. Le RIB ne sera utilisé qu'après l'approbation d'un autre
        gestionnaire, puis le délai de sécurité ; l'adhérent reçoit l'alerte habituelle avec le lien d'annulation.
      </p>
      <ErrorSummary title="Le RIB n'a pas été enregistré, corrigez :" errors={errors} />
      <Form method="post" noValidate className="form-card" autoComplete="off">
        <FormField
          name="memberNumber"
          label="Numéro d'adhérent"
          inputMode="numeric"
          maxLength={8}
          defaultValue={value("memberNumber", loaderData.memberNumber)}
          error={errors.memberNumber}
          required
        />
        <FormField
          name="target"
          label="Compte concerné"
          hint="« contrat » pour le compte du contrat, ou l'identifiant du bénéficiaire."
          defaultValue={value("target", "contrat")}
          error={errors.target}
        />
        <FormField
          name="iban"
          label="IBAN"
          hint={`Ex : ${ibanExample}`}
          spellCheck={false}
          defaultValue={value("iban")}
          error={errors.iban}
          required
        />
        <FormField
          name="holderName"
          label="Titulaire du compte"
          defaultValue={value("holderName")}
          error={errors.holderName}
          required
        />
        <FormField
          name="note"
          label="Origine de la demande"
          defaultValue={value("note")}
          error={errors.note}
          required
        />
        <button type="submit" className="button button--primary">
          Enregistrer pour approbation
        </button>
      </Form>
    </div>
  );
}
