// /documents/attestation-cotisations/:year/pdf — the tax certificate of cotisations paid in a year that is over.
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { renderTaxCertificatePdf } from "../modules/documents/contract-pdfs.server.ts";
import { downloadResponse, recordDownload } from "../modules/documents/download.server.ts";
import { yearPaidDebits } from "../modules/documents/yearly-debits.server.ts";
import type { Route } from "./+types/attestation-cotisations-pdf";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const year = Number(args.params.year);
  const { db, brand, clock } = args.context.get(servicesContext);
  const today = clock.today();
  const found = await yearPaidDebits(db, viewer, { year, debitDay: brand.amc.debitDay, today });
  if (!found) notFound();
  const { facts, debits } = found;
  const pdf = await renderTaxCertificatePdf(facts, { brandName: brand.name, year, debits, issuedOn: today });
  await recordDownload(db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "tax_certificate", year },
  });
  return downloadResponse(pdf, { contentType: "application/pdf", filename: `attestation-cotisations-${year}.pdf` });
}
