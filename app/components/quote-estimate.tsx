// The estimate of "Envoyer ou estimer un devis": what the Sécurité sociale, the mutuelle and the member pay, line
// by line with the 100% Santé equivalent, the calculation's steps, and the form that sends this devis with its file.
import { Form } from "react-router";
import type { blockedRenewal, estimateQuote } from "../modules/guarantees/estimate.ts";
import { formatDate } from "../modules/shared/format.ts";
import { Money } from "./money.tsx";
import { FilesInput } from "./files-input.tsx";

export type ShownEstimate = ReturnType<typeof estimateQuote> & {
  who: string;
  key: string;
  blocked: ReturnType<typeof blockedRenewal>;
};

export function QuoteEstimateSection({
  estimate,
  values,
  fileError,
}: {
  estimate: ShownEstimate;
  /** What was typed, sent again with the file as hidden fields. */
  values: Record<string, string>;
  fileError: string | undefined;
}) {
  return (
    <section className="card table-card" aria-labelledby="estimation">
      <h2 id="estimation">Estimation pour {estimate.who}</h2>
      {estimate.blocked ? (
        <div className="alert alert--warning" role="status">
          <p>
            <strong>
              Pas de remboursement de votre mutuelle avant le {formatDate(estimate.blocked.from)} pour{" "}
              {estimate.blocked.lines.join(", ").toLowerCase()}
            </strong>
            , ni pour un équipement 100 % Santé : la même règle de renouvellement s'applique.
          </p>
          <p>{estimate.blocked.reason}</p>
        </div>
      ) : null}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Estimation ligne par ligne</caption>
          <thead>
            <tr>
              <th scope="col">Acte</th>
              <th scope="col">Prix</th>
              <th scope="col">Sécurité sociale</th>
              <th scope="col">Mutuelle</th>
              <th scope="col">Reste à charge</th>
            </tr>
          </thead>
          <tbody>
            {estimate.lines.map((l, i) => (
              <tr key={i}>
                <th scope="row">
                  {l.label}
                  {l.quantity > 1 ? (
                    <>
                      {" "}
                      × {l.quantity} (<Money cents={Math.round(l.chargedCents / l.quantity)} /> l'unité)
                    </>
                  ) : null}
                  {l.alternative ? (
                    <span className="quote-alternative">
                      Équivalent 100 % Santé ({l.alternative.label}) : reste à charge <Money cents={0} />
                    </span>
                  ) : null}
                </th>
                <td>
                  <Money cents={l.chargedCents} />
                </td>
                <td>
                  <Money cents={l.amoCents} />
                </td>
                <td>
                  <Money cents={l.amcCents} />
                </td>
                <td>
                  <Money cents={l.remainingCents} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td>
                <Money cents={estimate.totals.chargedCents} />
              </td>
              <td>
                <Money cents={estimate.totals.amoCents} />
              </td>
              <td>
                <Money cents={estimate.totals.amcCents} />
              </td>
              <td>
                <Money cents={estimate.totals.remainingCents} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <details>
        <summary>Le détail du calcul</summary>
        {estimate.lines.map((l, i) => (
          <div key={i}>
            <h3>{l.label}</h3>
            <ol className="explanation">
              {l.steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          </div>
        ))}
      </details>
      <p className="muted">
        Estimation indicative, selon votre garantie et vos remboursements à ce jour ; la Sécurité sociale est comptée à
        60 % de la base de remboursement.
      </p>
      <Form method="post" encType="multipart/form-data" className="quote-send">
        <h3>Obtenir une réponse confirmée de votre mutuelle</h3>
        {Object.entries(values)
          .filter(([k]) => /^(beneficiaryId|soins|acte\d|prix\d|base\d|quantite\d)$/.test(k))
          .map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
        <input type="hidden" name="key" value={estimate.key} />
        <div className={fileError ? "field field--error" : "field"}>
          <label htmlFor="devis-fichier">Le devis (PDF ou photo)</label>
          {fileError ? (
            <p className="field__error" id="devis-fichier-erreur" role="alert">
              {fileError}
            </p>
          ) : null}
          <FilesInput id="devis-fichier" multiple={false} error={fileError} />
        </div>
        <button type="submit" className="button button--primary">
          Envoyer ce devis à ma mutuelle
        </button>
      </Form>
    </section>
  );
}
