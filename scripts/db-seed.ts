// npm run db:seed — loads the demo households into the configured database. Idempotent: households and
// the advisor already present are left untouched. On PostgreSQL it runs only because you asked.
import { resolve } from "node:path";
import { readEnv } from "../app/modules/config/env.server.ts";
import { openDatabase } from "../app/modules/db/client.server.ts";
import { runMigrations } from "../app/modules/db/migrate.server.ts";
import { seedDemoData } from "../app/modules/demo/seed.server.ts";
import { clockFromEnv } from "../app/modules/clock/index.ts";

const env = readEnv();
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR) });
try {
  await runMigrations(database);
  const { created } = await seedDemoData(database.db, clockFromEnv(env));
  console.log(
    created.length
      ? `Données de démonstration créées : ${created.join(", ")}.`
      : "Données de démonstration déjà présentes : rien à faire.",
  );
} finally {
  await database.close();
}
