// npm run messages:purge — removes messages older than one year with their attachments (rows and files),
// then stored files whose row never committed (every kind), and rescans the files kept in quarantine while clamd
// was unreachable, for a system cron. The servers also do it every hour; running both, or twice, is harmless.
import { resolve } from "node:path";
import { createVirusScanner } from "../app/modules/claims/virus-scan.server.ts";
import { readEnv, storageConfigFromEnv } from "../app/modules/config/env.server.ts";
import { clockFromEnv } from "../app/modules/clock/index.ts";
import { openDatabase } from "../app/modules/db/client.server.ts";
import { runMigrations } from "../app/modules/db/migrate.server.ts";
import { runMessagingMaintenance } from "../app/modules/messaging/scheduled.server.ts";
import { openStorage } from "../app/modules/storage/index.server.ts";
import { sweepOrphanFiles } from "../app/modules/storage/orphan-sweep.server.ts";
import { rescanQuarantinedFiles } from "../app/modules/storage/quarantine-rescan.server.ts";

const env = readEnv();
const dataDir = resolve(env.DATA_DIR);
const storage = await openStorage(storageConfigFromEnv(env));
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
try {
  await runMigrations(database);
  const clock = clockFromEnv(env);
  const r = await runMessagingMaintenance({ db: database.db, clock, storage });
  const orphans = await sweepOrphanFiles({ db: database.db, storage });
  const rescanned = await rescanQuarantinedFiles(database.db, {
    storage,
    clock,
    scanner: createVirusScanner(env.CLAMAV_URL),
  });
  console.log(
    `Messagerie : ${r.messages} message(s) de plus d'un an supprimé(s), ${r.threads} conversation(s), ${r.files} pièce(s) jointe(s) ; ${orphans.removed} fichier(s) orphelin(s) supprimé(s) ; quarantaine : ${rescanned.released} fichier(s) libéré(s), ${rescanned.deleted} supprimé(s).`,
  );
} finally {
  await database.close();
  storage.close();
}
