// The attestation de cotisations of a year as a web page: the accessible equivalent of its PDF (RGAA 4.1
// criterion 13.3), the same text from the same source (documents/contract-documents.ts), the debits in a table.
import { DebitsTable } from "../components/debits-table.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { taxCertificateDocument } from "../modules/documents/contract-documents.ts";
import { recordDownload } from "../modules/documents/download.server.ts";
import { yearPaidDebits } from "../modules/documents/yearly-debits.server.ts";
import type { Route } from "./+types/attestation-cotisations";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.certificate.title ?? "Attestation de cotisations"} – Mes documents – Espace adhérent` },
];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const year = Number(args.params.year);
  const { db, brand, clock } = args.context.get(servicesContext);
  const today = clock.today();
  const found = await yearPaidDebits(db, viewer, { year, debitDay: brand.amc.debitDay, today });
  if (!found) notFound();
  const { facts, debits } = found;
  await recordDownload(db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "tax_certificate", year, format: "html" },
  });
  return { certificate: taxCertificateDocument(facts, { brandName: brand.name, year, debits, issuedOn: today }) };
}

export default function TaxCertificatePage({ loaderData: { certificate: c } }: Route.ComponentProps) {
  return (
    <div className="document-page">
      <p>
        <a href="/documents">← Mes documents</a>
      </p>
      <p className="document-page__brand">{c.brandName}</p>
      <h1>{c.title}</h1>
      <p>
        <a href={`/documents/attestation-cotisations/${c.year}/pdf`} download>
          {`Télécharger l'attestation de cotisations ${c.year} (PDF)`}
        </a>
      </p>
      <p>{c.memberLine}</p>
      <p>{c.statement}</p>
      <DebitsTable
        caption={`Cotisations versées en ${c.year}`}
        rows={c.rows}
        totalLabel={c.totalLabel}
        total={c.total}
      />
      <p>{c.note}</p>
    </div>
  );
}
