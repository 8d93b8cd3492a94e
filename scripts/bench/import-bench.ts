// Import throughput: our importer against raw COPY of the same data, in the same run.
import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../../app/modules/clock/index.ts";
import { openDatabase } from "../../app/modules/db/client.server.ts";
import { importReimbursementLines } from "../../app/modules/reimbursements/import/import-lines.server.ts";
import { readRecords } from "../../app/modules/reimbursements/import/read-records.ts";
import { connect, freshDatabase } from "./databases.ts";
import { generateMutuelle } from "./generate-data.ts";
import { benchHealthzDuringImport } from "./healthz-during-import.ts";
import { writeImportFile } from "./import-file.ts";
import { rate } from "./machine.ts";

const lineColumns =
  "source_line_id, household_id, beneficiary_id, care_type, care_date, professional_name, charged_cents, base_cents, amo_rate_bp, amo_deductible_cents, amo_cents, amc_cents, remaining_cents, guarantee_label, paid_to, paid_to_person_id, bank_account_id, payment_date";

const timed = async (fn: () => unknown) => {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
};

export async function benchImport(adminUrl: string, lines: number, log: (s: string) => void): Promise<string[]> {
  const households = Math.max(1000, Math.round(lines / 50));
  const url = await freshDatabase(adminUrl, "espace_bench_import");
  const client = await connect(url);
  await generateMutuelle(client, { households, linesPerHousehold: 0 });
  const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
  const file = join(dir, "decomptes.csv");
  await writeImportFile(file, { lines, households });
  log(`import: ${lines} lines in ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB for ${households} households`);

  const database = await openDatabase({ databaseUrl: url, poolMax: 4 });
  let summary: Awaited<ReturnType<typeof importReimbursementLines>> | undefined;
  const ours = await timed(async () => {
    summary = await importReimbursementLines(database.db, readRecords(createReadStream(file), "csv"), {
      clock: systemClock(),
    });
  });
  log(`import: ours ${ours.toFixed(1)} s (${summary?.inserted} inserted, ${summary?.rejected} rejected)`);
  const again = await timed(() =>
    importReimbursementLines(database.db, readRecords(createReadStream(file), "csv"), { clock: systemClock() }),
  );
  log(`import: same file again ${again.toFixed(1)} s`);
  await database.close();

  // Raw COPY of the same lines (ids already resolved) into the same table, indexes and foreign keys included.
  const resolved = join(dir, "resolved.csv");
  execFileSync("psql", [url, "-qc", `\\copy (select ${lineColumns} from reimbursement_line) to '${resolved}' csv`]);
  await client.query("truncate reimbursement_line cascade");
  const copyTable = await timed(() =>
    execFileSync("psql", [url, "-qc", `\\copy reimbursement_line (${lineColumns}) from '${resolved}' csv`]),
  );
  log(`import: raw COPY into reimbursement_line ${copyTable.toFixed(1)} s`);
  // And the input file into a bare table: what the wire and the CSV parser alone cost.
  await client.query(
    "create table bench_staging (line_id text, member_number text, beneficiary_ref text, care_type text, care_date date, payment_date date, professional text, charged_cents int, base_cents int, amo_rate_bp int, amo_deductible_cents int, amo_cents int, amc_cents int, guarantee_label text, paid_to text)",
  );
  const copyBare = await timed(() =>
    execFileSync("psql", [url, "-qc", `\\copy bench_staging from '${file}' csv header`]),
  );
  log(`import: raw COPY into a bare table ${copyBare.toFixed(1)} s`);
  // The same file once more, over HTTP into an empty table, while /healthz is asked again and again.
  await client.query("truncate reimbursement_line cascade");
  const healthz = await benchHealthzDuringImport(url, file, lines, log);
  await client.end();
  rmSync(dir, { recursive: true, force: true });

  return [
    `| what (${lines.toLocaleString("en-US")} lines, PostgreSQL) | time | throughput | vs raw COPY into the table |`,
    "|---|---|---|---|",
    `| our import (\`npm run import:decomptes\` code path): parse, validate, resolve, insert with history | ${ours.toFixed(1)} s | ${rate(lines, ours)} | ${(copyTable / ours).toFixed(2)} × |`,
    `| the same file again (every line unchanged) | ${again.toFixed(1)} s | ${rate(lines, again)} | ${(copyTable / again).toFixed(2)} × |`,
    `| raw \`COPY\` of the same resolved lines into \`reimbursement_line\` (3 indexes, 4 foreign keys) | ${copyTable.toFixed(1)} s | ${rate(lines, copyTable)} | 1 × |`,
    `| raw \`COPY\` of the input file into a table without index or constraint | ${copyBare.toFixed(1)} s | ${rate(lines, copyBare)} | — |`,
    "",
    ...healthz,
  ];
}
