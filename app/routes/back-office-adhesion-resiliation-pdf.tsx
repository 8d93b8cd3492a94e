// The résiliation letter of an accepted adhesion's previous contract (asked by the member in the journey), as
// a PDF for the gestionnaire to send to the former insurer. Audited like every look at an adhesion.
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { recordAudit } from "../modules/audit/audit.server.ts";
import { downloadResponse } from "../modules/documents/download.server.ts";
import { cancellationLetterOf, renderCancellationLetter } from "../modules/offer/cancellation-letter.server.ts";
import type { Route } from "./+types/back-office-adhesion-resiliation-pdf";

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "contracts.decide");
  const services = args.context.get(servicesContext);
  const { name, address } = services.brand.legalNotice.publisher;
  const facts = await cancellationLetterOf(services, { name, address }, args.params.id);
  if (!facts) notFound();
  await recordAudit(services.db, {
    action: "backoffice.affiliation_viewed",
    outcome: "success",
    actorUserId: advisor.userId,
    ipAddress: args.context.get(requestContext).ip,
    details: { journeyId: args.params.id, document: "resiliation" },
  });
  const pdf = await renderCancellationLetter(facts);
  return downloadResponse(pdf, { contentType: "application/pdf", filename: `resiliation-${facts.memberNumber}.pdf` });
}
