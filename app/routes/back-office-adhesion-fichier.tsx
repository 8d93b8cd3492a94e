// An attestation de droits joined to an online adhesion, for the gestionnaire reviewing it: a download.
import { requestContext, servicesContext } from "../context.ts";
import { recordAudit } from "../modules/audit/audit.server.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { serveStoredFile } from "../modules/documents/serve-file.server.ts";
import { getAdhesionFile } from "../modules/offer/adhesion-queue.server.ts";
import { affiliationKeyPrefix } from "../modules/offer/journey.server.ts";
import type { Route } from "./+types/back-office-adhesion-fichier";

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "contracts.decide");
  const { db, storage } = args.context.get(servicesContext);
  const file = await getAdhesionFile(db, args.params.id, args.params.fileId);
  if (!file) notFound();
  await recordAudit(db, {
    action: "backoffice.affiliation_viewed",
    outcome: "success",
    actorUserId: advisor.userId,
    ipAddress: args.context.get(requestContext).ip,
    details: { journeyId: args.params.id, fileId: args.params.fileId },
  });
  const response = await serveStoredFile(storage, affiliationKeyPrefix + file.storedName, file);
  if (!response) notFound();
  return response;
}
