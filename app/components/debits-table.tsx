// The debits of a contribution document's web page (échéancier, attestation de cotisations): a table with its
// caption, column headers and a row-headed total, as the PDF's tagged table.
export function DebitsTable({
  caption,
  rows,
  totalLabel,
  total,
}: {
  caption: string;
  rows: { date: string; amount: string }[];
  totalLabel: string;
  total: string;
}) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date de prélèvement</th>
            <th scope="col">Montant</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.date}>
              <td className="cell-left">{r.date}</td>
              <td>{r.amount}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{totalLabel}</th>
            <td>{total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
