// The échéancier de cotisations of a year as a web page: the accessible equivalent of its PDF (RGAA 4.1
// criterion 13.3), the same text from the same source (documents/contract-documents.ts), the debits in a table
// with its caption, column headers and a total row.
import { DebitsTable } from "../components/debits-table.tsx";
import { MaskedIban } from "../components/masked-iban.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { debitedAccountLabel, premiumScheduleDocument } from "../modules/documents/contract-documents.ts";
import { recordDownload } from "../modules/documents/download.server.ts";
import { yearSchedule } from "../modules/documents/yearly-debits.server.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/echeancier";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.schedule.title ?? "Échéancier de cotisations"} – Mes documents – Espace adhérent` },
];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const year = Number(args.params.year);
  const { db, brand, clock, env } = args.context.get(servicesContext);
  const found = await yearSchedule(db, viewer, { year, debitDay: brand.amc.debitDay, today: clock.today() });
  if (!found) notFound();
  const { facts, debits } = found;
  const [help] = await Promise.all([
    helpForPage(db, "echeancier"),
    recordDownload(db, {
      viewer,
      ip: args.context.get(requestContext).ip,
      details: { document: "premium_schedule", year, format: "html" },
    }),
  ]);
  return {
    help,
    schedule: premiumScheduleDocument(facts, {
      brandName: brand.name,
      year,
      debits,
      creditorId: env.SEPA_CREDITOR_ID,
    }),
  };
}

export default function PremiumSchedulePage({ loaderData: { schedule: s, help } }: Route.ComponentProps) {
  return (
    <div className="document-page">
      <p>
        <a href="/documents">← Mes documents</a>
      </p>
      <p className="document-page__brand">{s.brandName}</p>
      <h1>{s.title}</h1>
      <p>
        <a href={`/documents/echeancier/${s.year}/pdf`} download>
          Télécharger l'échéancier de cotisations {s.year} (PDF)
        </a>
      </p>
      <p>{s.memberLine}</p>
      <p>{s.level}</p>
      <p>{s.mandate}</p>
      <p>{s.creditor}</p>
      <p>
        {debitedAccountLabel} {s.ibanMasked ? <MaskedIban value={s.ibanMasked} /> : "non renseigné"}
      </p>
      <DebitsTable
        caption={`Prélèvements de l'année ${s.year}`}
        rows={s.rows}
        totalLabel={s.totalLabel}
        total={s.total}
      />
      <p>{s.note}</p>
      <HelpLinks articles={help} />
    </div>
  );
}
