import { requestContext, servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { downloadResponse, recordDownload } from "../modules/documents/download.server.ts";
import { paymentsCsv } from "../modules/reimbursements/export-csv.ts";
import { periodBounds, readPaymentFilters } from "../modules/reimbursements/filters.ts";
import { listPaymentsForExport } from "../modules/reimbursements/queries.server.ts";
import type { Route } from "./+types/remboursements-export-csv";

// The lines the list shows with the same filters, all of them (not one page), oldest first.
export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "read");
  const { db, clock } = args.context.get(servicesContext);
  const filters = readPaymentFilters(new URL(args.request.url).searchParams);
  const lines = await listPaymentsForExport(db, viewer, {
    beneficiaryId: filters.beneficiaire,
    careType: filters.soin,
    ...periodBounds(filters.periode, clock.today()),
  });
  await recordDownload(db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "payments_csv", lines: lines.length },
  });
  return downloadResponse(paymentsCsv(lines), {
    contentType: "text/csv; charset=utf-8",
    filename: "remboursements.csv",
  });
}
