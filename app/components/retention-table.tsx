/** How long each kind of data is kept, from the brand's privacy block (privacy notice, Mes données personnelles). */
export function RetentionTable({ retention }: { retention: { kind: string; data: string; duration: string }[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Durées de conservation">
      <table>
        <caption>Durées de conservation, par type de données</caption>
        <thead>
          <tr>
            <th scope="col">Données</th>
            <th scope="col">Durée de conservation</th>
          </tr>
        </thead>
        <tbody>
          {retention.map((r) => (
            <tr key={r.kind}>
              <td>{r.data}</td>
              <td>{r.duration}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
