import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import { servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { RequestItem } from "../components/request-item.tsx";
import { listRequests } from "../modules/requests/queries.server.ts";
import type { Route } from "./+types/demandes";

export const meta: Route.MetaFunction = () => [{ title: "Mes démarches – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "file");
  const { db, clock } = args.context.get(servicesContext);
  const requests = await listRequests(db, viewer);
  return {
    requests: requests.map((r) => ({ ...r, createdOn: clock.dateOf(r.createdAt) })),
    help: await helpForPage(db, "demandes"),
  };
}

export default function Requests({ loaderData: { requests, help } }: Route.ComponentProps) {
  return (
    <div className="requests">
      <h1>Mes démarches</h1>
      <ul className="toolbar">
        <li>
          <a href="/demandes/nouvelle">Demander un remboursement</a>
        </li>
      </ul>
      {requests.length === 0 ? (
        <p className="empty">Vous n'avez encore envoyé aucune demande.</p>
      ) : (
        <ul className="item-list card">
          {requests.map((r) => (
            <li key={r.id}>
              <RequestItem request={r} withReference />
            </li>
          ))}
        </ul>
      )}
      <HelpLinks articles={help} />
    </div>
  );
}
