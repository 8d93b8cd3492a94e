import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import { servicesContext } from "../context.ts";
import { notFound, requireScope } from "../guards.server.ts";
import { useEffect, useState } from "react";
import { useLocation } from "react-router";
import { keepCardOffline } from "../components/offline-card.ts";
import { datamatrixSvg } from "../modules/documents/code-2d.server.ts";
import { getCard } from "../modules/documents/member-documents.server.ts";
import { cardStatus } from "../modules/documents/card.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/carte-tiers-payant";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Carte de tiers payant${loaderData ? ` ${loaderData.card.year}` : ""} – Espace adhérent` },
];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "card");
  const year = Number(args.params.year);
  if (!Number.isInteger(year)) notFound();
  const { db, brand, clock } = args.context.get(servicesContext);
  const card = await getCard(db, brand, viewer, year, clock.today());
  if (!card) notFound(); // a year outside the coverage has no card, not an empty one
  const today = clock.today();
  return {
    card,
    status: cardStatus(card.year, today),
    currentYear: Number(today.slice(0, 4)),
    brandName: brand.name,
    code: await datamatrixSvg(card.codeText),
    help: await helpForPage(db, "carte"),
  };
}

// The page works offline once opened (members show it at the pharmacy counter): its service worker keeps this
// page (asked by the page itself, so one visit is enough) and its PDF, and nothing else; signing out clears it.
function useKeptOffline(): boolean {
  const { pathname } = useLocation();
  const [keptFor, setKeptFor] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    keepCardOffline(pathname).then(
      (ok) => {
        if (current && ok) setKeptFor(pathname);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [pathname]);
  return keptFor === pathname;
}

export default function CardPage({
  loaderData: { card, status, currentYear, brandName, code, help },
}: Route.ComponentProps) {
  const keptOffline = useKeptOffline();
  return (
    <div className="tp-card-page">
      <p>
        <a href="/documents">← Mes documents</a>
      </p>
      <h1>
        Carte de tiers payant {card.year}
        {status === "expired" ? " (expirée)" : ""}
      </h1>
      {status === "expired" ? (
        <div className="alert alert--warning" role="status">
          {`Cette carte a expiré le ${formatDate(card.validTo)} : ne la présentez plus, elle est gardée pour mémoire. `}
          <a href={`/documents/carte-tiers-payant/${currentYear}`}>Votre carte {currentYear}</a>
        </div>
      ) : status === "upcoming" ? (
        <div className="alert alert--info" role="status">
          {`Votre carte ${card.year}, valable à partir du ${formatDate(card.validFrom)} : présentez jusque-là votre `}
          <a href={`/documents/carte-tiers-payant/${currentYear}`}>carte {currentYear}</a>.
        </div>
      ) : null}
      <article className="tp-card" aria-label={`Carte de tiers payant ${card.year} de ${brandName}`}>
        <header className="tp-card__head">
          <span>{brandName}</span>
          {card.responsible ? (
            <span className="tp-card__r" title="Contrat responsable">
              R
            </span>
          ) : null}
        </header>
        <dl className="tp-card__fields">
          <div>
            <dt>
              N° <abbr title="Assurance maladie complémentaire">AMC</abbr>
            </dt>
            <dd>{card.amcNumber}</dd>
          </div>
          <div>
            <dt>Type de convention</dt>
            <dd>{card.conventionType}</dd>
          </div>
          <div>
            <dt>
              <a href="/glossaire#critere-secondaire">Critère secondaire</a>
            </dt>
            <dd>{card.routingCriterion}</dd>
          </div>
          <div>
            <dt>N° adhérent</dt>
            <dd>{card.memberNumber}</dd>
          </div>
          <div>
            <dt>Validité</dt>
            <dd>
              du {formatDate(card.validFrom)} au {formatDate(card.validTo)}
            </dd>
          </div>
        </dl>
        <div
          className="tp-card__code"
          role="img"
          aria-label="Code 2D de la carte"
          dangerouslySetInnerHTML={{ __html: code }}
        />
        <h2>Bénéficiaires</h2>
        <ul>
          {card.beneficiaries.map((b) => (
            <li key={`${b.firstName}-${b.birthDate}`}>
              {b.lastName.toUpperCase()} {b.firstName}, date de naissance : {formatDate(b.birthDate)}
            </li>
          ))}
        </ul>
        <h2>Tiers payant</h2>
        <ul className="tp-card__domains">
          {card.domains.map((d) => (
            <li key={d.code}>
              <abbr title={d.label}>{d.code}</abbr> {d.label}
            </li>
          ))}
        </ul>
      </article>
      <p>
        <a href={`/documents/carte-tiers-payant/${card.year}/pdf`} className="button button--primary" download>
          Télécharger la carte (PDF)
        </a>
      </p>
      {keptOffline ? (
        <p className="muted" data-carte-hors-ligne="enregistree">
          Cette carte est enregistrée sur cet appareil : elle s'affiche même sans connexion internet, jusqu'à votre
          déconnexion.
        </p>
      ) : null}
      <HelpLinks articles={help} />
    </div>
  );
}
