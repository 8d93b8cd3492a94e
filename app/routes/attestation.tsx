// The attestation de droits as a web page: the accessible equivalent of its PDF (RGAA 4.1 criterion 13.3), the
// same text from the same source (documents/contract-documents.ts), the covered people in a table with headers.
import { requestContext, servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { rightsCertificate } from "../modules/documents/contract-documents.ts";
import { recordDownload } from "../modules/documents/download.server.ts";
import { getContractFacts } from "../modules/documents/queries.server.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/attestation";

export const meta: Route.MetaFunction = () => [{ title: "Attestation de droits – Mes documents – Espace adhérent" }];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db, brand, clock } = args.context.get(servicesContext);
  const certificate = rightsCertificate(await getContractFacts(db, viewer), {
    brandName: brand.name,
    today: clock.today(),
    responsible: brand.amc.responsible,
  });
  // Read like the PDF: the same audit line, with the format.
  await recordDownload(db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "rights_certificate", format: "html" },
  });
  return { certificate, help: await helpForPage(db, "attestation") };
}

export default function RightsCertificatePage({ loaderData: { certificate: c, help } }: Route.ComponentProps) {
  return (
    <div className="document-page">
      <p>
        <a href="/documents">← Mes documents</a>
      </p>
      <p className="document-page__brand">{c.brandName}</p>
      <h1>{c.title}</h1>
      <p>
        <a href="/documents/attestation-de-droits/pdf" download>
          Télécharger l'attestation de droits (PDF)
        </a>
      </p>
      <p>{c.memberLine}</p>
      <p>{c.statement}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Personnes couvertes au ${c.on}`}>
        <table role="table" className="stack-table">
          <caption>{`Personnes couvertes au ${c.on}`}</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th role="columnheader" scope="col">
                Nom
              </th>
              <th role="columnheader" scope="col">
                Qualité
              </th>
              <th role="columnheader" scope="col">
                Date de naissance
              </th>
              <th role="columnheader" scope="col">
                Couverture depuis le
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {c.people.map((p) => (
              <tr role="row" key={`${p.name}-${p.birthDate}`}>
                <th role="rowheader" scope="row">
                  {p.name}
                </th>
                <td role="cell" data-label="Qualité">
                  {p.role}
                </td>
                <td role="cell" data-label="Date de naissance">
                  {p.birthDate}
                </td>
                <td role="cell" data-label="Couverture depuis le">
                  {p.coverageStart}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{c.closing}</p>
      <p>
        <strong>{c.brandName}</strong>
      </p>
      <HelpLinks articles={help} />
    </div>
  );
}
