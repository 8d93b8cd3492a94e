// The messagerie's hourly job, as the server runs it and as `npm run messages:purge` runs it. The orphan
// sweep of every stored file (messages' and claims') is app/modules/storage/orphan-sweep.server.ts.
import type { VirusScanner } from "../claims/virus-scan.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import type { ObjectStorage } from "../storage/index.server.ts";
import { purgeExpiredMessages, rescanQuarantinedMessageFiles } from "./maintenance.server.ts";

export async function runMessagingMaintenance(services: {
  db: Db;
  clock: Clock;
  storage: ObjectStorage;
  virusScanner: VirusScanner | null;
}) {
  const purged = await purgeExpiredMessages(services.db, services.storage, services.clock.now());
  const rescanned = await rescanQuarantinedMessageFiles(services.db, {
    storage: services.storage,
    scanner: services.virusScanner,
  });
  return { ...purged, ...rescanned };
}
