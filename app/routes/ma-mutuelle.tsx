import { servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { getContractSummary } from "../modules/households/queries.server.ts";
import { addYears } from "../modules/clock/calendar.ts";
import { formatDate, formatYears } from "../modules/shared/format.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/ma-mutuelle";

export const meta: Route.MetaFunction = () => [{ title: "Ma mutuelle – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db, env } = args.context.get(servicesContext);
  const [contract, help] = await Promise.all([getContractSummary(db, viewer), helpForPage(db, "ma-mutuelle")]);
  const years = env.FORMER_MEMBER_ACCESS_YEARS;
  // Open through the last covered day plus the years, that day included (accounts/former-members.server.ts).
  const formerAccess = contract.coverageEnd
    ? { years: formatYears(years), until: addYears(contract.coverageEnd, years) }
    : null;
  return { contract, formerAccess, help };
}

const roleLabels: Record<string, string> = {
  member: "Adhérent",
  spouse: "Conjoint",
  child: "Enfant",
  other: "Bénéficiaire",
};

export default function MyContract({ loaderData: { contract, formerAccess, help } }: Route.ComponentProps) {
  return (
    <div className="contract">
      <h1>Ma mutuelle</h1>
      <section className="card" aria-labelledby="contrat">
        <h2 id="contrat">Mon contrat santé</h2>
        <dl className="detail-list">
          <div>
            <dt>Numéro d'adhérent</dt>
            <dd>{contract.memberNumber}</dd>
          </div>
          <div>
            <dt>Niveau de garantie</dt>
            <dd>{contract.coverageLevel}</dd>
          </div>
          <div>
            <dt>Début du contrat</dt>
            <dd>{formatDate(contract.coverageStart)}</dd>
          </div>
          {contract.coverageEnd ? (
            <div>
              <dt>Fin du contrat</dt>
              <dd>Résilié : dernier jour couvert le {formatDate(contract.coverageEnd)}</dd>
            </div>
          ) : null}
        </dl>
        {contract.coverageEnd && formerAccess ? (
          <>
            <p>
              {`Vos soins sont remboursés jusqu'au ${formatDate(contract.coverageEnd)} inclus. Votre espace et vos ` +
                `documents restent accessibles pendant ${formerAccess.years}, jusqu'au ${formatDate(formerAccess.until)}.`}
            </p>
            <p>Votre contrat étant résilié, vous ne pouvez plus changer de niveau de garantie.</p>
          </>
        ) : null}
        <ul className="link-list">
          <li>
            <a href="/ma-mutuelle/garanties">Mes garanties et ce qu'il me reste cette année</a>
          </li>
          {contract.coverageEnd ? null : (
            <li>
              <a href="/offre">Comparer les niveaux de garantie pour mon foyer, changer de niveau</a>
            </li>
          )}
          <li>
            <a href="/ma-mutuelle/beneficiaires">Mes bénéficiaires : ajouter ou retirer une personne</a>
          </li>
          <li>
            <a href="/ma-mutuelle/coordonnees-bancaires">Mes informations bancaires : voir ou modifier un RIB</a>
          </li>
          <li>
            <a href="/documents">Mes contrats et documents : carte de tiers payant, attestation, échéancier, notices</a>
          </li>
          <li>
            <a href="/remboursements/releve">Relevé de prestations</a>
          </li>
          <li>
            <a href="/remboursements/synthese">Synthèse de mes soins de l'année</a>
          </li>
          {contract.coverageEnd ? null : (
            <li>
              <a href="/ma-mutuelle/resiliation">Résilier mon contrat</a>
            </li>
          )}
        </ul>
      </section>
      <section className="card" aria-labelledby="beneficiaires">
        <h2 id="beneficiaires">Les personnes couvertes</h2>
        <ul className="item-list">
          {contract.beneficiaries.map((b) => (
            <li key={b.id} className="item">
              <span className="item__title">
                {b.firstName} {b.lastName}
              </span>
              <span className="item__amount">{roleLabels[b.role] ?? "Bénéficiaire"}</span>
              <span className="item__meta">Début de couverture : {formatDate(b.coverageStart)}</span>
            </li>
          ))}
        </ul>
      </section>
      <HelpLinks articles={help} />
    </div>
  );
}
