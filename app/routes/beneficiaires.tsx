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
  const covered = await listCoveredPeople(args.context.get(servicesContext).db, viewer);
  return { ...covered, sent: new URL(args.request.url).searchParams.get("demande") };
}

const roleLabels: Record<string, string> = { member: "Adhérent (vous)", ...relationshipLabels };

export default function Beneficiaries({ loaderData: d }: Route.ComponentProps) {
  const removalPending = new Set(d.open.flatMap((r) => (r.details.action === "remove" ? [r.details.personId] : [])));
  return (
    <div className="beneficiaries">
      <h1>Mes bénéficiaires</h1>
      {d.sent ? (
        <div className="alert alert--info" role="status">
          Votre demande {d.sent} est envoyée : votre mutuelle la vérifie et vous répond. Vous la suivez dans <a href="/demandes">Mes démarches</a>.
        </div>
      ) : null}
      <section className="card" aria-labelledby="couverts">
        <h2 id="couverts">Les personnes couvertes par votre contrat</h2>
        <table className="table">
          <caption className="visually-hidden">Personnes couvertes, lien, date de naissance et début de couverture</caption>
          <thead>
            <tr><th scope="col">Nom</th><th scope="col">Lien</th><th scope="col">Date de naissance</th><th scope="col">Couverture</th><th scope="col"><span className="visually-hidden">Action</span></th></tr>
          </thead>
          <tbody>
            {d.people.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.firstName} {p.lastName}</th>
                <td>{roleLabels[p.role] ?? "Bénéficiaire"}</td>
                <td>{formatDate(p.birthDate)}</td>
                <td>depuis le {formatDate(p.coverageStart)}{p.coverageEnd ? `, jusqu'au ${formatDate(p.coverageEnd)}` : ""}</td>
                <td>
                  {p.role === "member" ? null : removalPending.has(p.id) ? (
                    <span className="muted">Retrait demandé</span>
                  ) : (
                    <a href={`/ma-mutuelle/beneficiaires/${p.id}/retirer`}>Retirer<span className="visually-hidden"> {p.firstName} {p.lastName}</span></a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <a className="button button--primary" href="/ma-mutuelle/beneficiaires/ajouter">Ajouter un bénéficiaire</a>
      </section>
      {d.open.length > 0 ? (
        <section className="card" aria-labelledby="en-cours">
          <h2 id="en-cours">Demandes en cours</h2>
          <ul className="link-list">
            {d.open.map((r) => (
              <li key={r.id}>
                <a href={`/demandes/${r.id}`}>
                  {r.details.action === "add" ? `Ajout de ${r.details.firstName} ${r.details.lastName} à partir du ${formatDate(r.details.startDate)}` : `Retrait de ${r.details.firstName} ${r.details.lastName} au ${formatDate(r.details.endDate)}`}
                </a>{" "}
                — {requestStatusLabels[r.status]}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p><a href="/ma-mutuelle/coordonnees-bancaires">Le compte où sont versés les remboursements de chacun</a></p>
    </div>
  );
}
