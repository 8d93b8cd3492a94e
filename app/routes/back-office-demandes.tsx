import { servicesContext } from "../context.ts";
import { requirePermission } from "../guards.server.ts";
import { type AssignmentFilter, listQueue, type QueueName, queues } from "../modules/back-office/queues.server.ts";
import { requestStatusLabels } from "../modules/requests/labels.ts";
import { careRequestLabel } from "../modules/shared/care-types.ts";
import { formatDate } from "../modules/shared/format.ts";
import type { Route } from "./+types/back-office-demandes";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData ? `${loaderData.label} – ` : ""}Files de traitement – Espace conseiller` },
];

const assignments: Record<AssignmentFilter, string> = {
  tous: "Toutes",
  "non-pris": "Non prises en charge",
  moi: "Prises en charge par moi",
};

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "requests.handle");
  const params = new URL(args.request.url).searchParams;
  // Own keys only: "constructor" or "__proto__" in the address are no queue, just the default one.
  const asked = params.get("file") ?? "";
  const file: QueueName = Object.hasOwn(queues, asked) ? (asked as QueueName) : "remboursements";
  const pris = params.get("pris") ?? "";
  const assignment: AssignmentFilter = Object.hasOwn(assignments, pris) ? (pris as AssignmentFilter) : "tous";
  const { db, clock } = args.context.get(servicesContext);
  const rows = await listQueue(db, advisor, file, { assignment });
  const now = clock.now().getTime();
  return {
    file,
    assignment,
    label: queues[file].label,
    queues: Object.entries(queues).map(([key, q]) => ({ key, label: q.label })),
    rows: rows.map((r) => ({
      ...r,
      receivedOn: clock.dateOf(r.createdAt),
      ageDays: Math.floor((now - r.createdAt.getTime()) / 86_400_000),
      mine: r.assignedTo === advisor.userId,
    })),
  };
}

export default function Queue({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="queue">
      <p>
        <a href="/back-office">← Espace conseiller</a>
      </p>
      <h1>{d.label}</h1>
      <nav aria-label="Files de traitement">
        <ul className="toolbar">
          {d.queues.map((q) => (
            <li key={q.key}>
              <a href={`/back-office/demandes?file=${q.key}`} aria-current={q.key === d.file ? "page" : undefined}>
                {q.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" className="filters">
        <input type="hidden" name="file" value={d.file} />
        <div className="field field--inline">
          <label htmlFor="pris">Afficher</label>
          <select id="pris" name="pris" defaultValue={d.assignment}>
            {Object.entries(assignments).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--quiet">
          Filtrer
        </button>
      </form>
      {d.rows.length === 0 ? (
        <p className="empty">Aucune demande en attente dans cette file.</p>
      ) : (
        <div className="table-scroll card">
          <table>
            <caption className="visually-hidden">{d.label} en attente, la plus ancienne en premier</caption>
            <thead>
              <tr>
                <th scope="col">Reçue le</th>
                <th scope="col">Attente</th>
                <th scope="col">Référence</th>
                <th scope="col">Adhérent</th>
                <th scope="col">Objet</th>
                <th scope="col">Statut</th>
                <th scope="col">Pris en charge par</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDate(r.receivedOn)}</td>
                  <td>{r.ageDays === 0 ? "aujourd'hui" : `${r.ageDays} j`}</td>
                  <th scope="row">
                    <a href={`/back-office/demandes/${r.id}`}>{r.reference}</a>
                  </th>
                  <td>{r.memberNumber}</td>
                  <td>
                    {r.careType
                      ? `${careRequestLabel(r.careType)}${r.beneficiaryFirstName ? ` – ${r.beneficiaryFirstName} ${r.beneficiaryLastName}` : ""}`
                      : r.subject}
                  </td>
                  <td>{requestStatusLabels[r.status]}</td>
                  <td>{r.mine ? "vous" : (r.assigneeName ?? "personne")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
