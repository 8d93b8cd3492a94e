// "Besoin d'aide ?": the help centre's articles for the page the member is on (none: nothing shown).
export interface HelpLink {
  slug: string;
  title: string;
}

export function HelpLinks({ articles, id = "besoin-d-aide" }: { articles: HelpLink[]; id?: string }) {
  if (articles.length === 0) return null;
  return (
    <aside className="help-links card" aria-labelledby={id}>
      <h2 id={id}>Besoin d'aide ?</h2>
      <ul className="link-list">
        {articles.map((a) => (
          <li key={a.slug}>
            <a href={`/aide/${a.slug}`}>{a.title}</a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/aide">Toutes les questions fréquentes</a>
      </p>
    </aside>
  );
}
