// npm run import:decomptes -- FILE [FILE...]
// Imports reimbursement lines (CSV or JSON Lines, see docs/import-decomptes.md) into the configured database.
// Speaks French to the operator and never prints a stack trace: whatever goes wrong ends in a sentence and an
// exit code. 0: every line of every file accepted. 2: some lines refused (the others are in). 1: a file or
// the database could not be read or written (other files were still imported; run again to complete).
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, readEnv } from "../app/modules/config/env.server.ts";
import { clockFromEnv } from "../app/modules/clock/index.ts";
import { openDatabase } from "../app/modules/db/client.server.ts";
import { runMigrations } from "../app/modules/db/migrate.server.ts";
import { loadGuaranteeTablesFile } from "../app/modules/guarantees/index.server.ts";
import { importFromCoreSystem, importPace } from "../app/modules/reimbursements/import/core-system-import.server.ts";
import {
  formatFromName,
  readRecords,
  UnreadableImportError,
} from "../app/modules/reimbursements/import/read-records.ts";

const exitCodes = { ok: 0, cannotRun: 1, linesRefused: 2 } as const;
const shownErrors = 50;

const fileProblems: Record<string, string> = {
  ENOENT: "fichier introuvable",
  EACCES: "lecture refusée (droits du fichier)",
  EPERM: "lecture refusée (droits du fichier)",
  EISDIR: "c'est un dossier, pas un fichier",
};

/** What is wrong with the file itself, when that is what stopped its import. */
function fileProblem(error: unknown): string | null {
  if (error instanceof UnreadableImportError) return `fichier illisible, rien n'a été importé : ${error.message}`;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? (fileProblems[code] ?? null) : null;
}

/** One French sentence for an error, never its stack. */
function explain(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof ConfigError) return error.message;
  const problem = fileProblem(error);
  if (problem) return problem;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "ECONNRESET") {
    return "base de données injoignable (vérifiez DATABASE_URL et que PostgreSQL tourne)";
  }
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code))
    return `la base de données a refusé l'écriture (code ${code})`;
  return `erreur inattendue (${error instanceof Error ? error.name : typeof error})`;
}

// Last resort: anything that escapes below still ends in French, without a stack trace.
process.on("uncaughtException", (error) => {
  console.error(`Import interrompu : ${explain(error)}.`);
  process.exit(exitCodes.cannotRun);
});
process.on("unhandledRejection", (error) => {
  console.error(`Import interrompu : ${explain(error)}.`);
  process.exit(exitCodes.cannotRun);
});

const files = process.argv.slice(2).filter((a) => a !== "--");
if (files.length === 0) {
  console.error("Usage : npm run import:decomptes -- FICHIER.csv|FICHIER.jsonl [...]");
  process.exit(exitCodes.cannotRun);
}

let database;
let env;
let clock;
let guarantees;
try {
  env = readEnv();
  clock = clockFromEnv(env);
  try {
    guarantees = loadGuaranteeTablesFile(env.GUARANTEE_TABLES);
  } catch (error) {
    console.error(
      `Impossible de lire les tableaux de garanties (${env.GUARANTEE_TABLES}), qui servent à contrôler les montants : ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(exitCodes.cannotRun);
  }
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
const worse = (code: number) => {
  if (code === exitCodes.cannotRun || exitCode === exitCodes.ok) exitCode = code;
};
for (const file of files) {
  const format = formatFromName(file);
  if (!format) {
    console.error(`${file} : extension inconnue (.csv, .jsonl ou .ndjson attendue).`);
    worse(exitCodes.cannotRun);
    continue;
  }
  const started = performance.now();
  try {
    const records = readRecords(createReadStream(file), format, { maxLineBytes: env.IMPORT_MAX_LINE_BYTES });
    const summary = await importFromCoreSystem(database.db, clock, records, {
      source: "cli",
      guarantees,
      pace: importPace(env),
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${file} : ${summary.read} lignes lues en ${seconds.toFixed(1)} s — ${summary.inserted} ajoutées, ` +
        `${summary.updated} corrigées, ${summary.unchanged} inchangées, ${summary.rejected} rejetées.`,
    );
    const check = summary.pricingCheck;
    console.log(
      check
        ? `  Contrôle par le moteur de garanties : ${check.matching} conformes, ${check.different} avec un écart (à vérifier par un conseiller), ${check.notComputed} non recalculées.`
        : "  Contrôle par le moteur de garanties : reporté (il reprendra au prochain passage planifié).",
    );
    for (const e of summary.errors.slice(0, shownErrors)) console.log(`  ligne ${e.line} : ${e.reason}`);
    if (summary.rejected > shownErrors) console.log(`  … et ${summary.rejected - shownErrors} autres rejets.`);
    if (summary.rejected > 0) worse(exitCodes.linesRefused);
  } catch (error) {
    const problem = fileProblem(error);
    if (problem) console.error(`${file} : ${problem}.`);
    else
      console.error(
        `${file} : import interrompu — ${explain(error)}. Les lots déjà enregistrés sont conservés ; relancez l'import du même fichier pour le compléter.`,
      );
    worse(exitCodes.cannotRun);
  }
}
await database.close().catch(() => {});
process.exit(exitCode);
