// /mon-compte/donnees-personnelles/archive/:id — the member's data archive, streamed from disk, while it is
// valid. Another household's id, an unknown or expired one: 404.
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requireMember } from "../guards.server.ts";
import { recordAudit } from "../modules/audit/audit.server.ts";
import { findDownloadableExport } from "../modules/personal-data/export.server.ts";
import { serveExportFile } from "../modules/personal-data/storage.server.ts";
import type { Route } from "./+types/donnees-personnelles-archive";

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireMember(args);
  const services = args.context.get(servicesContext);
  const found = await findDownloadableExport(services, viewer, args.params.id);
  if (!found) notFound();
  const day = services.clock.dateOf(found.readyAt);
  const response = await serveExportFile(services.storage, found.storedName, `mes-donnees-${day}.zip`);
  if (!response) notFound();
  await recordAudit(services.db, {
    action: "personal_data.export_downloaded",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: args.context.get(requestContext).ip,
    details: { exportId: args.params.id },
  });
  return response;
}
