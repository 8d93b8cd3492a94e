import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { downloadResponse, recordDownload } from "../modules/documents/download.server.ts";
import { getGuaranteeOverview } from "../modules/guarantees/overview.server.ts";
import { guaranteeSections } from "../modules/guarantees/sections.ts";
import { renderGuaranteeTablePdf } from "../modules/guarantees/table-pdf.server.ts";
import type { Route } from "./+types/garanties-pdf";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db, guarantees, brand, clock } = args.context.get(servicesContext);
  const today = clock.today();
  const { table, levelLabel } = await getGuaranteeOverview(db, guarantees, viewer, today);
  if (!table) notFound();
  const pdf = await renderGuaranteeTablePdf({
    brandName: brand.name,
    levelLabel,
    effectiveFrom: table.effectiveFrom,
    responsible: table.responsible,
    sections: guaranteeSections(table, today),
  });
  await recordDownload(db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "guarantee_table" },
  });
  return downloadResponse(pdf, {
    contentType: "application/pdf",
    filename: `tableau-de-garanties-${table.levelId}.pdf`,
  });
}
