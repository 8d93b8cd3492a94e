import { requestContext, servicesContext } from "../context.ts";
import { requireMember } from "../guards.server.ts";
import { renderRightsCertificatePdf } from "../modules/documents/contract-pdfs.server.ts";
import { downloadResponse, recordDownload } from "../modules/documents/download.server.ts";
import { getContractFacts } from "../modules/documents/queries.server.ts";
import type { Route } from "./+types/attestation-pdf";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const { db, brand, clock } = args.context.get(servicesContext);
  const today = clock.today();
  const pdf = await renderRightsCertificatePdf(await getContractFacts(db, viewer), {
    brandName: brand.name,
    today,
    responsible: brand.amc.responsible,
  });
  await recordDownload(db, {
    viewer,
    ip: args.context.get(requestContext).ip,
    details: { document: "rights_certificate" },
  });
  return downloadResponse(pdf, { contentType: "application/pdf", filename: `attestation-de-droits-${today}.pdf` });
}
