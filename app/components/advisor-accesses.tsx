/** The advisor accesses to the member's file, one row per advisor and day (Mon compte, Mes données personnelles). */
export interface AdvisorAccessRow {
  day: string;
  hours: string;
  advisorName: string;
  pages: string[];
  count: number;
}

export function AdvisorAccessesTable({ accesses }: { accesses: AdvisorAccessRow[] }) {
  if (accesses.length === 0) return <p>Aucun conseiller n'a consulté votre dossier récemment.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Consultations de votre dossier">
      <table>
        <caption>
          Consultations de votre dossier par un conseiller, une ligne par conseiller et par jour, la plus récente en
          premier
        </caption>
        <thead>
          <tr>
            <th scope="col">Jour</th>
            <th scope="col">Conseiller</th>
            <th scope="col">Ce qui a été consulté</th>
          </tr>
        </thead>
        <tbody>
          {accesses.map((a, i) => (
            <tr key={i}>
              <td>
                {a.day} {a.hours}
              </td>
              <td>{a.advisorName}</td>
              <td>
                {a.pages.join(", ")}
                {a.count > 1 ? <span className="muted">{` (${a.count} consultations)`}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
