// npm run import:decomptes -- FILE [FILE...]
// Imports reimbursement lines (CSV or JSON Lines, see docs/import-decomptes.md) into the configured database.
// Exit code: 0 all lines accepted, 2 some lines rejected (the others are in), 1 the import could not run.
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { readEnv } from "../app/modules/config/env.server.ts";
import { clockFromEnv } from "../app/modules/clock/index.ts";
import { openDatabase } from "../app/modules/db/client.server.ts";
import { runMigrations } from "../app/modules/db/migrate.server.ts";
import { importReimbursementLines } from "../app/modules/reimbursements/import/import-lines.server.ts";
import { formatFromName, readRecords } from "../app/modules/reimbursements/import/read-records.ts";

const files = process.argv.slice(2).filter((a) => a !== "--");
if (files.length === 0) {
  console.error("Usage : npm run import:decomptes -- FICHIER.csv|FICHIER.jsonl [...]");
  process.exit(1);
}

const env = readEnv();
const clock = clockFromEnv(env);
let database;
try {
  database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR) });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
let exitCode = 0;
try {
  await runMigrations(database);
  for (const file of files) {
    const format = formatFromName(file);
    if (!format) {
      console.error(`${file} : extension inconnue (.csv, .jsonl ou .ndjson attendue).`);
      exitCode = 1;
      continue;
    }
    const started = performance.now();
    const summary = await importReimbursementLines(database.db, readRecords(createReadStream(file), format), { clock });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${file} : ${summary.read} lignes lues en ${seconds.toFixed(1)} s — ${summary.inserted} ajoutées, ` +
        `${summary.updated} corrigées, ${summary.unchanged} inchangées, ${summary.rejected} rejetées.`,
    );
    for (const e of summary.errors.slice(0, 50)) console.log(`  ligne ${e.line} : ${e.reason}`);
    if (summary.errors.length > 50) console.log(`  … et ${summary.rejected - 50} autres rejets.`);
    if (summary.rejected > 0 && exitCode === 0) exitCode = 2;
  }
} finally {
  await database.close();
}
process.exit(exitCode);
