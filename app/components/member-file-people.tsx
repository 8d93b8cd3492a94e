// The people covered, in an advisor's view of a member's file (routes/back-office-adherent.tsx): the NIR masked
// only, when the person has one on file (an accepted online adhesion carries it over).
import type { MemberFile } from "../modules/back-office/members.server.ts";
import { formatDate } from "../modules/shared/format.ts";

const roleLabels: Record<string, string> = {
  member: "Adhérent",
  spouse: "Conjoint",
  child: "Enfant",
  other: "Autre bénéficiaire",
};

export function PeopleTable({ people }: { people: MemberFile["people"] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tableau des personnes couvertes">
      <table>
        <caption className="visually-hidden">Personnes couvertes par le contrat</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Lien</th>
            <th scope="col">Date de naissance</th>
            <th scope="col">N° de sécurité sociale</th>
            <th scope="col">Couverture</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                {`${p.firstName} ${p.lastName}`}
                {p.ownAccess && p.role !== "member" ? <span className="muted"> · espace personnel</span> : null}
                {p.careConfidential ? <span className="badge"> Soins confidentiels</span> : null}
              </th>
              <td>{roleLabels[p.role] ?? "Bénéficiaire"}</td>
              <td>{formatDate(p.birthDate)}</td>
              <td>{p.nirMasked ?? "Non enregistré"}</td>
              <td>
                {p.coverageEnd
                  ? `du ${formatDate(p.coverageStart)} au ${formatDate(p.coverageEnd)}`
                  : `depuis le ${formatDate(p.coverageStart)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
