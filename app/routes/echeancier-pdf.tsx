import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { renderPremiumSchedulePdf } from "../modules/documents/contract-pdfs.server.ts";
import { downloadResponse, recordDownload } from "../modules/documents/download.server.ts";
import { yearSchedule } from "../modules/documents/yearly-debits.server.ts";
import type { Route } from "./+types/echeancier-pdf";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const year = Number(args.params.year);
  const { db, brand, clock, env } = args.context.get(servicesContext);
  const found = await yearSchedule(db, viewer, { year, debitDay: brand.amc.debitDay, today: clock.today() });
  if (!found) notFound();
  const { facts, debits } = found;
  const pdf = await renderPremiumSchedulePdf(facts, {
    brandName: brand.name,
    year,
    debits,
    creditorId: env.SEPA_CREDITOR_ID,
  });
  await recordDownload(db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "premium_schedule", year },
  });
  return downloadResponse(pdf, { contentType: "application/pdf", filename: `echeancier-cotisations-${year}.pdf` });
}
