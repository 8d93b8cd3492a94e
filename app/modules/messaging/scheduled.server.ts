// The messagerie's hourly job, as the server runs it and as `npm run messages:purge` runs it.
import type { VirusScanner } from "../claims/virus-scan.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { messageFileStore } from "./files.server.ts";
import { purgeExpiredMessages, rescanQuarantinedMessageFiles, sweepOrphanMessageFiles } from "./maintenance.server.ts";

export async function runMessagingMaintenance(services: {
  db: Db;
  clock: Clock;
  uploadDir: string;
  virusScanner: VirusScanner | null;
}) {
  const store = messageFileStore(services);
  const purged = await purgeExpiredMessages(services.db, store.uploadDir, services.clock.now());
  const orphans = await sweepOrphanMessageFiles(services.db, store.uploadDir);
  const rescanned = await rescanQuarantinedMessageFiles(services.db, store);
  return { ...purged, orphans, ...rescanned };
}
