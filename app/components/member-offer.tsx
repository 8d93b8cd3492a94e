import type { MemberOfferData } from "../modules/offer/member-offer.server.ts";
import { formatDate, formatEuros } from "../modules/shared/format.ts";
import { OfferExplanations, OfferLevels } from "./offer-levels.tsx";

/** /offre for a signed-in member: their level and price, the other levels priced for their household. */
export function MemberOffer({ offer: o, demande }: { offer: MemberOfferData; demande: string | null }) {
  const canChange = !o.pendingChange && !o.acceptedChange && !o.pendingTermination && !o.coverageEnd;
  return (
    <div className="offer">
      <h1>Mon offre et les autres niveaux</h1>
      {demande ? (
        <div className="alert alert--info" role="status">
          Votre demande {demande} est envoyée. Votre mutuelle vous répond dans Mes démarches.
        </div>
      ) : null}
      <section className="card" aria-labelledby="mon-niveau">
        <h2 id="mon-niveau">Mon niveau actuel</h2>
        <dl className="detail-list">
          <div>
            <dt>Niveau de garantie</dt>
            <dd>{o.levelLabel}</dd>
          </div>
          <div>
            <dt>Cotisation mensuelle actuelle</dt>
            <dd>{formatEuros(o.premiumMonthlyCents)}</dd>
          </div>
          <div>
            <dt>Personnes couvertes</dt>
            <dd>{o.people.map((p) => p.name).join(", ")}</dd>
          </div>
        </dl>
        {o.pendingChange ? (
          <p className="alert alert--info">
            Changement demandé ({o.pendingChange.reference}) : niveau {o.pendingChange.toLabel} à partir du{" "}
            {formatDate(o.pendingChange.effectiveDate)}, en attente de la réponse de votre mutuelle.
          </p>
        ) : null}
        {o.acceptedChange ? (
          <p className="alert alert--info">
            Changement accepté : niveau {o.acceptedChange.toLabel} à partir du{" "}
            {formatDate(o.acceptedChange.effectiveDate)}. Jusque-là, votre niveau et votre cotisation actuels
            s'appliquent ; votre échéancier en tient compte.
          </p>
        ) : null}
        {o.pendingTermination ? (
          <p className="alert alert--info">
            Résiliation enregistrée ({o.pendingTermination.reference}) : couverture jusqu'au{" "}
            {formatDate(o.pendingTermination.lastCoveredDay)} inclus.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="comparer">
        <h2 id="comparer">Comparer les niveaux pour mon foyer</h2>
        {o.quotes ? (
          <>
            <p>
              Tarifs au {formatDate(o.pricedOn)} calculés pour les personnes couvertes par votre contrat, selon leur âge
              atteint dans l'année et votre département.
            </p>
            <OfferLevels
              quotes={o.quotes}
              highlight={o.levelId}
              highlightLabel=" Mon niveau"
              action={(q) =>
                canChange && q.level !== o.levelId
                  ? { href: `/offre/changer-de-niveau?niveau=${q.level}`, label: `Passer au niveau ${q.label}` }
                  : null
              }
            />
          </>
        ) : (
          <p className="alert alert--info">{o.problem}</p>
        )}
      </section>
      <OfferExplanations />
      <p>
        <a href="/ma-mutuelle/resiliation">Résilier mon contrat</a>
      </p>
    </div>
  );
}
