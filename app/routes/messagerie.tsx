// "Tous les messages": the household's threads, newest first; unread ones in bold. Beside them, the
// categories with their counts and the two statuses, as plain links that filter the list (no JavaScript).
import { data } from "react-router";
import { servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { MessagingNav, ThreadStatus, threadStatusLabels } from "../components/messaging.tsx";
import { categoryLabel, subjectLabel } from "../modules/messaging/categories.ts";
import { helpForPage } from "../modules/help/articles.server.ts";
import {
  categoryCounts,
  listFilterSchema,
  listHref,
  type StatusParam,
  statusParams,
} from "../modules/messaging/list-filter.ts";
import { countThreads, listThreads } from "../modules/messaging/threads.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/messagerie";
import { getMessageCatalog } from "../modules/messaging/categories.server.ts";

export const meta: Route.MetaFunction = ({ loaderData: d }) => [
  {
    title: d?.filter.categoryLabel
      ? `${d.filter.categoryLabel} – Messagerie – Espace adhérent`
      : "Messagerie – Espace adhérent",
  },
];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "messages");
  const { db, clock } = args.context.get(servicesContext);
  const [catalog, counts] = await Promise.all([getMessageCatalog(db), countThreads(db, viewer)]);
  const categories = categoryCounts(catalog, counts);
  const params = new URL(args.request.url).searchParams;
  const parsed = listFilterSchema(categories.map((c) => c.key)).safeParse({
    categorie: params.get("categorie") ?? undefined,
    statut: params.get("statut") ?? undefined,
  });
  const filter = parsed.success ? parsed.data : {};
  const [threads, help] = await Promise.all([
    listThreads(db, viewer, {
      category: filter.categorie,
      status: filter.statut ? statusParams[filter.statut] : undefined,
    }),
    helpForPage(db, "messagerie"),
  ]);
  // The status counts within the chosen category (or all).
  const inCategory = counts.filter((c) => !filter.categorie || c.category === filter.categorie);
  const statusCount = (status: "open" | "answered") =>
    inCategory.filter((c) => c.status === status).reduce((n, c) => n + c.count, 0);
  const payload = {
    total: counts.reduce((n, c) => n + c.count, 0),
    categories,
    statuses: (Object.keys(statusParams) as StatusParam[]).map((key) => ({
      key,
      label: threadStatusLabels[statusParams[key]],
      count: statusCount(statusParams[key]),
    })),
    inCategoryTotal: inCategory.reduce((n, c) => n + c.count, 0),
    filter: {
      categorie: filter.categorie ?? null,
      statut: filter.statut ?? null,
      categoryLabel: filter.categorie ? categoryLabel(catalog, filter.categorie) : null,
    },
    error: parsed.success ? null : parsed.error.issues[0]!.message,
    threads: threads.map((t) => ({
      id: t.id,
      category: categoryLabel(catalog, t.category),
      subject: subjectLabel(catalog, t.category, t.subject),
      status: t.status,
      unread: t.unread,
      on: clock.dateOf(t.lastMessageAt),
    })),
    help,
  };
  return parsed.success ? payload : data(payload, { status: 400 });
}

export default function Messaging({ loaderData: d }: Route.ComponentProps) {
  const { threads, filter } = d;
  const unread = threads.filter((t) => t.unread).length;
  const categorie = filter.categorie ?? undefined;
  const statut = filter.statut ?? undefined;
  const statusLabel = d.statuses.find((s) => s.key === statut)?.label;
  const heading = `${filter.categoryLabel ?? "Tous les messages"}${statusLabel ? ` · ${statusLabel}` : ""} (${threads.length})`;
  return (
    <div className="messaging">
      <h1>Messagerie</h1>
      <MessagingNav current={categorie || statut ? null : "all"} total={d.total} />
      {d.error ? (
        <div className="alert alert--error" role="alert">
          {d.error}
        </div>
      ) : null}
      <div className="messaging-layout">
        <nav aria-label="Filtrer les messages" className="card message-filters">
          <h2 id="par-categorie">Catégories</h2>
          <ul className="filter-list">
            <li>
              <a href={listHref({ statut })} aria-current={!categorie ? "page" : undefined}>
                <span>Toutes les catégories</span> <span>{d.total}</span>
              </a>
            </li>
            {d.categories.map((c) => (
              <li key={c.key}>
                <a
                  href={listHref({ categorie: c.key, statut })}
                  aria-current={categorie === c.key ? "page" : undefined}
                >
                  <span>{c.label}</span>{" "}
                  <span>
                    {c.count}
                    <span className="visually-hidden">{c.count === 1 ? " message" : " messages"}</span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
          <h2 id="par-etat">État</h2>
          <ul className="filter-list">
            <li>
              <a href={listHref({ categorie })} aria-current={!statut ? "page" : undefined}>
                <span>Tous</span> <span>{d.inCategoryTotal}</span>
              </a>
            </li>
            {d.statuses.map((s) => (
              <li key={s.key}>
                <a href={listHref({ categorie, statut: s.key })} aria-current={statut === s.key ? "page" : undefined}>
                  <span>{s.label}</span>{" "}
                  <span>
                    {s.count}
                    <span className="visually-hidden">{s.count === 1 ? " message" : " messages"}</span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div>
          <h2 id="liste-messages">{heading}</h2>
          {unread > 0 ? <p>{unread === 1 ? "1 message non lu" : `${unread} messages non lus`}.</p> : null}
          {threads.length === 0 ? (
            <p className="empty">
              {categorie || statut ? (
                <>
                  Aucun message ici. <a href="/messagerie">Voir tous les messages</a>
                </>
              ) : (
                "Vous n'avez aucun message. Pour écrire à votre mutuelle, choisissez « Envoyer un message »."
              )}
            </p>
          ) : (
            <ul className="thread-list card" aria-labelledby="liste-messages">
              {threads.map((t) => (
                <li key={t.id}>
                  <a href={`/messagerie/${t.id}`} className={t.unread ? "thread thread--unread" : "thread"}>
                    <span className="thread__category">{t.category}</span>
                    <span className="thread__title">
                      {t.unread ? <span className="visually-hidden">Non lu : </span> : null}
                      {t.subject}
                    </span>
                    <ThreadStatus status={t.status} />
                    <span className="thread__date">Dernier message le {formatDate(t.on)}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
          <section aria-labelledby="reperes" className="card">
            <h2 id="reperes">Bon à savoir</h2>
            <ul>
              <li>En gras : vous avez un message non lu.</li>
              <li>« En cours » : votre conseiller n'a pas encore répondu.</li>
              <li>« Traité » : votre conseiller vous a répondu.</li>
              <li>Les messages sont disponibles pendant 1 an sur votre messagerie en ligne.</li>
            </ul>
          </section>
          <HelpLinks articles={d.help} />
        </div>
      </div>
    </div>
  );
}
