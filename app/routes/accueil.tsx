import { UnfinishedJourney } from "../components/unfinished-journey.tsx";
import { InstallApp } from "../components/install-app.tsx";
import { servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { RequestItem } from "../components/request-item.tsx";
import { readDashboardLists } from "../modules/dashboard/dashboard.server.ts";
import { careTypeLabel } from "../modules/shared/care-types.ts";
import { formatDayMonth, formatEuros } from "../modules/shared/format.ts";
import { listCurrentNews } from "../modules/news/news.server.ts";
import { hasScope } from "../modules/accounts/scopes.ts";
import { journeyStepLabels } from "../modules/offer/journey-steps.ts";
import { unfinishedJourneyOf } from "../modules/offer/journey-resume.server.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/accueil";

export const meta: Route.MetaFunction = () => [{ title: "Accueil – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "space");
  const { db, brand, clock } = args.context.get(servicesContext);
  // The member number and coverage level come with the viewer; the three lists in one statement; news are cached.
  const [{ requests, payments, documents }, news, journey, help] = await Promise.all([
    readDashboardLists(db, viewer),
    listCurrentNews(db, clock.today()),
    // "Démarche commerciale à finaliser": an online adhesion started with this login's address, not signed.
    (viewer.relation ?? "holder") === "holder" ? unfinishedJourneyOf(db, viewer) : null,
    helpForPage(db, "accueil"),
  ]);
  // Beneficiaries and carers see the blocks of their scopes only (the holder has them all).
  const can = {
    read: hasScope(viewer, "read"),
    file: hasScope(viewer, "file"),
    messages: hasScope(viewer, "messages"),
    news: hasScope(viewer, "contract"),
  };
  return {
    can,
    firstName: viewer.firstName,
    memberNumber: viewer.memberNumber,
    coverageLevel: viewer.coverageLevel,
    // A card of a past year says it has expired (it stays offered, for the record).
    documents: documents.map((doc) =>
      doc.kind === "tiers_payant_card" && (doc.year ?? 0) < Number(clock.today().slice(0, 4))
        ? { ...doc, title: `${doc.title} (expirée)` }
        : doc,
    ),
    requests: can.file
      ? requests.map(({ createdAt, ...r }) => ({ ...r, createdOn: clock.dateOf(new Date(createdAt)) }))
      : [],
    payments: can.read ? payments : [],
    news: news.slice(0, 3),
    moreNews: news.length > 3,
    offers: brand.offers,
    mobileApp: brand.mobileApp ?? null,
    journey: journey
      ? { startedOn: clock.dateOf(journey.createdAt), stepLabel: journeyStepLabels[journey.step] }
      : null,
    help,
  };
}

function documentHref(doc: { kind: string; year: number | null }): string {
  if (doc.kind === "tiers_payant_card") return `/documents/carte-tiers-payant/${doc.year}/pdf`;
  if (doc.kind === "guarantee_table") return "/ma-mutuelle/garanties";
  return "/documents";
}

export default function Dashboard({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="dashboard">
      <section className="welcome" aria-labelledby="bonjour">
        <h1 id="bonjour">Bonjour {d.firstName}</h1>
        <dl className="identity">
          <div>
            <dt>Identifiant</dt>
            <dd>{d.memberNumber}</dd>
          </div>
          <div>
            <dt>Ma couverture</dt>
            <dd>{d.coverageLevel}</dd>
          </div>
        </dl>
      </section>

      {d.journey ? <UnfinishedJourney journey={d.journey} /> : null}

      <section className="card card--actions" aria-labelledby="actions">
        <h2 id="actions">Que souhaitez-vous faire aujourd'hui ?</h2>
        <ul className="quick-actions">
          {d.can.file ? (
            <>
              <li>
                <a className="quick-action" href="/demandes/nouvelle">
                  Demander un remboursement
                </a>
              </li>
              <li>
                <a className="quick-action" href="/devis/nouveau">
                  Envoyer un devis
                </a>
              </li>
            </>
          ) : null}
          {d.can.messages ? (
            <li>
              <a className="quick-action" href="/messagerie/nouveau">
                Une question ?
              </a>
            </li>
          ) : (
            <li>
              <a className="quick-action" href="/aide-contact">
                Une question ?
              </a>
            </li>
          )}
        </ul>
        <p>
          Bon à savoir : <a href="/aide">découvrez les tutos</a> pour en savoir plus sur les fonctionnalités
          disponibles.
        </p>
      </section>

      {d.documents.length > 0 ? (
        <section className="card" aria-labelledby="documents">
          <h2 id="documents">Documents à télécharger</h2>
          <ul className="link-list">
            {d.documents.map((doc) => (
              <li key={doc.id}>
                <a href={documentHref(doc)} download={doc.kind === "tiers_payant_card" ? true : undefined}>
                  {doc.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.can.file ? (
        <section className="card" aria-labelledby="demarches">
          <h2 id="demarches">Mes démarches</h2>
          {d.requests.length === 0 ? (
            <p>Vous n'avez pas de démarche en cours.</p>
          ) : (
            <ul className="item-list">
              {d.requests.map((r) => (
                <li key={r.id}>
                  <RequestItem request={r} />
                </li>
              ))}
            </ul>
          )}
          <p className="card__more">
            <a href="/demandes">Voir toutes mes démarches</a>
          </p>
        </section>
      ) : null}

      {d.can.read ? (
        <section className="card" aria-labelledby="remboursements">
          <h2 id="remboursements">Remboursements</h2>
          {d.payments.length === 0 ? (
            <p>Aucun remboursement pour le moment.</p>
          ) : (
            <ul className="item-list">
              {d.payments.map((p) => (
                <li key={p.id}>
                  <a href={`/remboursements/${p.id}`} className="item item--payment">
                    <span className="item__title">{careTypeLabel(p.careType)}</span>
                    <span className="item__amount">{formatEuros(p.amcCents)}</span>
                    <span className="item__meta">
                      versé le {formatDayMonth(p.paymentDate)}
                      {p.paidTo === "professional" ? " au professionnel de santé" : ` à ${p.paidToFirstName}`}
                      {p.beneficiaryFirstName !== p.paidToFirstName ? ` (soins de ${p.beneficiaryFirstName})` : ""}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
          <p className="card__more">
            <a href="/remboursements">Consulter tous mes remboursements</a>
          </p>
        </section>
      ) : null}

      {d.can.news && d.news.length > 0 ? (
        <section className="card" aria-labelledby="actualites">
          <h2 id="actualites">Actualités de votre mutuelle</h2>
          {d.news.map((n) => (
            <article key={n.id} className="news">
              <h3>{n.title}</h3>
              <p>{n.body}</p>
              <a href={`/actualites#actualite-${n.id}`}>
                Lire l'actualité<span className="visually-hidden"> : {n.title}</span>
              </a>
            </article>
          ))}
          <p className="card__more">
            <a href="/actualites">{d.moreNews ? "Toutes les actualités" : "Les actualités"}</a>
          </p>
        </section>
      ) : null}

      {d.offers.map((offer, i) => (
        <section className="card card--offer" aria-labelledby={`offre-${i}`} key={offer.title}>
          <h2 id={`offre-${i}`}>{offer.title}</h2>
          <p>{offer.text}</p>
          <a href={offer.href ?? `/actualites#offre-${i}`}>
            {offer.linkLabel}
            <span className="visually-hidden"> : {offer.title}</span>
          </a>
        </section>
      ))}

      <HelpLinks articles={d.help} />

      <InstallApp
        text={d.mobileApp?.text ?? null}
        appStoreUrl={d.mobileApp?.appStoreUrl ?? null}
        playStoreUrl={d.mobileApp?.playStoreUrl ?? null}
      />
    </div>
  );
}
