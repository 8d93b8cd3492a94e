import { servicesContext } from "../context.ts";
import { requireAdvisor } from "../guards.server.ts";
import { advisorRoleLabels, can } from "../modules/back-office/permissions.ts";
import { queueCounts, queues } from "../modules/back-office/queues.server.ts";
import { countOwnAccessRequests } from "../modules/households/own-access-requests.server.ts";
import { countSignedAdhesions } from "../modules/offer/adhesion-queue.server.ts";
import type { Route } from "./+types/back-office";

export const meta: Route.MetaFunction = () => [{ title: "Espace conseiller" }];

// The advisors' entry point: every queue with how many requests wait in it.
export async function loader(args: Route.LoaderArgs) {
  const advisor = await requireAdvisor(args);
  const { db } = args.context.get(servicesContext);
  const canDecide = can(advisor.role, "beneficiaries.decide");
  const decidesContracts = can(advisor.role, "contracts.decide");
  const [counts, ownAccessWaiting, adhesions] = await Promise.all([
    queueCounts(db),
    canDecide ? countOwnAccessRequests(db) : Promise.resolve(null),
    decidesContracts ? countSignedAdhesions(db) : Promise.resolve(null),
  ]);
  return {
    ownAccessWaiting,
    adhesions,
    name: advisor.name,
    role: advisorRoleLabels[advisor.role],
    isAdmin: can(advisor.role, "admin.manage"),
    queues: Object.entries(queues).map(([key, q]) => ({
      key,
      label: q.label,
      waiting: counts[key as keyof typeof counts],
    })),
  };
}

export default function BackOffice({ loaderData: d }: Route.ComponentProps) {
  return (
    <>
      <h1>Espace conseiller</h1>
      <p>
        Bonjour {d.name} ({d.role}).
      </p>
      <section className="card" aria-labelledby="files">
        <h2 id="files">Files de traitement</h2>
        <ul className="quick-actions">
          {d.queues.map((q) => (
            <li key={q.key}>
              <a className="quick-action" href={`/back-office/demandes?file=${q.key}`}>
                {q.label} : {q.waiting} en attente
              </a>
            </li>
          ))}
          {d.ownAccessWaiting !== null ? (
            <li>
              <a className="quick-action" href="/back-office/acces-personnels">
                Demandes d'espace personnel : {d.ownAccessWaiting} en attente
              </a>
            </li>
          ) : null}
          {d.adhesions !== null ? (
            <li>
              <a className="quick-action" href="/back-office/adhesions">
                Adhésions en ligne : {d.adhesions} en attente
              </a>
            </li>
          ) : null}
          <li>
            <a className="quick-action" href="/back-office/messagerie">
              Messagerie : messages en attente
            </a>
          </li>
        </ul>
      </section>
      <section className="card" aria-labelledby="outils">
        <h2 id="outils">Outils</h2>
        <ul className="link-list">
          <li>
            <a href="/back-office/adherents">Rechercher un adhérent</a>
          </li>
          <li>
            <a href="/back-office/messagerie/nouveau">Écrire à un adhérent</a>
          </li>
          <li>
            <a href="/back-office/rib/nouveau">
              Saisir le nouveau RIB d'un adhérent (validation par un second gestionnaire)
            </a>
          </li>
          {d.isAdmin ? (
            <li>
              <a href="/back-office/administration/conseillers">Administration : comptes des conseillers</a>
            </li>
          ) : null}
          {d.isAdmin ? (
            <li>
              <a href="/back-office/administration/actualites">Administration : actualités de l'accueil</a>
            </li>
          ) : null}
          {d.isAdmin ? (
            <li>
              <a href="/back-office/administration/garanties">Administration : tableaux de garanties</a>
            </li>
          ) : null}
          {d.isAdmin ? (
            <li>
              <a href="/back-office/administration/categories">Administration : catégories de la messagerie</a>
            </li>
          ) : null}
          {d.isAdmin ? (
            <li>
              <a href="/back-office/administration/aide">Administration : centre d'aide</a>
            </li>
          ) : null}
        </ul>
      </section>
    </>
  );
}
