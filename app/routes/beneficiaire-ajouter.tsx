import { actionFailure, actionResult } from "../modules/forms/action-result.ts";
import { appErrorAnswer } from "../modules/forms/app-error-answer.ts";
import { Form, redirect } from "react-router";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { discardUploads, keepOrDiscard, requestFileStore } from "../modules/claims/attachments.server.ts";
import { uploadLimits } from "../modules/claims/limits.ts";
import { receiveUploads } from "../modules/claims/read-uploads.server.ts";
import { assertWithinUploadQuota, refuseUploadOverQuota } from "../modules/claims/quotas.server.ts";
import { addBeneficiarySchema, relationshipLabels } from "../modules/households/beneficiary-form.ts";
import { requestBeneficiaryAddition } from "../modules/households/beneficiary-requests.server.ts";
import type { Route } from "./+types/beneficiaire-ajouter";
import { fieldErrorsOf } from "../modules/forms/form-data.ts";
import { ErrorSummary, FieldError, fieldErrorProps } from "../components/error-summary.tsx";
import { FilesInput } from "../components/files-input.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Ajouter un bénéficiaire – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  await requireMember(args);
  return { today: args.context.get(servicesContext).clock.today() };
}

type Fields = Record<string, string>;

export async function action(args: Route.ActionArgs) {
  const viewer = await requireMember(args);
  const services = args.context.get(servicesContext);
  const { db, quotas, householdLimiter, clock } = services;
  const store = requestFileStore(services);
  let values: Fields = {};
  try {
    await householdLimiter.consume("request", viewer);
    await refuseUploadOverQuota(db, viewer, quotas, args.request);
    const { fields, stored } = await receiveUploads(args.request, store);
    values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.slice(0, 100)]));
    const parsed = addBeneficiarySchema(clock.today()).safeParse(values);
    if (!parsed.success) {
      await discardUploads(store, stored); // nothing is kept from a refused form
      return actionFailure(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
    }
    const reference = await keepOrDiscard(store, stored, async () => {
      await assertWithinUploadQuota(db, viewer, quotas, stored);
      return requestBeneficiaryAddition(
        db,
        viewer,
        parsed.data,
        stored,
        args.context.get(requestContext).ip,
        args.context.get(servicesContext).clock.today(),
      );
    });
    return redirect(`/ma-mutuelle/beneficiaires?demande=${reference}`);
  } catch (error) {
    return appErrorAnswer(error, (refusal) => actionResult({ fieldErrors: { fichiers: refusal.message }, values }));
  }
}

export default function AddBeneficiary({ loaderData, actionData }: Route.ComponentProps) {
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const v = (name: string) => actionData?.values?.[name] ?? "";
  return (
    <div className="account narrow">
      <p>
        <a href="/ma-mutuelle/beneficiaires">← Mes bénéficiaires</a>
      </p>
      <h1>Ajouter un bénéficiaire</h1>
      <p>
        Votre mutuelle vérifie la demande avec le justificatif, puis vous répond dans Mes démarches. Le bénéficiaire est
        couvert à partir de la date acceptée.
      </p>
      <ErrorSummary
        title="La demande n'a pas été envoyée, corrigez :"
        errors={{ form: actionData?.formError ?? undefined, ...errors }}
      />
      <Form method="post" encType="multipart/form-data" noValidate className="form-card">
        <FormField
          name="firstName"
          label="Prénom"
          autoComplete="off"
          defaultValue={v("firstName")}
          error={errors.firstName}
          required
        />
        <FormField
          name="lastName"
          label="Nom"
          autoComplete="off"
          defaultValue={v("lastName")}
          error={errors.lastName}
          required
        />
        <FormField
          name="birthDate"
          type="date"
          label="Date de naissance"
          max={loaderData.today}
          defaultValue={v("birthDate")}
          error={errors.birthDate}
          required
        />
        <div className={errors.relationship ? "field field--error" : "field"}>
          <label htmlFor="relationship">Lien avec vous</label>
          <FieldError id="relationship" error={errors.relationship} />
          <select
            id="relationship"
            name="relationship"
            defaultValue={v("relationship")}
            {...fieldErrorProps("relationship", errors.relationship)}
            required
          >
            <option value="">Choisir…</option>
            {Object.entries(relationshipLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <FormField
          name="startDate"
          type="date"
          label="Début de couverture souhaité"
          min={loaderData.today}
          defaultValue={v("startDate")}
          error={errors.startDate}
          required
        />
        <div className={errors.fichiers ? "field field--error" : "field"}>
          <label htmlFor="fichiers">Justificatif</label>
          <p className="field__hint" id="fichiers-aide">
            Livret de famille, acte de naissance, attestation de PACS ou de concubinage. PDF, JPEG ou PNG,{" "}
            {uploadLimits.maxFileBytes / 1024 / 1024} Mo au plus par fichier.
          </p>
          <FieldError id="fichiers" error={errors.fichiers} />
          <FilesInput error={errors.fichiers} hintId="fichiers-aide" />
        </div>
        <button type="submit" className="button button--primary">
          Envoyer la demande
        </button>
      </Form>
    </div>
  );
}
