import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import { servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { relationshipLabels } from "../modules/households/beneficiary-form.ts";
import { listCoveredPeople } from "../modules/households/beneficiary-requests.server.ts";
import { requestStatusLabels } from "../modules/requests/labels.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/beneficiaires";

export const meta: Route.MetaFunction = () => [{ title: "Mes bénéficiaires – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db } = args.context.get(servicesContext);
  const covered = await listCoveredPeople(db, viewer);
  return {
    ...covered,
    sent: new URL(args.request.url).searchParams.get("demande"),
    help: await helpForPage(db, "beneficiaires"),
  };
}

const roleLabels: Record<string, string> = { member: "Adhérent (vous)", ...relationshipLabels };

export default function Beneficiaries({ loaderData: d }: Route.ComponentProps) {
  const removalPending = new Set(d.open.flatMap((r) => (r.details.action === "remove" ? [r.details.personId] : [])));
  return (
    <div className="beneficiaries">
      <h1>Mes bénéficiaires</h1>
      {d.sent ? (
        <div className="alert alert--info" role="status">
          Votre demande {d.sent} est envoyée : votre mutuelle la vérifie et vous répond. Vous la suivez dans{" "}
          <a href="/demandes">Mes démarches</a>.
        </div>
      ) : null}
      <section className="card" aria-labelledby="couverts">
        <h2 id="couverts">Les personnes couvertes par votre contrat</h2>
        {/* A list, not a table: it must read on a 360 px phone without scrolling sideways (RGAA 10.11). */}
        <ul className="item-list people-list">
          {d.people.map((p) => (
            <li key={p.id}>
              <h3>
                {p.firstName} {p.lastName}
              </h3>
              <dl className="detail-list">
                <div>
                  <dt>Lien</dt>
                  <dd>{roleLabels[p.role] ?? "Bénéficiaire"}</dd>
                </div>
                <div>
                  <dt>Date de naissance</dt>
                  <dd>{formatDate(p.birthDate)}</dd>
                </div>
                <div>
                  <dt>Couverture</dt>
                  <dd>
                    depuis le {formatDate(p.coverageStart)}
                    {p.coverageEnd ? `, jusqu'au ${formatDate(p.coverageEnd)}` : ""}
                  </dd>
                </div>
              </dl>
              {p.role === "member" ? null : (
                <p>
                  <a href={`/ma-mutuelle/beneficiaires/${p.id}/acces`}>
                    Espace personnel
                    <span className="visually-hidden">
                      {" "}
                      de {p.firstName} {p.lastName}
                    </span>
                  </a>
                </p>
              )}
              {p.role === "member" ? null : removalPending.has(p.id) ? (
                <p className="muted">Retrait demandé</p>
              ) : (
                <a href={`/ma-mutuelle/beneficiaires/${p.id}/retirer`}>
                  Retirer
                  <span className="visually-hidden">
                    {" "}
                    {p.firstName} {p.lastName}
                  </span>
                </a>
              )}
            </li>
          ))}
        </ul>
        <a className="button button--primary" href="/ma-mutuelle/beneficiaires/ajouter">
          Ajouter un bénéficiaire
        </a>
      </section>
      {d.open.length > 0 ? (
        <section className="card" aria-labelledby="en-cours">
          <h2 id="en-cours">Demandes en cours</h2>
          <ul className="link-list">
            {d.open.map((r) => (
              <li key={r.id}>
                <a href={`/demandes/${r.id}`}>
                  {r.details.action === "add"
                    ? `Ajout de ${r.details.firstName} ${r.details.lastName} à partir du ${formatDate(r.details.startDate)}`
                    : `Retrait de ${r.details.firstName} ${r.details.lastName} au ${formatDate(r.details.endDate)}`}
                </a>{" "}
                — {requestStatusLabels[r.status]}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href="/ma-mutuelle/coordonnees-bancaires">Le compte où sont versés les remboursements de chacun</a>
      </p>
      <HelpLinks articles={d.help} />
    </div>
  );
}
