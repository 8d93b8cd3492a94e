// "Tous les messages": the household's threads, newest first; unread ones in bold.
import { servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { MessagingNav, ThreadStatus } from "../components/messaging.tsx";
import { categoryLabel, subjectLabel } from "../modules/messaging/categories.ts";
import { listThreads } from "../modules/messaging/threads.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/messagerie";
import { getMessageCatalog } from "../modules/messaging/categories.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "Messagerie – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "messages");
  const { db, clock } = args.context.get(servicesContext);
  const [threads, catalog] = await Promise.all([listThreads(db, viewer), getMessageCatalog(db)]);
  return {
    threads: threads.map((t) => ({
      id: t.id,
      category: categoryLabel(catalog, t.category),
      subject: subjectLabel(catalog, t.category, t.subject),
      status: t.status,
      unread: t.unread,
      on: clock.dateOf(t.lastMessageAt),
    })),
  };
}

export default function Messaging({ loaderData: { threads } }: Route.ComponentProps) {
  const unread = threads.filter((t) => t.unread).length;
  return (
    <div className="messaging">
      <h1>Messagerie</h1>
      <MessagingNav current="all" total={threads.length} />
      <h2>{`Tous les messages (${threads.length})`}</h2>
      {unread > 0 ? <p>{unread === 1 ? "1 message non lu" : `${unread} messages non lus`}.</p> : null}
      {threads.length === 0 ? (
        <p className="empty">
          Vous n'avez aucun message. Pour écrire à votre mutuelle, choisissez « Envoyer un message ».
        </p>
      ) : (
        <ul className="thread-list card">
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
    </div>
  );
}
