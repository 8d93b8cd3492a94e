import type { LevelQuote } from "../modules/offer/quote.ts";
import { formatEuros } from "../modules/shared/format.ts";

/** The levels side by side (stacked on a phone): price per month, how it adds up, key guarantees. */
export function OfferLevels({
  quotes,
  highlight,
  highlightLabel,
  action,
}: {
  quotes: LevelQuote[];
  highlight: string | null;
  highlightLabel: string;
  /** A link under each card but the highlighted one (a member's "Choisir ce niveau"). */
  action?: (level: LevelQuote) => { href: string; label: string } | null;
}) {
  return (
    <ul className="offer-levels" aria-label="Niveaux de garantie">
      {quotes.map((q) => {
        const more = action?.(q);
        return (
          <li
            key={q.level}
            className={q.level === highlight ? "card offer-level offer-level--chosen" : "card offer-level"}
          >
            <h3 id={`niveau-${q.level}`}>
              {q.label}
              {q.level === highlight ? <span className="badge">{highlightLabel}</span> : null}
            </h3>
            <p className="offer-level__price">
              <strong>{formatEuros(q.monthlyCents)}</strong> par mois
            </p>
            <details>
              <summary>Détail du prix ({q.zoneLabel})</summary>
              <ul>
                {q.lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </details>
            {q.responsible ? <p className="muted">Contrat responsable, paniers 100 % Santé inclus.</p> : null}
            <h4>Garanties principales</h4>
            <dl className="offer-level__guarantees">
              {q.keyGuarantees.map((g) => (
                <div key={g.title}>
                  <dt>{g.title}</dt>
                  <dd>{g.rule}</dd>
                </div>
              ))}
            </dl>
            {more ? (
              <p>
                <a className="button button--primary" href={more.href} aria-describedby={`niveau-${q.level}`}>
                  {more.label}
                </a>
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** "100 % Santé" and "contrat responsable", in plain words. */
export function OfferExplanations() {
  return (
    <section aria-labelledby="comprendre" className="card">
      <h2 id="comprendre">Comprendre les garanties</h2>
      <h3>100 % Santé</h3>
      <p>
        Pour certaines lunettes, prothèses dentaires et aides auditives, la Sécurité sociale et votre mutuelle
        remboursent ensemble la totalité du prix : rien ne reste à votre charge. Le professionnel de santé doit vous
        proposer au moins un équipement 100 % Santé ; vous restez libre de choisir un autre équipement, remboursé selon
        votre niveau de garantie.
      </p>
      <h3>Contrat responsable</h3>
      <p>
        Les trois niveaux sont des contrats « responsables » : ils remboursent au moins le ticket modérateur (la part
        que la Sécurité sociale laisse à votre charge) et le forfait journalier à l'hôpital, incluent le 100 % Santé et
        respectent des plafonds fixés par la loi, par exemple sur les dépassements d'honoraires des médecins qui
        n'adhèrent pas à l'OPTAM. En échange, la taxe sur le contrat est réduite. La participation forfaitaire de 2 € et
        les franchises médicales ne sont jamais remboursées.
      </p>
    </section>
  );
}
