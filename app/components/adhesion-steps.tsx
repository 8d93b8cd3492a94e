// "Adhérer en ligne": the form of each step after the first two (people, level, attestation, bank details,
// mandate, consents, summary and signature), rendered by routes/adherer.tsx, which reads and saves them.
import { Form } from "react-router";
import { FieldError, groupErrorProps } from "./error-summary.tsx";
import { FormField } from "./form-field.tsx";
import { uploadLimits } from "../modules/claims/limits.ts";
import { beneficiaryRoleLabels, maxAttestationFiles } from "../modules/offer/adhesion-rules.ts";
import { formatDate, formatEuros } from "../modules/shared/format.ts";
import type { Route } from "../routes/+types/adherer";
import { FilesInput } from "./files-input.tsx";

type Data = Route.ComponentProps["loaderData"];
type Journey = NonNullable<Data["journey"]>;

export function BackButton() {
  return (
    <button type="submit" name="intent" value="retour" className="button" formNoValidate>
      Revenir à l'étape précédente
    </button>
  );
}

export type Typed = (name: string, saved?: string) => string;

export function BeneficiariesStep({ j, errors, typed }: { j: Journey; errors: Record<string, string>; typed: Typed }) {
  const role = typed("role");
  return (
    <>
      <section className="card" aria-labelledby="beneficiaires-liste">
        <h2 id="beneficiaires-liste">Personnes couvertes</h2>
        <ul className="plain-list">
          <li>
            {j.identity?.firstName} {j.identity?.lastName} (vous, l'adhérent)
          </li>
          {j.beneficiaries.map((b) => (
            <li key={b.id}>
              <Form method="post" className="inline-form">
                {b.firstName} {b.lastName}, {beneficiaryRoleLabels[b.role].toLowerCase()}, né(e) le{" "}
                {formatDate(b.birthDate)}
                {b.nirMasked ? `, n° ${b.nirMasked}` : ", rattaché(e) à votre numéro"}
                {b.role === "child" ? `, rang ${b.rank}` : ""} <input type="hidden" name="id" value={b.id} />
                <button type="submit" name="intent" value="retirer_beneficiaire" className="button button--quiet">
                  Retirer<span className="visually-hidden"> {b.firstName}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <Form method="post" noValidate className="form-card" aria-labelledby="ajouter-titre">
        <h2 id="ajouter-titre">Ajouter un conjoint ou un enfant</h2>
        <fieldset className={errors.role ? "field field--error" : "field"} {...groupErrorProps("role", errors.role)}>
          <legend>Lien avec vous</legend>
          <FieldError id="role" error={errors.role} />
          <label>
            <input type="radio" name="role" value="spouse" id="role" defaultChecked={role === "spouse"} /> Conjoint
            (marié, pacsé ou concubin)
          </label>
          <label>
            <input type="radio" name="role" value="child" defaultChecked={role === "child"} /> Enfant
          </label>
        </fieldset>
        <FormField
          name="firstName"
          label="Prénom"
          autoComplete="off"
          defaultValue={typed("firstName")}
          error={errors.firstName}
        />
        <FormField
          name="lastName"
          label="Nom"
          autoComplete="off"
          defaultValue={typed("lastName")}
          error={errors.lastName}
        />
        <FormField
          name="birthDate"
          label="Date de naissance"
          hint="Au format JJ/MM/AAAA, par exemple 14/03/2015."
          inputMode="numeric"
          autoComplete="off"
          defaultValue={typed("birthDate")}
          error={errors.birthDate}
        />
        <FormField
          name="nir"
          label="Numéro de sécurité sociale"
          hint="Obligatoire pour un conjoint. Pour un enfant rattaché à votre numéro, laissez vide."
          autoComplete="off"
          defaultValue={typed("nir")}
          error={errors.nir}
        />
        <FormField
          name="rank"
          label="Rang de naissance (enfant)"
          hint="1 en général ; 2 pour le second de jumeaux nés le même jour."
          inputMode="numeric"
          autoComplete="off"
          defaultValue={typed("rank", "1")}
          error={errors.rank}
        />
        <button type="submit" name="intent" value="ajouter_beneficiaire" className="button">
          Ajouter cette personne
        </button>
      </Form>
      <Form method="post" className="button-row">
        <button type="submit" name="intent" value="beneficiaires" className="button button--primary">
          {j.beneficiaries.length > 0 ? "Continuer" : "Continuer sans ajouter de personne"}
        </button>
        <BackButton />
      </Form>
    </>
  );
}

export function LevelStep({ d, errors }: { d: Data; errors: Record<string, string> }) {
  return (
    <Form method="post" noValidate className="form-card">
      <p>
        Prix par mois pour les personnes couvertes, au{" "}
        {d.journey?.address ? formatDate(d.journey.address.startDate) : ""} (date de début du contrat).
      </p>
      <fieldset className={errors.level ? "field field--error" : "field"} {...groupErrorProps("level", errors.level)}>
        <legend>Niveau de garanties</legend>
        <FieldError id="level" error={errors.level} />
        {d.quotes.map((q, i) => (
          <div key={q.level} className="choice choice--detailed">
            <label>
              <input
                type="radio"
                name="level"
                value={q.level}
                id={i === 0 ? "level" : undefined}
                defaultChecked={d.journey?.level === q.level}
              />{" "}
              <span>
                <strong>{q.label}</strong> : {formatEuros(q.monthlyCents)} par mois
                {q.responsible ? " (contrat responsable)" : ""}
              </span>
            </label>
            <ul className="field__hint">
              {q.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ))}
      </fieldset>
      <p>
        <a href="/offre">Comparer les garanties des niveaux</a>
      </p>
      <div className="button-row">
        <button type="submit" name="intent" value="niveau" className="button button--primary">
          Enregistrer et continuer
        </button>
        <BackButton />
      </div>
    </Form>
  );
}

export function AttestationStep({ j, errors }: { j: Journey; errors: Record<string, string> }) {
  return (
    <>
      {j.files.length > 0 ? (
        <section className="card" aria-labelledby="fichiers-joints">
          <h2 id="fichiers-joints">Fichiers joints</h2>
          <ul className="plain-list">
            {j.files.map((f) => (
              <li key={f.id}>
                <Form method="post" className="inline-form">
                  {f.name} ({Math.max(1, Math.round(f.sizeBytes / 1024))} Ko){" "}
                  <input type="hidden" name="fileId" value={f.id} />
                  <button type="submit" name="intent" value="retirer_fichier" className="button button--quiet">
                    Retirer<span className="visually-hidden"> {f.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate className="form-card">
        <div className={errors.fichiers ? "field field--error" : "field"}>
          <label htmlFor="fichiers">Attestation de droits à l'assurance maladie</label>
          <p className="field__hint" id="fichiers-aide">
            Téléchargeable sur votre compte ameli ou demandée à votre caisse ; elle doit mentionner chaque personne à
            couvrir. PDF, JPEG ou PNG, {uploadLimits.maxFileBytes / 1024 / 1024} Mo au plus par fichier,{" "}
            {maxAttestationFiles} fichiers au plus.
          </p>
          <FieldError id="fichiers" error={errors.fichiers} />
          <FilesInput error={errors.fichiers} hintId="fichiers-aide" />
        </div>
        <div className="button-row">
          <button type="submit" name="intent" value="attestation" className="button button--primary">
            Continuer
          </button>
          <button type="submit" name="intent" value="joindre" className="button">
            Joindre le fichier
          </button>
        </div>
      </Form>
      <Form method="post">
        <BackButton />
      </Form>
    </>
  );
}

export function BankStep({ j, errors, typed }: { j: Journey; errors: Record<string, string>; typed: Typed }) {
  const other = typed("refundAccount", j.bank?.refundMasked ? "autre" : "meme") === "autre";
  return (
    <Form method="post" noValidate className="form-card">
      {j.bank ? (
        <p>
          Enregistré : {j.bank.debitMasked}
          {j.bank.refundMasked ? `, remboursements sur ${j.bank.refundMasked}` : ""}. Saisissez à nouveau l'IBAN pour le
          confirmer ou le corriger.
        </p>
      ) : null}
      <h2>Compte prélevé pour les cotisations</h2>
      <FormField
        name="holderName"
        label="Titulaire du compte"
        autoComplete="name"
        defaultValue={typed(
          "holderName",
          j.bank?.holderName ?? `${j.identity?.firstName ?? ""} ${j.identity?.lastName ?? ""}`.trim(),
        )}
        error={errors.holderName}
      />
      <FormField
        name="debitIban"
        label="IBAN"
        hint="Tel qu'il figure sur votre RIB, par exemple FR76 3000 6000 0112 3456 7890 189."
        autoComplete="off"
        defaultValue={typed("debitIban")}
        error={errors.debitIban}
      />
      <fieldset className="field">
        <legend>Compte crédité de vos remboursements</legend>
        <label>
          <input type="radio" name="refundAccount" value="meme" defaultChecked={!other} /> Le même compte
        </label>
        <label>
          <input type="radio" name="refundAccount" value="autre" defaultChecked={other} /> Un autre compte (saisi
          ci-dessous)
        </label>
      </fieldset>
      <FormField
        name="refundHolderName"
        label="Titulaire de l'autre compte (remboursements)"
        autoComplete="off"
        defaultValue={typed("refundHolderName", j.bank?.refundHolderName ?? "")}
        error={errors.refundHolderName}
      />
      <FormField
        name="refundIban"
        label="IBAN de l'autre compte (remboursements)"
        hint="Seulement si vous avez choisi « Un autre compte »."
        autoComplete="off"
        defaultValue={typed("refundIban")}
        error={errors.refundIban}
      />
      <div className="button-row">
        <button type="submit" name="intent" value="banque" className="button button--primary">
          Enregistrer et continuer
        </button>
        <BackButton />
      </div>
    </Form>
  );
}
