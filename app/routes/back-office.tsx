import { requireAdvisor } from "../guards.server.ts";
import type { Route } from "./+types/back-office";

export const meta: Route.MetaFunction = () => [{ title: "Espace conseiller" }];

// The advisors' entry point: the messagerie is there; the démarches' queues arrive with the back-office issue.
export async function loader(args: Route.LoaderArgs) {
  const advisor = await requireAdvisor(args);
  return { name: advisor.name };
}

export default function BackOffice({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <h1>Espace conseiller</h1>
      <p>Bonjour {loaderData.name}.</p>
      <ul className="quick-actions">
        <li><a className="quick-action" href="/back-office/messagerie">Messagerie : messages en attente</a></li>
        <li><a className="quick-action" href="/back-office/messagerie/nouveau">Écrire à un adhérent</a></li>
        <li><a className="quick-action" href="/back-office/adherents">Rechercher un adhérent</a></li>
      </ul>
      <p>Les files de traitement des demandes et des devis arrivent prochainement.</p>
    </>
  );
}
