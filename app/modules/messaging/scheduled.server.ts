// The messagerie's hourly job, as the server runs it and as `npm run messages:purge` runs it. The orphan sweep
// and the quarantine rescan of every stored file (messages' too) are in app/modules/storage/.
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import type { ObjectStorage } from "../storage/index.server.ts";
import { purgeExpiredMessages } from "./maintenance.server.ts";

export async function runMessagingMaintenance(services: { db: Db; clock: Clock; storage: ObjectStorage }) {
  return purgeExpiredMessages(services.db, services.storage, services.clock.now());
}
