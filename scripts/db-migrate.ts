// npm run db:migrate — applies the migrations in drizzle/ to the configured database (DATABASE_URL, or
// the embedded one in DATA_DIR). The server also does this at start; this is for deploy pipelines.
import { resolve } from "node:path";
import { readEnv } from "../app/modules/config/env.server.ts";
import { openDatabase } from "../app/modules/db/client.server.ts";
import { runMigrations } from "../app/modules/db/migrate.server.ts";

const env = readEnv();
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR) });
try {
  await runMigrations(database);
  console.log(`Migrations appliquées (${database.kind}).`);
} finally {
  await database.close();
}
