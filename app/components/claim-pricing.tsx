// The claim decision's inputs, as the Sécurité sociale's décompte gives them, and what the amount was computed
// with: the back-office decision page's form and its decided view.
import { formatEuros, formatMoney } from "../modules/shared/format.ts";
import { FieldError, fieldErrorProps } from "./error-summary.tsx";
import { FormField } from "./form-field.tsx";

interface ClaimPricingFieldsProps {
  value: (name: string, fallback?: string) => string;
  error: (name: string) => string | undefined;
  categoryOptions: { code: string; label: string }[];
  defaultCategory: string;
  beneficiaryFirstName: string | null;
  hearingAidLimitCents: number | null;
  /** Care paid abroad in another currency: the amount and currency the member paid. */
  paidAbroad?: { amountCents: number; currency: string } | null;
}

/** Guarantee line, amounts of the décompte and what the engine needs to price the act (OPTAM, pathway, ear, PLV). */
export function ClaimPricingFields({
  value,
  error,
  categoryOptions,
  defaultCategory,
  beneficiaryFirstName,
  hearingAidLimitCents,
  paidAbroad = null,
}: ClaimPricingFieldsProps) {
  return (
    <>
      {paidAbroad ? (
        <FormField
          name="amountEur"
          label="Dépense convertie en euros (€)"
          hint={`Payé à l'étranger : ${formatMoney(paidAbroad.amountCents, paidAbroad.currency)}. La garantie calcule en euros : convertissez au taux du jour du soin (relevé bancaire de l'adhérent, ou taux de référence de la Banque centrale européenne).`}
          inputMode="decimal"
          defaultValue={value("amountEur")}
          error={error("amountEur")}
        />
      ) : null}
      <div className={error("category") ? "field field--error" : "field"}>
        <label htmlFor="category">Ligne de garantie</label>
        <FieldError id="category" error={error("category")} />
        <select
          id="category"
          name="category"
          defaultValue={value("category", defaultCategory)}
          {...fieldErrorProps("category", error("category"))}
        >
          <option value="">Choisir…</option>
          {categoryOptions.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <FormField
        name="base"
        label="Base de remboursement (€)"
        inputMode="decimal"
        defaultValue={value("base", "0")}
        error={error("base")}
      />
      <FormField
        name="amo"
        label="Part de la Sécurité sociale (€)"
        hint="Le montant versé, après déduction de la participation forfaitaire et des franchises."
        inputMode="decimal"
        defaultValue={value("amo", "0")}
        error={error("amo")}
      />
      <FormField
        name="deductible"
        label="Participation forfaitaire et franchises déduites (€)"
        hint="Sur le décompte : 2,00 € par consultation ou acte de médecin, 1,00 € par boîte de médicament ou acte paramédical, 4,00 € par transport ; 0 s'il n'y en a pas. Elles restent à la charge de l'adhérent."
        inputMode="decimal"
        defaultValue={value("deductible", "0")}
        error={error("deductible")}
      />
      <FormField
        name="quantity"
        label="Nombre d'unités"
        hint="Séances, verres, aides auditives (une par oreille), prothèses…"
        inputMode="numeric"
        defaultValue={value("quantity", "1")}
        error={error("quantity")}
      />
      <div className={error("optam") ? "field field--error" : "field"}>
        <label htmlFor="optam">Médecin adhérent à l'OPTAM ou à l'OPTAM-CO</label>
        <p className="field__hint" id="optam-aide">
          Obligatoire pour les consultations, visites et honoraires de médecins : le montant en dépend.
        </p>
        {error("optam") ? (
          <p className="field__error" id="optam-erreur">
            <span aria-hidden="true">⚠ </span>
            {error("optam")}
          </p>
        ) : null}
        <select
          id="optam"
          name="optam"
          defaultValue={value("optam", "")}
          aria-invalid={error("optam") ? true : undefined}
          aria-describedby={["optam-aide", error("optam") ? "optam-erreur" : ""].filter(Boolean).join(" ")}
        >
          <option value="">Non renseigné</option>
          <option value="oui">Oui, adhérent OPTAM / OPTAM-CO</option>
          <option value="non">Non</option>
        </select>
      </div>
      <fieldset className="field">
        <legend>Soin hors parcours de soins</legend>
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name="outOfPathway"
              value="oui"
              defaultChecked={value("outOfPathway") === "oui"}
              aria-describedby="outOfPathway-aide"
            />{" "}
            Soin hors parcours de soins coordonnés
          </label>
          <p className="field__hint" id="outOfPathway-aide">
            {
              "Le décompte indique un taux minoré (30\u00a0% au lieu de 70\u00a0%) : la majoration reste à la charge de l'adhérent."
            }
          </p>
        </div>
        <FormField
          name="pathwayAmoRate"
          label="Taux que la Sécurité sociale aurait appliqué dans le parcours de soins (%)"
          hint={
            "Seulement pour un soin hors parcours : de 70 à 100, par exemple 100 pour un soin lié à une ALD exonérante ; vide : 70\u00a0%."
          }
          inputMode="decimal"
          defaultValue={value("pathwayAmoRate")}
          error={error("pathwayAmoRate")}
        />
        <FormField
          name="outOfPathwayOverrun"
          label="Dépassement facturé hors parcours (€)"
          hint="Le dépassement autorisé (DA) du décompte ; 0 s'il n'y en a pas. Il reste à la charge de l'adhérent."
          inputMode="decimal"
          defaultValue={value("outOfPathwayOverrun", "0")}
          error={error("outOfPathwayOverrun")}
        />
      </fieldset>
      <div className={error("ear") ? "field field--error" : "field"}>
        <label htmlFor="ear">Oreille appareillée (aides auditives)</label>
        <p className="field__hint" id="ear-aide">
          Obligatoire pour une aide auditive : le renouvellement se compte par oreille (une aide auditive par oreille
          tous les 4 ans).
        </p>
        {error("ear") ? (
          <p className="field__error" id="ear-erreur">
            <span aria-hidden="true">⚠ </span>
            {error("ear")}
          </p>
        ) : null}
        <select
          id="ear"
          name="ear"
          defaultValue={value("ear", "")}
          aria-invalid={error("ear") ? true : undefined}
          aria-describedby={["ear-aide", error("ear") ? "ear-erreur" : ""].filter(Boolean).join(" ")}
        >
          <option value="">Sans objet ou non renseignée</option>
          <option value="left">Oreille gauche</option>
          <option value="right">Oreille droite</option>
          <option value="both">Les deux oreilles</option>
        </select>
      </div>
      <FormField
        name="priceLimit"
        label={"Prix limite de vente 100\u00a0% Santé, par unité (€)"}
        hint={priceLimitHint(beneficiaryFirstName, hearingAidLimitCents)}
        inputMode="decimal"
        // Never pre-filled: a figure left there would be taken as another 100 % Santé line's limit if the advisor
        // changes the line. Empty on the class I line means the law's limit for the age (server side).
        defaultValue={value("priceLimit", "")}
        error={error("priceLimit")}
      />
    </>
  );
}

/** The price limit's hint: where to find it, and the class I hearing aid's legal figure used when left empty. */
function priceLimitHint(beneficiaryFirstName: string | null, hearingAidLimitCents: number | null): string {
  const classOne =
    hearingAidLimitCents !== null
      ? `le prix limite fixé par la loi pour l'âge ${beneficiaryFirstName ? `de ${beneficiaryFirstName} ` : "du bénéficiaire "}à la date du soin, ${formatEuros(hearingAidLimitCents)} par oreille`
      : `le prix limite fixé par la loi pour l'âge du bénéficiaire à la date du soin, ${formatEuros(95_000)} par oreille (${formatEuros(140_000)} jusqu'au 20ᵉ anniversaire)`;
  return (
    "Obligatoire pour un équipement ou une prothèse 100\u00a0% Santé : il figure sur la facture. " +
    `Aide auditive de classe I : laissé vide, c'est ${classOne}.`
  );
}

/** Every input the amount was computed with, as the advisor entered or corrected it. */
export function PricingInputs({ inputs }: { inputs: { label: string; value: string }[] }) {
  return (
    <>
      <p>Calculé avec :</p>
      <dl className="detail-list">
        {inputs.map((i) => (
          <div key={i.label}>
            <dt>{i.label}</dt>
            <dd>{i.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
