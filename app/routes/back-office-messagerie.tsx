// The advisors' inbox: threads waiting for an answer, the one waiting longest first, by category if asked.
import { servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { findCategory, categoryLabel, subjectLabel } from "../modules/messaging/categories.ts";
import { getMessageCatalog } from "../modules/messaging/categories.server.ts";
import { countOpenByCategory, listInbox } from "../modules/messaging/advisor.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/back-office-messagerie";

// Each category's queue has its own title, so the tab and the history say which one is open.
export const meta: Route.MetaFunction = ({ loaderData }) => {
  const category = loaderData?.categories.find((c) => c.key === loaderData.category)?.label;
  return [{ title: `${category ? `${category} – ` : ""}Messagerie – Espace conseiller` }];
};

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "messages.handle");
  const { db, clock } = args.context.get(servicesContext);
  // An unknown category in the address is no filter at all, not an error.
  const catalog = await getMessageCatalog(db);
  const category = findCategory(catalog, new URL(args.request.url).searchParams.get("categorie"), "advisor")?.key;
  const [threads, counts] = await Promise.all([listInbox(db, advisor, { category }), countOpenByCategory(db, advisor)]);
  return {
    category: category ?? "",
    categories: catalog.map((c) => ({ key: c.key, label: c.label, open: counts[c.key] ?? 0 })),
    threads: threads.map((t) => ({
      ...t,
      category: categoryLabel(catalog, t.category),
      subject: subjectLabel(catalog, t.category, t.subject),
      waitingSince: clock.dateOf(t.waitingSince),
    })),
  };
}

export default function AdvisorInbox({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="messaging">
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>Messagerie : messages en attente</h1>
      <ul className="toolbar">
        <li>
          <a href="/back-office/messagerie/nouveau">Écrire à un adhérent</a>
        </li>
      </ul>
      <form method="get" className="filters">
        <div className="field field--inline">
          <label htmlFor="categorie">Catégorie</label>
          <select id="categorie" name="categorie" defaultValue={d.category}>
            <option value="">Toutes les catégories</option>
            {d.categories.map((c) => (
              <option key={c.key} value={c.key}>{`${c.label} (${c.open})`}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--quiet">
          Filtrer
        </button>
      </form>
      {d.threads.length === 0 ? (
        <p className="empty">Aucun message en attente{d.category ? " dans cette catégorie" : ""}.</p>
      ) : (
        <div className="table-scroll card">
          <table>
            <caption className="visually-hidden">Messages en attente de réponse, le plus ancien en premier</caption>
            <thead>
              <tr>
                <th scope="col">En attente depuis le</th>
                <th scope="col">Adhérent</th>
                <th scope="col">Catégorie et objet</th>
                <th scope="col">Pris en charge par</th>
              </tr>
            </thead>
            <tbody>
              {d.threads.map((t) => (
                <tr key={t.id}>
                  <td>{formatDate(t.waitingSince)}</td>
                  <td>{`${t.memberName} (${t.memberNumber})`}</td>
                  <td>
                    <a href={`/back-office/messagerie/${t.id}`}>{t.subject}</a>
                    <br />
                    <span className="muted">{t.category}</span>
                  </td>
                  <td>{t.assignedToMe ? "Vous" : (t.assignedToName ?? "Personne")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
