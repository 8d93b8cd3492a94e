// The mutuelle's news and its offers and services: linked from the dashboard ("Lire l'actualité") and the
// main navigation (issue 20, item 13).
import { servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { listCurrentNews } from "../modules/news/news.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/actualites";

export const meta: Route.MetaFunction = () => [{ title: "Actualités et offres – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  await requireMember(args);
  const { db, clock, brand } = args.context.get(servicesContext);
  return { news: await listCurrentNews(db, clock.today()), offers: brand.offers };
}

export default function News({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="news-page">
      <h1>Actualités et offres</h1>
      <p className="lead">
        <a href="#offres">Vos offres et services</a>
      </p>
      <section aria-labelledby="actualites">
        <h2 id="actualites">Actualités de votre mutuelle</h2>
        {d.news.length === 0 ? <p>Aucune actualité en ce moment.</p> : null}
        {d.news.map((n) => (
          <article key={n.id} id={`actualite-${n.id}`} className="card" aria-labelledby={`titre-${n.id}`}>
            <h3 id={`titre-${n.id}`}>{n.title}</h3>
            <p className="muted">Publiée le {formatDate(n.publishFrom)}</p>
            <p>{n.body}</p>
          </article>
        ))}
      </section>
      <section aria-labelledby="offres" id="offres-section">
        <h2 id="offres" tabIndex={-1}>
          Vos offres et services
        </h2>
        {d.offers.length === 0 ? <p>Aucune offre en ce moment.</p> : null}
        {d.offers.map((offer, i) => (
          <article key={offer.title} id={`offre-${i}`} className="card">
            <h3>{offer.title}</h3>
            <p>{offer.text}</p>
            {offer.details ? <p>{offer.details}</p> : null}
            {offer.href ? <a href={offer.href}>{offer.linkLabel}</a> : null}
          </article>
        ))}
      </section>
    </div>
  );
}
