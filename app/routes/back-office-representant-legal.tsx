// An advisor records a legal representative (tutelle, curatelle) for an adult of a contract, on the judgment
// (attached): a démarche REP-… for a gestionnaire to accept in the queue « Représentants légaux ».
import { actionFailure } from "../modules/forms/action-result.ts";
import { Form, redirect } from "react-router";
import { ErrorSummary } from "../components/error-summary.tsx";
import { FormField } from "../components/form-field.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { discardUploads, keepOrDiscard, requestFileStore } from "../modules/claims/attachments.server.ts";
import { uploadLimits } from "../modules/claims/limits.ts";
import { receiveUploads } from "../modules/claims/read-uploads.server.ts";
import { legalMeasureLabels, legalMeasures } from "../modules/carers/legal-measures.ts";
import { legalRepresentativeSchema } from "../modules/carers/legal-representative-form.ts";
import { adultsOfContract, recordLegalRepresentative } from "../modules/carers/legal-representatives.server.ts";
import { parseForm } from "../modules/forms/form-data.ts";
import { AppError } from "../modules/shared/app-error.ts";
import type { Route } from "./+types/back-office-representant-legal";
import { FilesInput } from "../components/files-input.tsx";

export const meta: Route.MetaFunction = () => [{ title: "Enregistrer un représentant légal – Espace conseiller" }];

type Fields = Record<string, string | undefined>;

async function contractOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const { db, clock } = args.context.get(servicesContext);
  const memberNumber = args.params.memberNumber;
  const contract = /^\d{6,12}$/.test(memberNumber) ? await adultsOfContract(db, memberNumber, clock.today()) : null;
  if (!contract) notFound();
  return contract;
}

export async function loader(args: Route.LoaderArgs) {
  await requirePermission(args, "requests.handle");
  const contract = await contractOf(args);
  return {
    memberNumber: contract.memberNumber,
    adults: contract.adults.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` })),
    today: args.context.get(servicesContext).clock.today(),
  };
}

export async function action(args: Route.ActionArgs) {
  const advisor = await requirePermission(args, "requests.handle");
  const contract = await contractOf(args);
  const services = args.context.get(servicesContext);
  const store = requestFileStore(services);
  let values: Record<string, string> = {};
  try {
    const { fields, stored } = await receiveUploads(args.request, store);
    values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.slice(0, 300)]));
    const parsed = parseForm(legalRepresentativeSchema, values);
    if (!parsed.ok) {
      await discardUploads(store, stored); // nothing is kept from a refused form
      return actionFailure(400, { fieldErrors: parsed.fieldErrors, values });
    }
    const { requestId } = await keepOrDiscard(store, stored, () =>
      recordLegalRepresentative(
        services.db,
        advisor,
        contract.memberNumber,
        parsed.data,
        stored,
        args.context.get(requestContext).ip,
        services.clock.today(),
      ),
    );
    return redirect(`/back-office/demandes/${requestId}`);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 404) throw error;
    const field = ["personId", "endsOn", "email"].includes(error.code) ? error.code : "fichiers";
    return actionFailure(error.status, { fieldErrors: { [field]: error.message }, values });
  }
}

export default function RecordLegalRepresentative({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors: Fields = actionData?.fieldErrors ?? {};
  const v = (name: string) => actionData?.values?.[name] ?? "";
  return (
    <div className="account narrow">
      <p>
        <a href={`/back-office/adherents/${d.memberNumber}`}>← Fiche de l'adhérent {d.memberNumber}</a>
      </p>
      <h1>Enregistrer un représentant légal</h1>
      <p>
        Sur présentation du jugement qui prononce une tutelle ou une curatelle pour une personne majeure du contrat. Un
        gestionnaire vérifie le jugement et accepte : le représentant reçoit alors une invitation et agit pour le compte
        de la personne avec son propre compte (double authentification obligatoire). Une tutelle permet de consulter, de
        déposer des demandes et d'écrire à la mutuelle ; une curatelle, de consulter et d'écrire. Les coordonnées
        bancaires ne sont jamais accessibles.
      </p>
      <ErrorSummary title="Le représentant n'a pas été enregistré, corrigez :" errors={errors} />
      {d.adults.length === 0 ? (
        <p className="empty">Aucune personne majeure couverte sur ce contrat.</p>
      ) : (
        <Form method="post" encType="multipart/form-data" noValidate className="form-card">
          <fieldset className={errors.personId ? "field field--error" : "field"}>
            <legend>Personne protégée</legend>
            {errors.personId ? (
              <p className="field__error" id="personId-erreur">
                <span aria-hidden="true">⚠ </span>
                {errors.personId}
              </p>
            ) : null}
            {d.adults.map((p) => (
              <label key={p.id} className="choice">
                <input type="radio" name="personId" value={p.id} defaultChecked={v("personId") === p.id} required />{" "}
                {p.name}
              </label>
            ))}
          </fieldset>
          <fieldset className={errors.measure ? "field field--error" : "field"}>
            <legend>Mesure prononcée</legend>
            {errors.measure ? (
              <p className="field__error" id="measure-erreur">
                <span aria-hidden="true">⚠ </span>
                {errors.measure}
              </p>
            ) : null}
            {legalMeasures.map((m) => (
              <label key={m} className="choice">
                <input type="radio" name="measure" value={m} defaultChecked={v("measure") === m} required />{" "}
                {legalMeasureLabels[m]}
              </label>
            ))}
          </fieldset>
          <FormField
            name="name"
            label="Nom du représentant (tuteur, curateur)"
            autoComplete="off"
            defaultValue={v("name")}
            error={errors.name}
            required
          />
          <FormField
            name="email"
            type="email"
            label="Adresse e-mail du représentant"
            autoComplete="off"
            defaultValue={v("email")}
            error={errors.email}
            required
          />
          <FormField
            name="endsOn"
            type="date"
            label="Fin de la mesure (lue sur le jugement)"
            min={d.today}
            defaultValue={v("endsOn")}
            error={errors.endsOn}
            required
          />
          <div className={errors.fichiers ? "field field--error" : "field"}>
            <label htmlFor="fichiers">Jugement</label>
            <p className="field__hint" id="fichiers-aide">
              Le jugement qui prononce la mesure. PDF, JPEG ou PNG, {uploadLimits.maxFileBytes / 1024 / 1024} Mo au plus
              par fichier.
            </p>
            {errors.fichiers ? (
              <p className="field__error" id="fichiers-erreur">
                <span aria-hidden="true">⚠ </span>
                {errors.fichiers}
              </p>
            ) : null}
            <FilesInput error={errors.fichiers} hintId="fichiers-aide" />
          </div>
          <button type="submit" className="button button--primary">
            Enregistrer pour validation
          </button>
        </Form>
      )}
    </div>
  );
}
