// "Adhérer en ligne": the first two steps' forms (you; address and start date) and the signed journey's page,
// rendered by routes/adherer.tsx, which reads and saves them.
import { Form } from "react-router";
import { FieldError } from "./error-summary.tsx";
import { FormField } from "./form-field.tsx";
import { uploadLimits } from "../modules/claims/limits.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "../routes/+types/adherer";
import { BackButton, type Typed } from "./adhesion-steps.tsx";
import { FilesInput } from "./files-input.tsx";

type Journey = NonNullable<Route.ComponentProps["loaderData"]["journey"]>;
type StepProps = { j: Journey | null; errors: Record<string, string>; typed: Typed };

export function IdentityStep({ j, errors, typed }: StepProps) {
  const id = j?.identity;
  return (
    <Form method="post" noValidate className="form-card">
      <p>Chaque étape est enregistrée dès que vous la validez : vous pourrez reprendre plus tard.</p>
      <FormField
        name="email"
        type="email"
        label="Adresse e-mail"
        autoComplete="email"
        defaultValue={typed("email", j?.email ?? "")}
        error={errors.email}
        required
      />
      <FormField
        name="firstName"
        label="Prénom"
        autoComplete="given-name"
        defaultValue={typed("firstName", id?.firstName)}
        error={errors.firstName}
        required
      />
      <FormField
        name="lastName"
        label="Nom"
        autoComplete="family-name"
        defaultValue={typed("lastName", id?.lastName)}
        error={errors.lastName}
        required
      />
      <FormField
        name="birthDate"
        label="Date de naissance"
        hint="Au format JJ/MM/AAAA, par exemple 25/08/1984."
        inputMode="numeric"
        autoComplete="bday"
        defaultValue={typed("birthDate", id ? formatDate(id.birthDate) : "")}
        error={errors.birthDate}
        required
      />
      <FormField
        name="nir"
        label="Numéro de sécurité sociale"
        hint={
          id
            ? `Enregistré : ${id.nirMasked}. Saisissez-le à nouveau pour le confirmer ou le corriger.`
            : "Les 15 caractères de votre carte Vitale, clé comprise, par exemple 1 84 09 69 123 456 78."
        }
        autoComplete="off"
        defaultValue={typed("nir")}
        error={errors.nir}
        required
      />
      <button type="submit" name="intent" value="identite" className="button button--primary">
        Enregistrer et continuer
      </button>
    </Form>
  );
}

export function AddressStep({ j, errors, typed }: StepProps) {
  const address = j?.address;
  return (
    <Form method="post" noValidate className="form-card">
      <FormField
        name="addressLine1"
        label="Adresse"
        autoComplete="street-address"
        defaultValue={typed("addressLine1", address?.addressLine1)}
        error={errors.addressLine1}
        required
      />
      <FormField
        name="postalCode"
        label="Code postal"
        inputMode="numeric"
        autoComplete="postal-code"
        defaultValue={typed("postalCode", address?.postalCode)}
        error={errors.postalCode}
        required
      />
      <FormField
        name="city"
        label="Commune"
        autoComplete="address-level2"
        defaultValue={typed("city", address?.city)}
        error={errors.city}
        required
      />
      <FormField
        name="startDate"
        label="Date de début de votre nouveau contrat"
        hint="Le 1er d'un mois, aujourd'hui ou plus tard, dans les 12 prochains mois. Par exemple 01/02/2027."
        inputMode="numeric"
        defaultValue={typed("startDate", address ? formatDate(address.startDate) : "")}
        error={errors.startDate}
        required
      />
      <fieldset className="field" aria-describedby="contrat-actuel-aide">
        <legend>Votre contrat actuel (facultatif)</legend>
        <div className="field__hint" id="contrat-actuel-aide">
          <p>
            Déjà couvert par une complémentaire santé ? La mutuelle peut la résilier pour vous, sans frais (résiliation
            infra-annuelle, loi du 14 juillet 2019) :
          </p>
          <ul>
            <li>seulement si votre contrat actuel a plus d'un an ;</li>
            <li>il prend fin un mois après la réception de notre lettre ;</li>
            <li>
              votre nouveau contrat commence au plus tôt le 1er du mois qui suit cette fin, pour que vous ne soyez pas
              couvert deux fois.
            </li>
          </ul>
          <p>
            Si votre contrat actuel a moins d'un an, choisissez une date de début plus tardive pour votre nouveau
            contrat, ou résiliez-le vous-même à sa date de renouvellement annuel.
          </p>
        </div>
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              name="cancelPrevious"
              value="oui"
              defaultChecked={typed("cancelPrevious", j?.previousContract ? "oui" : "") === "oui"}
            />{" "}
            Je demande à la mutuelle de résilier mon contrat actuel en mon nom.
          </label>
        </div>
        <FormField
          name="previousInsurer"
          label="Organisme de votre contrat actuel"
          hint="Si vous demandez la résiliation. Par exemple : Mutuelle des Lilas."
          defaultValue={typed("previousInsurer", j?.previousContract?.insurer)}
          error={errors.previousInsurer}
        />
        <FormField
          name="previousStartDate"
          label="Date de début de votre contrat actuel"
          hint="Si vous demandez la résiliation. Au format JJ/MM/AAAA, sur votre échéancier ou votre certificat d'adhésion, par exemple 01/01/2024."
          inputMode="numeric"
          defaultValue={typed(
            "previousStartDate",
            j?.previousContract?.startDate ? formatDate(j.previousContract.startDate) : "",
          )}
          error={errors.previousStartDate}
        />
        <FormField
          name="previousContractNumber"
          label="Numéro de votre contrat actuel (facultatif)"
          hint="Sur votre carte de tiers payant ou votre échéancier."
          defaultValue={typed("previousContractNumber", j?.previousContract?.contractNumber ?? "")}
          error={errors.previousContractNumber}
        />
      </fieldset>
      <div className="button-row">
        <button type="submit" name="intent" value="adresse" className="button button--primary">
          Enregistrer et continuer
        </button>
        <BackButton />
      </div>
    </Form>
  );
}

/** A gestionnaire asked for a document: what they wrote, and the form that sends it (multipart, without JS). */
function DocumentRequested({ j, errors }: { j: Journey; errors: Record<string, string> }) {
  return (
    <section className="card" aria-labelledby="piece-demandee">
      <h2 id="piece-demandee">Une pièce vous est demandée</h2>
      <p>Votre conseiller a besoin de la pièce suivante pour étudier votre adhésion :</p>
      <p className="message__body">{j.documentRequest}</p>
      <Form method="post" encType="multipart/form-data" noValidate className="form-card">
        <div className={errors.fichiers ? "field field--error" : "field"}>
          <label htmlFor="fichiers">La pièce demandée</label>
          <p className="field__hint" id="fichiers-aide">
            PDF, JPEG ou PNG, {uploadLimits.maxFileBytes / 1024 / 1024} Mo au plus par fichier. Votre adhésion reste
            signée : vous n'avez rien d'autre à refaire.
          </p>
          <FieldError id="fichiers" error={errors.fichiers} />
          <FilesInput error={errors.fichiers} hintId="fichiers-aide" />
        </div>
        <button type="submit" name="intent" value="piece" className="button button--primary">
          Envoyer la pièce
        </button>
      </Form>
    </section>
  );
}

export function SignedStep({ j, errors }: { j: Journey; errors: Record<string, string> }) {
  if (j.status === "document_requested") return <DocumentRequested j={j} errors={errors} />;
  return (
    <section className="card" aria-labelledby="signee">
      <h2 id="signee">
        {j.status === "accepted"
          ? "Votre adhésion est acceptée"
          : j.status === "refused"
            ? "Votre demande d'adhésion n'a pas été acceptée"
            : "Votre adhésion est signée"}
      </h2>
      <p>
        {j.status === "accepted"
          ? "Activez votre espace adhérent avec le lien reçu par e-mail, puis connectez-vous."
          : j.status === "refused"
            ? "Le motif vous a été envoyé par e-mail."
            : `Signée le ${j.signedAt}. Un conseiller vérifie votre dossier (attestation de droits, coordonnées bancaires) ; vous recevrez ensuite un e-mail pour activer votre espace adhérent et choisir votre mot de passe.`}
      </p>
      <p>
        Vous pouvez renoncer à votre adhésion, sans frais ni motif, pendant 14 jours calendaires à compter de sa
        signature. Un e-mail vous confirme la signature et annonce vos premiers prélèvements.
      </p>
      <p>
        <a href="/offre/adherer/mandat.pdf">Télécharger le mandat de prélèvement SEPA signé (PDF)</a>
      </p>
      <p className="field__hint break-anywhere">Empreinte du document signé (SHA-256) : {j.signedSha256}</p>
      <Form method="post">
        <button type="submit" name="intent" value="nouvelle" className="button">
          Commencer une autre adhésion
        </button>
      </Form>
    </section>
  );
}
