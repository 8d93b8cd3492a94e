import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireScope } from "../guards.server.ts";
import { renderCardPdf } from "../modules/documents/card-pdf.server.ts";
import { downloadResponse, recordDownload } from "../modules/documents/download.server.ts";
import { getCard } from "../modules/documents/member-documents.server.ts";
import type { Route } from "./+types/carte-tiers-payant-pdf";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "card");
  const year = Number(args.params.year);
  if (!Number.isInteger(year)) notFound();
  const { db, brand, clock } = args.context.get(servicesContext);
  const card = await getCard(db, brand, viewer, year, clock.today());
  if (!card) notFound();
  const pdf = await renderCardPdf(card, brand.name);
  await recordDownload(db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "tiers_payant_card", year },
  });
  return downloadResponse(pdf, { contentType: "application/pdf", filename: `carte-tiers-payant-${year}.pdf` });
}
