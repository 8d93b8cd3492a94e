import { servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { listSignedAdhesions } from "../modules/offer/adhesion-queue.server.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/back-office-adhesions";

export const meta: Route.MetaFunction = () => [{ title: "Adhésions en ligne – Espace conseiller" }];

// The queue "Adhésions": online adhesions signed and waiting for a gestionnaire's decision, or for a document
// asked for ("Pièce demandée").
export async function loader(args: Route.LoaderArgs) {
  await requirePermission(args, "contracts.decide");
  const { db, clock } = args.context.get(servicesContext);
  const rows = await listSignedAdhesions(db);
  return {
    rows: rows.map((r) => ({ ...r, signedOn: r.signedAt ? clock.dateOf(r.signedAt) : null })),
    decided: new URL(args.request.url).searchParams.get("decision"),
  };
}

export default function Adhesions({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="queue">
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>Adhésions en ligne</h1>
      {d.decided ? (
        <div className="alert alert--info" role="status">
          {d.decided === "acceptee"
            ? "Adhésion acceptée : le contrat et le compte sont créés, l'e-mail d'activation est parti."
            : d.decided === "piece"
              ? "Pièce demandée : la personne a reçu la demande et un lien pour l'envoyer. L'adhésion revient dans la file à son envoi."
              : "Adhésion refusée : le motif a été envoyé par e-mail."}
        </div>
      ) : null}
      {d.rows.length === 0 ? (
        <p className="empty">Aucune adhésion en attente.</p>
      ) : (
        <div className="table-scroll card">
          <table>
            <caption className="visually-hidden">
              Adhésions signées à vérifier ou en attente d'une pièce, la plus ancienne en premier
            </caption>
            <thead>
              <tr>
                <th scope="col">Signée le</th>
                <th scope="col">Adhérent</th>
                <th scope="col">Personnes</th>
                <th scope="col">Début</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.signedOn ? formatDate(r.signedOn) : ""}</td>
                  <th scope="row">
                    <a href={`/back-office/adhesions/${r.id}`}>{r.name}</a>
                  </th>
                  <td>{r.people}</td>
                  <td>{r.startDate ? formatDate(r.startDate) : ""}</td>
                  <td>{r.documentRequested ? "Pièce demandée" : "À vérifier"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
