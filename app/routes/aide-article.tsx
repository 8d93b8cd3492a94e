// One help article (published only: a draft or an unknown address is a 404).
import { servicesContext } from "../context.ts";
import { notFound } from "../guards.server.ts";
import { getPublishedArticle, listPublishedArticles } from "../modules/help/articles.server.ts";
import { renderMarkdown } from "../modules/help/markdown.ts";
import { themeLabel } from "../modules/help/themes.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/aide-article";

export const meta: Route.MetaFunction = ({ loaderData: d }) => [
  { title: d ? `${d.title} – Aide – Espace adhérent` : "Aide – Espace adhérent" },
];

export async function loader(args: Route.LoaderArgs) {
  const { db } = args.context.get(servicesContext);
  const article = await getPublishedArticle(db, args.params.slug);
  if (!article) notFound();
  const related = (await listPublishedArticles(db))
    .filter((a) => a.theme === article.theme && a.slug !== article.slug)
    .slice(0, 5)
    .map((a) => ({ slug: a.slug, title: a.title }));
  return {
    title: article.title,
    summary: article.summary,
    theme: themeLabel(article.theme),
    publishedOn: article.publishedOn,
    html: renderMarkdown(article.body),
    related,
  };
}

export default function HelpArticle({ loaderData: d }: Route.ComponentProps) {
  return (
    <article className="help-article">
      <p>
        <a href="/aide">← Aide : questions fréquentes</a>
      </p>
      <p className="muted">{d.theme}</p>
      <h1>{d.title}</h1>
      <p className="help-article__summary">{d.summary}</p>
      {/* Rendered by markdown.ts: no HTML from the text, links and images checked. */}
      <div className="help-article__body" dangerouslySetInnerHTML={{ __html: d.html }} />
      {d.publishedOn ? <p className="muted">Publié le {formatDate(d.publishedOn)}.</p> : null}
      {d.related.length > 0 ? (
        <aside className="card" aria-labelledby="voir-aussi">
          <h2 id="voir-aussi">Sur le même thème</h2>
          <ul className="link-list">
            {d.related.map((a) => (
              <li key={a.slug}>
                <a href={`/aide/${a.slug}`}>{a.title}</a>
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      <p>
        Toujours une question ? <a href="/messagerie/nouveau">Écrivez-nous depuis la messagerie</a> ou consultez{" "}
        <a href="/aide-contact">Aide et contact</a>.
      </p>
    </article>
  );
}
