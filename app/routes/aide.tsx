// The help centre: articles by theme, and a search (GET ?q=…, works without JavaScript). Public, like
// Aide / contact: someone who cannot sign in needs it too.
import { data } from "react-router";
import { servicesContext } from "../context.ts";
import { searchQuerySchema } from "../modules/help/article-form.ts";
import { listPublishedArticles, searchArticles } from "../modules/help/articles.server.ts";
import { helpThemes, themeLabel } from "../modules/help/themes.ts";
import type { Route } from "./+types/aide";

export const meta: Route.MetaFunction = ({ loaderData: d }) => [
  {
    title: d?.query
      ? `Recherche « ${d.query} » – Aide – Espace adhérent`
      : "Aide : questions fréquentes – Espace adhérent",
  },
];

export async function loader(args: Route.LoaderArgs) {
  const { db } = args.context.get(servicesContext);
  const raw = new URL(args.request.url).searchParams.get("q");
  const parsed = searchQuerySchema.safeParse(raw ?? "");
  const articles = await listPublishedArticles(db);
  const themes = helpThemes
    .map((t) => ({
      key: t.key,
      label: t.label,
      intro: t.intro,
      articles: articles
        .filter((a) => a.theme === t.key)
        .map((a) => ({ slug: a.slug, title: a.title, summary: a.summary })),
    }))
    .filter((t) => t.articles.length > 0);
  if (!parsed.success) {
    return data(
      { query: (raw ?? "").slice(0, 200), error: parsed.error.issues[0]!.message, results: null, themes },
      { status: 400 },
    );
  }
  const query = parsed.data;
  const results =
    query === "" ? null : (await searchArticles(db, query)).map((r) => ({ ...r, themeLabel: themeLabel(r.theme) }));
  return { query, error: null, results, themes };
}

export default function HelpCentre({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="help-centre">
      <h1>Aide : questions fréquentes</h1>
      <form method="get" action="/aide" role="search" className="card form-card help-search" noValidate>
        <div className={d.error ? "field field--error" : "field"}>
          <label htmlFor="q">Rechercher dans l'aide</label>
          <p className="field__hint" id="q-aide">
            Par exemple : carte de tiers payant, RIB, devis dentaire.
          </p>
          {d.error ? (
            <p className="field__error" id="q-erreur">
              <span aria-hidden="true">⚠ </span>
              {d.error}
            </p>
          ) : null}
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={d.query}
            maxLength={200}
            aria-describedby={d.error ? "q-aide q-erreur" : "q-aide"}
            aria-invalid={d.error ? true : undefined}
          />
        </div>
        <button type="submit" className="button button--primary">
          Rechercher
        </button>
      </form>

      {d.results ? (
        <section aria-labelledby="resultats" className="card">
          <h2 id="resultats" tabIndex={-1}>
            {d.results.length === 0
              ? `Aucun article ne répond à « ${d.query} »`
              : d.results.length === 1
                ? `1 article pour « ${d.query} »`
                : `${d.results.length} articles pour « ${d.query} »`}
          </h2>
          {d.results.length === 0 ? (
            <p>
              Essayez d'autres mots, parcourez les thèmes ci-dessous ou{" "}
              <a href="/messagerie/nouveau">écrivez-nous depuis la messagerie</a>.
            </p>
          ) : (
            <ol className="item-list help-results">
              {d.results.map((r) => (
                <li key={r.slug}>
                  <h3>
                    <a href={`/aide/${r.slug}`}>{r.title}</a>
                  </h3>
                  <p className="muted">{r.themeLabel}</p>
                  <p>{r.summary}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}

      {d.themes.length === 0 ? <p>Aucun article n'est encore publié.</p> : null}
      <div className="help-themes">
        {d.themes.map((t) => (
          <section key={t.key} aria-labelledby={`theme-${t.key}`} className="card">
            <h2 id={`theme-${t.key}`}>{t.label}</h2>
            <p className="muted">{t.intro}</p>
            <ul className="link-list">
              {t.articles.map((a) => (
                <li key={a.slug}>
                  <a href={`/aide/${a.slug}`}>{a.title}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p>
        Vous ne trouvez pas de réponse ? <a href="/aide-contact">Aide et contact</a> : téléphone, messagerie et agences.
      </p>
    </div>
  );
}
