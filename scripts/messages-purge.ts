// npm run messages:purge — removes messages older than one year with their attachments (rows and files),
// for a system cron. The servers also do it every hour; running both, or twice, is harmless.
import { join, resolve } from "node:path";
import { createVirusScanner } from "../app/modules/claims/virus-scan.server.ts";
import { readEnv } from "../app/modules/config/env.server.ts";
import { clockFromEnv } from "../app/modules/clock/index.ts";
import { openDatabase } from "../app/modules/db/client.server.ts";
import { runMigrations } from "../app/modules/db/migrate.server.ts";
import { runMessagingMaintenance } from "../app/modules/messaging/scheduled.server.ts";

const env = readEnv();
const dataDir = resolve(env.DATA_DIR);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
try {
  await runMigrations(database);
  const r = await runMessagingMaintenance({
    db: database.db,
    clock: clockFromEnv(env),
    uploadDir: resolve(env.UPLOAD_DIR ?? join(dataDir, "uploads")),
    virusScanner: createVirusScanner(env.CLAMAV_URL),
  });
  console.log(
    `Messagerie : ${r.messages} message(s) de plus d'un an supprimé(s), ${r.threads} conversation(s), ${r.files} pièce(s) jointe(s) ; ${r.orphans} fichier(s) orphelin(s) supprimé(s).`,
  );
} finally {
  await database.close();
}
