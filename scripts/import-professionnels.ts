// npm run import:professionnels -- FILE [--partiel]
// Loads the directory of health professionals (CSV, see docs/directory.md) into the configured database.
// A full import (the default) withdraws the professionals the file no longer lists; --partiel only adds and
// updates. Speaks French, never prints a stack trace. Exit codes as import:decomptes: 0 every line accepted,
// 2 some lines refused (the others are in), 1 the file or the database could not be read or written.
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, readEnv } from "../app/modules/config/env.server.ts";
import { clockFromEnv } from "../app/modules/clock/index.ts";
import { openDatabase } from "../app/modules/db/client.server.ts";
import { runMigrations } from "../app/modules/db/migrate.server.ts";
import { importProfessionals } from "../app/modules/directory/import.server.ts";
import { requiredColumns } from "../app/modules/directory/record.ts";
import { readRecords, UnreadableImportError } from "../app/modules/reimbursements/import/read-records.ts";

const exitCodes = { ok: 0, cannotRun: 1, linesRefused: 2 } as const;
const shownErrors = 50;

function explain(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof ConfigError) return error.message;
  if (error instanceof UnreadableImportError) return `fichier illisible, rien n'a été importé : ${error.message}`;
  if (code === "ENOENT") return "fichier introuvable";
  if (code === "EACCES" || code === "EPERM") return "lecture refusée (droits du fichier)";
  if (code === "EISDIR") return "c'est un dossier, pas un fichier";
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "ECONNRESET")
    return "base de données injoignable (vérifiez DATABASE_URL et que PostgreSQL tourne)";
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code))
    return `la base de données a refusé l'écriture (code ${code})`;
  return `erreur inattendue (${error instanceof Error ? error.name : typeof error})`;
}

process.on("uncaughtException", (error) => {
  console.error(`Import interrompu : ${explain(error)}.`);
  process.exit(exitCodes.cannotRun);
});
process.on("unhandledRejection", (error) => {
  console.error(`Import interrompu : ${explain(error)}.`);
  process.exit(exitCodes.cannotRun);
});

const args = process.argv.slice(2).filter((a) => a !== "--");
const partial = args.includes("--partiel");
const files = args.filter((a) => a !== "--partiel");
const [file] = files;
if (files.length !== 1 || !file || !/\.csv$/i.test(file)) {
  console.error("Usage : npm run import:professionnels -- FICHIER.csv [--partiel]");
  process.exit(exitCodes.cannotRun);
}

let database;
let env;
try {
  env = readEnv();
  database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR) });
  await runMigrations(database);
} catch (error) {
  console.error(
    `Impossible d'ouvrir la base de données : ${error instanceof Error && !("code" in error) ? error.message : explain(error)}`,
  );
  await database?.close().catch(() => {});
  process.exit(exitCodes.cannotRun);
}

let exitCode: number = exitCodes.ok;
try {
  const records = readRecords(createReadStream(file), "csv", {
    maxLineBytes: env.IMPORT_MAX_LINE_BYTES,
    requiredColumns,
  });
  const s = await importProfessionals(database.db, clockFromEnv(env), records, { full: !partial, source: "cli" });
  console.log(
    `${file} : ${s.read} lignes lues — ${s.inserted} ajoutés, ${s.updated} modifiés, ${s.unchanged} inchangés, ` +
      `${s.withdrawn} retirés, ${s.rejected} rejetées.`,
  );
  if (s.withdrawalSkipped) console.log(`  ${s.withdrawalSkipped}.`);
  for (const e of s.errors.slice(0, shownErrors)) console.log(`  ligne ${e.line} : ${e.reason}`);
  if (s.rejected > shownErrors) console.log(`  … et ${s.rejected - shownErrors} autres rejets.`);
  if (s.rejected > 0) exitCode = exitCodes.linesRefused;
} catch (error) {
  console.error(`${file} : import interrompu — ${explain(error)}. Rien n'a été modifié.`);
  exitCode = exitCodes.cannotRun;
}
await database.close().catch(() => {});
process.exit(exitCode);
