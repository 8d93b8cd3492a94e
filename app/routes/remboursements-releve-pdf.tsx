import { requestContext, servicesContext } from "../context.ts";
import { requireScope } from "../guards.server.ts";
import { downloadResponse, recordDownload } from "../modules/documents/download.server.ts";
import { listPaymentFacets, listPaymentsForExport } from "../modules/reimbursements/queries.server.ts";
import { statementSchema } from "../modules/reimbursements/statement-form.ts";
import { renderStatementPdf } from "../modules/reimbursements/statement-pdf.server.ts";
import type { Route } from "./+types/remboursements-releve-pdf";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "read");
  const { db, brand, clock } = args.context.get(servicesContext);
  const parsed = statementSchema.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  if (!parsed.success) {
    return new Response("Période ou bénéficiaire invalide : choisissez-les sur la page Relevé de prestations.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { people } = await listPaymentFacets(db, viewer);
  const member = people.find((p) => p.id === viewer.personId);
  const beneficiary = parsed.data.beneficiaire ? people.find((p) => p.id === parsed.data.beneficiaire) : null;
  if (parsed.data.beneficiaire && !beneficiary) throw new Response("Introuvable", { status: 404 });
  const lines = await listPaymentsForExport(db, viewer, {
    beneficiaryId: beneficiary?.id,
    from: parsed.data.du,
    to: parsed.data.au,
  });
  const pdf = await renderStatementPdf({
    brandName: brand.name,
    memberName: `${member?.firstName ?? viewer.firstName} ${member?.lastName ?? viewer.lastName}`,
    memberNumber: viewer.memberNumber,
    beneficiaryName: beneficiary ? `${beneficiary.firstName} ${beneficiary.lastName}` : null,
    from: parsed.data.du,
    to: parsed.data.au,
    generatedOn: clock.today(),
    lines,
  });
  await recordDownload(db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "statement", lines: lines.length },
  });
  return downloadResponse(pdf, {
    contentType: "application/pdf",
    filename: `releve-prestations-${parsed.data.du}-${parsed.data.au}.pdf`,
  });
}
