// The back-office démarche page's answer forms: the claim's decision (pricing, proposal, override), the amount
// decided, the devis' answer, and "Demander une pièce" / "Refuser". Each posts to the page's action.
import { Form } from "react-router";
import { refusalReasons } from "../modules/back-office/decision-labels.ts";
import { formatEuros } from "../modules/shared/format.ts";
import { ClaimPricingFields, PricingInputs } from "./claim-pricing.tsx";
import { FieldError, fieldErrorProps } from "./error-summary.tsx";
import { FormField } from "./form-field.tsx";

/** What the action answered: the values typed and the errors, read by field name. */
export interface Typed {
  value: (name: string, fallback?: string) => string;
  error: (name: string) => string | undefined;
  /** The intent the action answered, to show a field's value and error only beside the form that sent it. */
  intent: string | undefined;
}

type ClaimPricingProps = Omit<Parameters<typeof ClaimPricingFields>[0], "value" | "error">;

export interface Proposal {
  amcCents: number;
  remainingCents: number;
  steps: string[];
  line: string | null;
}

export function ClaimDecisionSection({
  typed: { value, error, intent },
  pricing,
  proposal,
  inputs,
  mayOverride,
  noCategoryError,
}: {
  typed: Typed;
  pricing: ClaimPricingProps;
  proposal: Proposal | null;
  inputs: { label: string; value: string }[] | null;
  mayOverride: boolean;
  noCategoryError: boolean;
}) {
  return (
    <section className="card" aria-labelledby="decision">
      <h2 id="decision">Décision</h2>
      <Form method="post" noValidate className="form-card">
        <p>
          Saisissez les montants du décompte de la Sécurité sociale (0 si le soin n'est pas remboursé par elle) : le
          montant de la mutuelle est calculé par la garantie.
        </p>
        <ClaimPricingFields value={value} error={error} {...pricing} />
        {proposal ? (
          <div className="alert alert--info" role="status">
            <p>
              <strong>Montant proposé par la garantie : {formatEuros(proposal.amcCents)}</strong>
              {proposal.line ? ` (${proposal.line})` : ""}. Reste à charge : {formatEuros(proposal.remainingCents)}.
            </p>
            {inputs ? <PricingInputs inputs={inputs} /> : null}
            <ol>
              {proposal.steps.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ol>
          </div>
        ) : intent === "preview_claim" && noCategoryError ? (
          <div className="alert alert--info" role="status">
            Pas de proposition automatique pour ce soin.
          </div>
        ) : null}
        {mayOverride ? (
          <>
            <FormField
              name="override"
              label="Autre montant remboursé (€, facultatif, gestionnaire)"
              inputMode="decimal"
              defaultValue={value("override")}
              error={error("override")}
            />
            <FormField
              name="overrideReason"
              label="Motif de l'autre montant"
              defaultValue={value("overrideReason")}
              error={error("overrideReason")}
            />
          </>
        ) : null}
        <div className="button-row">
          <button type="submit" name="intent" value="preview_claim" className="button">
            Calculer
          </button>
          <button type="submit" name="intent" value="accept_claim" className="button button--primary">
            Accepter
          </button>
        </div>
      </Form>
    </section>
  );
}

export function DecidedAmountSection({
  decided,
}: {
  decided: {
    amcCents: number;
    override: { reason: string } | null;
    inputs: { label: string; value: string }[];
    steps: string[];
  };
}) {
  return (
    <section className="card" aria-labelledby="montant-decide">
      <h2 id="montant-decide">Montant décidé : {formatEuros(decided.amcCents)}</h2>
      {decided.override ? <p>Montant fixé par un gestionnaire : {decided.override.reason}</p> : null}
      <PricingInputs inputs={decided.inputs} />
      {decided.steps.length > 0 ? (
        <ol>
          {decided.steps.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

export function QuoteAnswerSection({
  typed: { value, error },
  lines,
}: {
  typed: Typed;
  lines: { label: string; chargedCents: number; amcCents: number; quantity?: number }[];
}) {
  return (
    <section className="card" aria-labelledby="reponse-devis">
      <h2 id="reponse-devis">Réponse au devis</h2>
      <Form method="post" noValidate className="form-card">
        {lines.map((line, i) => (
          <FormField
            key={i}
            name={`amc_${i}`}
            label={`${line.label}${(line.quantity ?? 1) > 1 ? ` × ${line.quantity} (${formatEuros(line.chargedCents / (line.quantity ?? 1))} l'unité)` : ""} : ${formatEuros(line.chargedCents)} — prise en charge confirmée (€)`}
            hint={`Estimation montrée à l'adhérent : ${formatEuros(line.amcCents)}`}
            inputMode="decimal"
            defaultValue={value(`amc_${i}`, (line.amcCents / 100).toFixed(2).replace(".", ","))}
            error={error(`amc_${i}`)}
          />
        ))}
        {lines.length === 0 ? (
          <FormField
            name="amc_0"
            label="Prise en charge confirmée pour ce devis (€)"
            hint="Devis envoyé sans estimation : lisez ses lignes sur le fichier joint."
            inputMode="decimal"
            defaultValue={value("amc_0")}
            error={error("amc_0")}
          />
        ) : null}
        <FormField name="note" id="quote-note" label="Message à l'adhérent (facultatif)" defaultValue={value("note")} />
        <button type="submit" name="intent" value="answer_quote" className="button button--primary">
          Envoyer la réponse
        </button>
      </Form>
    </section>
  );
}

export function MissingDocumentAndRefusal({
  typed: { value, error, intent },
  mayAskDocument,
}: {
  typed: Typed;
  mayAskDocument: boolean;
}) {
  return (
    <div className="advisor-grid">
      {mayAskDocument ? (
        <section className="card" aria-labelledby="piece">
          <h2 id="piece">Demander une pièce</h2>
          <Form method="post" noValidate className="form-card">
            <FormField
              name="note"
              label="Votre message à l'adhérent"
              hint="Il le lira tel quel dans Mes démarches."
              defaultValue={value("note")}
              error={intent === "missing_document" ? error("note") : undefined}
            />
            <button type="submit" name="intent" value="missing_document" className="button">
              Demander la pièce
            </button>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="refus">
        <h2 id="refus">Refuser</h2>
        <Form method="post" noValidate className="form-card">
          <div className={error("reason") ? "field field--error" : "field"}>
            <label htmlFor="reason">Motif</label>
            <FieldError id="reason" error={error("reason")} />
            <select
              id="reason"
              name="reason"
              defaultValue={value("reason")}
              required
              {...fieldErrorProps("reason", error("reason"))}
            >
              <option value="">Choisir…</option>
              {Object.entries(refusalReasons).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <FormField
            name="note"
            id="refuse-note"
            label="Précisions pour l'adhérent"
            defaultValue={intent === "refuse" ? value("note") : ""}
            error={intent === "refuse" ? error("note") : undefined}
          />
          <button type="submit" name="intent" value="refuse" className="button button--danger">
            Refuser
          </button>
        </Form>
      </section>
    </div>
  );
}
