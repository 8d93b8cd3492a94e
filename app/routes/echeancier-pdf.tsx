import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { cardYears } from "../modules/documents/card.ts";
import { renderPremiumSchedulePdf } from "../modules/documents/contract-pdfs.server.ts";
import { downloadResponse, recordDownload } from "../modules/documents/download.server.ts";
import { premiumSchedule } from "../modules/documents/premium-schedule.ts";
import { getContractFacts } from "../modules/documents/queries.server.ts";
import type { Route } from "./+types/echeancier-pdf";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const year = Number(args.params.year);
  const { db, brand, clock } = args.context.get(servicesContext);
  const facts = await getContractFacts(db, viewer);
  if (!cardYears(facts, clock.today()).includes(year)) notFound();
  const debits = premiumSchedule({
    year,
    monthlyCents: facts.premiumMonthlyCents,
    debitDay: brand.amc.debitDay,
    coverageStart: facts.coverageStart,
    coverageEnd: facts.coverageEnd,
    change: facts.premiumChange,
  });
  const pdf = await renderPremiumSchedulePdf(facts, {
    brandName: brand.name,
    year,
    debits,
    creditorId: brand.amc.sepaCreditorId,
  });
  await recordDownload(db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "premium_schedule", year },
  });
  return downloadResponse(pdf, { contentType: "application/pdf", filename: `echeancier-cotisations-${year}.pdf` });
}
