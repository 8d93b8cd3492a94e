import { servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { listCurrentNews } from "../modules/news/news.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/actualites";

export const meta: Route.MetaFunction = () => [{ title: "Actualités – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  await requireMember(args);
  const { db, clock } = args.context.get(servicesContext);
  return { news: await listCurrentNews(db, clock.today()) };
}

export default function News({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="news-page">
      <h1>Actualités de votre mutuelle</h1>
      {d.news.length === 0 ? <p>Aucune actualité en ce moment.</p> : null}
      {d.news.map((n) => (
        <article key={n.id} className="card">
          <h2>{n.title}</h2>
          <p className="muted">Publiée le {formatDate(n.publishFrom)}</p>
          <p>{n.body}</p>
        </article>
      ))}
    </div>
  );
}
