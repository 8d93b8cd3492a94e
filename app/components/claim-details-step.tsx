// "Demander un remboursement", step 1 (Détail du soin): who, what care, where, when and how much, rendered by
// routes/demande-nouvelle.tsx, which checks and saves it in the draft.
import { Form } from "react-router";
import { FieldError, ErrorSummary, fieldErrorProps, groupErrorProps } from "./error-summary.tsx";
import { FormField } from "./form-field.tsx";
import { currencies } from "../modules/claims/claim-form.ts";
import { careTypeLabel, careTypes } from "../modules/shared/care-types.ts";
import type { ClaimPage } from "./claim-steps.tsx";

const amountText = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");
const currencyNames = new Intl.DisplayNames("fr-FR", { type: "currency" });
/** "CHF" → "Franc suisse (CHF)": the code alone is not plain French. */
const currencyName = (code: string) => {
  const name = currencyNames.of(code) ?? code;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} (${code})`;
};

export function DetailsStep({
  d,
  errors,
  values,
  keptShown,
}: {
  d: ClaimPage;
  errors: Record<string, string>;
  /** What was typed (an answer of the action, or what was kept while the member signed in again). */
  values: Record<string, string>;
  /** The fields hold what was kept across a new sign-in: said so. */
  keptShown: boolean;
}) {
  const v = (name: string, fallback = "") => values[name] ?? fallback;
  return (
    <Form method="post" className="card form-card" noValidate data-garde-brouillon="">
      <h2>1/3 Détail du soin</h2>
      <ErrorSummary
        title="Votre demande n'a pas été enregistrée, corrigez :"
        errors={{
          ...errors,
          // Care abroad: its amount is the field "in the currency chosen".
          ...(errors.amount && v("lieu") === "etranger" ? { amount: undefined, amountAbroad: errors.amount } : {}),
        }}
      />
      {keptShown ? (
        <p className="alert alert--info" role="status">
          Vous êtes de nouveau connecté : nous avons gardé ce que vous aviez saisi. Vérifiez-le, puis continuez.
        </p>
      ) : null}
      <p className="alert alert--info">Pour éviter les erreurs, veuillez envoyer une seule demande par soin.</p>
      <p className="muted">Les champs marqués d'un astérisque (*) sont obligatoires.</p>
      <input type="hidden" name="intent" value="details" />
      {d.draftId ? <input type="hidden" name="brouillon" value={d.draftId} /> : null}
      <fieldset
        className={errors.beneficiaryId ? "field field--error" : "field"}
        {...groupErrorProps("beneficiaryId", errors.beneficiaryId)}
      >
        <legend>Bénéficiaire du soin *</legend>
        {errors.beneficiaryId ? (
          <p className="field__error" id="beneficiaryId-erreur">
            {errors.beneficiaryId}
          </p>
        ) : null}
        {d.people.map((p, i) => (
          <label key={p.id} className="choice">
            <input
              type="radio"
              name="beneficiaryId"
              id={i === 0 ? "beneficiaryId" : undefined}
              required
              value={p.id}
              defaultChecked={v("beneficiaryId", d.data.beneficiaryId) === p.id}
            />{" "}
            {p.name}
          </label>
        ))}
      </fieldset>
      <div className={errors.careType ? "field field--error" : "field"}>
        <label htmlFor="careType">Type de soin *</label>
        {errors.careType ? (
          <p className="field__error" id="careType-erreur">
            {errors.careType}
          </p>
        ) : null}
        <select
          id="careType"
          name="careType"
          required
          defaultValue={v("careType", d.data.careType)}
          {...fieldErrorProps("careType", errors.careType)}
        >
          <option value="">Choisissez…</option>
          {Object.keys(careTypes).map((c) => (
            <option key={c} value={c}>
              {careTypeLabel(c)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className={errors.lieu ? "field field--error" : "field"} {...groupErrorProps("lieu", errors.lieu)}>
        <legend>Lieu du soin *</legend>
        <FieldError id="lieu" error={errors.lieu} />
        <label className="choice">
          <input
            type="radio"
            name="lieu"
            id="lieu"
            required
            value="france"
            defaultChecked={
              v("lieu", d.data.abroad === undefined ? "" : d.data.abroad ? "etranger" : "france") === "france"
            }
          />{" "}
          En France
        </label>
        <label className="choice">
          <input
            type="radio"
            name="lieu"
            required
            value="etranger"
            defaultChecked={v("lieu", d.data.abroad ? "etranger" : "") === "etranger"}
          />{" "}
          À l'étranger
        </label>
      </fieldset>
      {/* Shown only once "À l'étranger" is chosen, by CSS (works without JavaScript); a browser without
          :has() shows it always, and the server ignores it for care in France. */}
      <fieldset className="field claim-abroad">
        <legend>Soin à l'étranger</legend>
        <FormField
          name="country"
          label="Pays du soin *"
          defaultValue={v("country", d.data.country)}
          error={errors.country}
          autoComplete="country-name"
        />
        <div className={errors.currency ? "field field--error" : "field"}>
          <label htmlFor="currency">Monnaie payée *</label>
          {errors.currency ? (
            <p className="field__error" id="currency-erreur">
              {errors.currency}
            </p>
          ) : null}
          <select
            id="currency"
            name="currency"
            defaultValue={v("currency", d.data.currency)}
            {...fieldErrorProps("currency", errors.currency)}
          >
            <option value="">Choisissez…</option>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {currencyName(c)}
              </option>
            ))}
          </select>
        </div>
        <FormField
          name="amountAbroad"
          label="Montant payé, dans la monnaie choisie ci-dessus *"
          hint="Par exemple 45,00"
          inputMode="decimal"
          defaultValue={v("amountAbroad", d.data.abroad && d.data.amountCents ? amountText(d.data.amountCents) : "")}
          error={errors.amount}
        />
      </fieldset>
      <FormField
        name="careDate"
        type="date"
        label="Date du soin *"
        defaultValue={v("careDate", d.data.careDate)}
        error={errors.careDate}
        required
      />
      <div className="claim-in-france">
        <FormField
          name="amount"
          label="Montant payé, en euros *"
          hint="Par exemple 45,00"
          inputMode="decimal"
          defaultValue={v("amount", !d.data.abroad && d.data.amountCents ? amountText(d.data.amountCents) : "")}
          error={errors.amount}
        />
      </div>
      <button type="submit" className="button button--primary">
        Continuer
      </button>
    </Form>
  );
}
