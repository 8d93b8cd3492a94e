// npm run bench — measures, on this machine, what members and the core system feel; writes docs/benchmarks.md.
// Needs a PostgreSQL server (BENCH_DATABASE_URL, an admin connection; it creates and drops espace_bench_*).
// BENCH_REUSE=1 reuses generated databases of the same size; BENCH_SKIP_IMPORT=1 skips the import part.
// Sizes: BENCH_IMPORT_LINES (default 1,000,000), BENCH_SMALL_LINES (10,000), BENCH_LARGE_LINES (10,000,000).
import { writeFileSync } from "node:fs";
import { connect } from "./databases.ts";
import { benchImport } from "./import-bench.ts";
import { describeMachine } from "./machine.ts";
import { benchScale } from "./scale-bench.ts";
import { benchCards } from "./card-bench.ts";
import { benchUploadMemory } from "./upload-bench.ts";

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const importLines = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const smallLines = Number(process.env.BENCH_SMALL_LINES ?? 10_000);
const largeLines = Number(process.env.BENCH_LARGE_LINES ?? 10_000_000);
const output = process.env.BENCH_OUTPUT ?? "docs/benchmarks.md";
const log = (s: string) => console.log(`[bench] ${s}`);

const client = await connect(adminUrl);
const version = (await client.query<{ v: string }>("select split_part(version(), ' on ', 1) as v")).rows[0]!.v;
await client.end();

// BENCH_SKIP_IMPORT=1 reruns only the page queries (with BENCH_REUSE=1, in about a minute).
const importTable = process.env.BENCH_SKIP_IMPORT === "1" ? ["(import not measured in this run)"] : await benchImport(adminUrl, importLines, log);
const scale = await benchScale(adminUrl, smallLines, largeLines, log);
const cards = await benchCards();
const uploads = await benchUploadMemory();

const report = [
  "# Benchmarks",
  "",
  "Written by `npm run bench` (scripts/bench/). Figures from one run on the machine below; rerun to compare.",
  "",
  ...describeMachine(version),
  "",
  "## Importing reimbursement lines",
  "",
  ...importTable,
  "",
  "## Documents",
  "",
  ...cards,
  "",
  "## Attachments",
  "",
  ...uploads,
  "",
  "## Member pages on a large history",
  "",
  ...scale,
];
writeFileSync(output, `${report.join("\n")}\n`);
log(`written to ${output}`);
