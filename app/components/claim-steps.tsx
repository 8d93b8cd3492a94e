// "Demander un remboursement": the steps' names and addresses, the list that says where the member is, and
// step 3 (Récapitulatif, then "Valider ma demande"), rendered by routes/demande-nouvelle.tsx.
import { Form } from "react-router";
import { Money } from "./money.tsx";
import { careTypeLabel } from "../modules/shared/care-types.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "../routes/+types/demande-nouvelle";

export type ClaimPage = Route.ComponentProps["loaderData"];

export const stepNames = ["Détail du soin", "Pièces justificatives", "Récapitulatif"];

export const stepUrl = (draftId: string, step: number) => `/demandes/nouvelle?brouillon=${draftId}&etape=${step}`;

export function Steps({ step }: { step: number }) {
  return (
    <ol className="steps" aria-label="Étapes de la demande">
      {stepNames.map((name, i) => (
        <li
          key={name}
          aria-current={step === i + 1 ? "step" : undefined}
          className={step > i + 1 ? "steps__done" : undefined}
        >
          {`${i + 1}/3 ${name}`}
          {/* Not by colour alone (RGAA 3.1): a completed step says so, the current one too. */}
          {step > i + 1 ? <span className="steps__state"> (terminée)</span> : null}
          {step === i + 1 ? <span className="steps__state"> (en cours)</span> : null}
        </li>
      ))}
    </ol>
  );
}

export function SummaryStep({
  d,
  draftId,
  error,
}: {
  d: ClaimPage;
  draftId: string;
  /** The refusal of a démarche like one already sent, unless the member ticks that it is another care. */
  error: string | undefined;
}) {
  const person = d.people.find((p) => p.id === d.data.beneficiaryId);
  return (
    <Form method="post" className="card form-card">
      <h2>3/3 Récapitulatif</h2>
      <dl className="detail-list">
        <div>
          <dt>Bénéficiaire du soin</dt>
          <dd>{person?.name}</dd>
        </div>
        <div>
          <dt>Type de soin</dt>
          <dd>{careTypeLabel(d.data.careType ?? "")}</dd>
        </div>
        <div>
          <dt>Lieu du soin</dt>
          <dd>{d.data.abroad ? `À l'étranger (${d.data.country}, ${d.data.currency})` : "En France"}</dd>
        </div>
        <div>
          <dt>Date du soin</dt>
          <dd>{formatDate(d.data.careDate!)}</dd>
        </div>
        <div>
          <dt>Montant payé</dt>
          <dd>
            <Money cents={d.data.amountCents!} currency={d.data.abroad ? d.data.currency : null} />
          </dd>
        </div>
        <div>
          <dt>Pièces jointes</dt>
          <dd>{d.files.map((f) => f.originalName).join(", ")}</dd>
        </div>
      </dl>
      <input type="hidden" name="brouillon" value={draftId} />
      {d.similarOn ? (
        <div className={error ? "field field--error alert alert--error" : "alert alert--error"}>
          <p>
            Vous avez déjà envoyé une demande pour ce soin le {formatDate(d.similarOn)} (référence {d.similarReference}
            ).
          </p>
          {error ? (
            <p className="field__error" id="confirmSimilar-erreur">
              {error}
            </p>
          ) : null}
          <input type="hidden" name="similarShown" value="1" />
          <label className="choice">
            <input
              type="checkbox"
              name="confirmSimilar"
              aria-describedby={error ? "confirmSimilar-erreur" : undefined}
            />{" "}
            Il s'agit d'un autre soin : envoyer quand même
          </label>
        </div>
      ) : null}
      <p className="wizard-nav">
        <a href={stepUrl(draftId, 2)}>← Étape précédente</a>
        <button type="submit" name="intent" value="submit" className="button button--primary">
          Valider ma demande
        </button>
      </p>
    </Form>
  );
}
