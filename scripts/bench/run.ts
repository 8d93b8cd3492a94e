// npm run bench — measures, on this machine, what members and the core system feel; writes docs/benchmarks.md.
// Needs a PostgreSQL server (BENCH_DATABASE_URL, an admin connection; it creates and drops espace_bench_*),
// wrk (Debian package `wrk`) for the HTTP load, and Debian's Chromium (/usr/bin/chromium) for Lighthouse.
//
// Sizes: BENCH_IMPORT_LINES (default 1,000,000), BENCH_SMALL_LINES (10,000), BENCH_LARGE_LINES (10,000,000:
//   200,000 households, about 500,000 persons, 1,000,000 démarches, 400,000 message threads with about
//   1,000,000 messages), BENCH_REQUESTS_PER_HOUSEHOLD (5).
//   BENCH_REUSE=1 reuses generated databases of the same size (generating 10 million lines takes minutes).
// Load: BENCH_LOAD_SECONDS (10 per measurement, after BENCH_WARMUP_SECONDS, 3), BENCH_CONNECTIONS ("16,64"),
//   BENCH_MEMBERS (1,000 generated members signed in, one session each). Servers on ports 3301–3310.
// Parts, each skipped with its switch set to 1 (a skipped part keeps its section from the previous report):
//   BENCH_SKIP_IMPORT      importing reimbursement lines
//   BENCH_SKIP_DOCS        card PDF and attachment memory
//   BENCH_SKIP_QUERIES     page queries on 10k vs 10M lines, with their plans
//   BENCH_SKIP_DIRECTORY   the partner network's search (20 nearest of BENCH_DIRECTORY_ROWS, 100,000)
//   BENCH_SKIP_LOAD        everything over HTTP below (baselines, pages, scaling, PGlite, weight, Lighthouse)
//   BENCH_SKIP_BASELINES   bare HTTP, bare data, framework floor
//   BENCH_SKIP_SMALL       the pages on the 10,000-line database (scaling)
//   BENCH_SKIP_PGLITE      the dashboard on the embedded database
//   BENCH_SKIP_FRONTEND    front-end weight and Lighthouse
//   BENCH_SKIP_LIGHTHOUSE  Lighthouse only
//   BENCH_SKIP_BUILD       use the existing build/ instead of running `react-router build` first
//   BENCH_SKIP_BUNDLE      first-load JavaScript of every page, read from the build (js-budget.ts; no server)
//   BENCH_SKIP_SCALEOUT    one and two app servers behind HAProxy, alternating (scale-out-bench.ts; needs haproxy)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "./databases.ts";
import { benchDirectory } from "./directory-bench.ts";
import { benchImport } from "./import-bench.ts";
import { describeMachine } from "./machine.ts";
import { benchScale, linesPerHousehold, prepare } from "./scale-bench.ts";
import { benchScaleOut } from "./scale-out-bench.ts";
import { benchCards } from "./card-bench.ts";
import { benchUploadMemory } from "./upload-bench.ts";
import { loadReport, type LoadNumbers } from "./report.ts";
import {
  benchBaselines,
  benchPages,
  benchPglite,
  benchSecret,
  concurrencies,
  signInBenchMembers,
  startPortal,
} from "./load-bench.ts";
import { measureWeights } from "./frontend-weight.ts";
import { budgetReport, measureFirstLoads } from "./js-budget.ts";
import { keptSection } from "./kept-section.ts";
import { runLighthouse } from "./lighthouse.ts";
import { wrkVersion } from "./load.ts";

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const importLines = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const smallLines = Number(process.env.BENCH_SMALL_LINES ?? 10_000);
const largeLines = Number(process.env.BENCH_LARGE_LINES ?? 10_000_000);
const output = process.env.BENCH_OUTPUT ?? "docs/benchmarks.md";
const skip = (part: string) => process.env[`BENCH_SKIP_${part}`] === "1";
const log = (s: string) => {
  console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${s}`);
};

// Sections of the previous report, by heading: kept when their part is skipped, and the hand-written ones always.
const previous = new Map<string, string[]>();
// "2026-11-26 17:09 UTC; commit 5d3ce54": when the kept sections were measured (kept again, the older date stays).
let previousDate: string | undefined;
if (existsSync(output)) {
  previousDate = /^- Date: (.+)$/m.exec(readFileSync(output, "utf8"))?.[1];
  let current: string[] | undefined;
  for (const line of readFileSync(output, "utf8").split("\n")) {
    if (line.startsWith("## ")) previous.set(line.slice(3).trim(), (current = []));
    else current?.push(line);
  }
}
// A skipped part's section, with a first line saying where its figures come from (kept-section.ts).
const kept = (heading: string, fallback?: string) => keptSection(previous.get(heading), previousDate, fallback);

const switchesHelp = [
  "Switches (environment): `BENCH_REUSE=1` reuses the generated databases; sizes `BENCH_LARGE_LINES` (10,000,000),",
  "`BENCH_SMALL_LINES` (10,000), `BENCH_IMPORT_LINES` (1,000,000), `BENCH_REQUESTS_PER_HOUSEHOLD` (5); load",
  "`BENCH_LOAD_SECONDS` (10), `BENCH_WARMUP_SECONDS` (3), `BENCH_CONNECTIONS` (16,64), `BENCH_MEMBERS` (1,000);",
  "`BENCH_SKIP_<PART>=1` skips a part and keeps its section from the previous report, PART one of IMPORT, DOCS,",
  "QUERIES, DIRECTORY, LOAD, BASELINES, SMALL, PGLITE, FRONTEND, LIGHTHOUSE, BUILD, BUNDLE, SCALEOUT (details at the top of",
  "scripts/bench/run.ts).",
];

const client = await connect(adminUrl);
const version = (await client.query<{ v: string }>("select split_part(version(), ' on ', 1) as v")).rows[0]!.v;
await client.end();

const importTable = skip("IMPORT")
  ? kept("Importing reimbursement lines")
  : await benchImport(adminUrl, importLines, log);
const cards = skip("DOCS") ? kept("Documents") : await benchCards();
const uploads = skip("DOCS") ? kept("Attachments") : await benchUploadMemory();
const scale = skip("QUERIES")
  ? kept("Member pages on a large history")
  : await benchScale(adminUrl, smallLines, largeLines, log);
const directory = skip("DIRECTORY") ? kept("Partner network search") : await benchDirectory(adminUrl, log);

let built = false;
const build = () => {
  if (skip("BUILD") || built) return;
  log("building (react-router build)");
  execFileSync(process.execPath, ["node_modules/@react-router/dev/bin.cjs", "build"], { stdio: "ignore" });
  built = true;
};

// Deterministic, from the build alone: every page's first-load JavaScript against the budget (js-budget.ts).
let bundle: string[];
if (skip("BUNDLE")) bundle = kept("First-load JavaScript, from the build");
else {
  build();
  bundle = [
    "Every page of the build: the scripts its HTML preloads (the route manifest, the entry, each matched route's",
    "module and static imports), each gzipped at zlib's default level as the server sends it, added up",
    "(`node scripts/bench/js-budget.ts`; `tests/integration/js-budget.test.ts` fails the build over budget).",
    "",
    ...budgetReport(measureFirstLoads("build/client")),
  ];
  log("first-load JavaScript read from the build");
}

let load: string[] = [];
let loadNumbers: LoadNumbers | undefined;
if (!skip("LOAD")) {
  build();
  const largeUrl = await prepare(adminUrl, "espace_bench_large", largeLines, log);
  const largeMembers = await signInBenchMembers(largeUrl, Math.round(largeLines / linesPerHousehold));
  const baselines = skip("BASELINES") ? [] : await benchBaselines(largeUrl, largeMembers, log);
  let smallDb: { url: string; members: Awaited<ReturnType<typeof signInBenchMembers>> } | undefined;
  if (!skip("SMALL")) {
    const smallUrl = await prepare(adminUrl, "espace_bench_small", smallLines, log);
    smallDb = {
      url: smallUrl,
      members: await signInBenchMembers(smallUrl, Math.round(smallLines / linesPerHousehold)),
    };
  }
  const { large, small } = await benchPages({ url: largeUrl, members: largeMembers }, smallDb, concurrencies, log);
  const pglite = skip("PGLITE") ? undefined : await benchPglite(log);
  let weights: Awaited<ReturnType<typeof measureWeights>> | undefined;
  let lighthouse: Awaited<ReturnType<typeof runLighthouse>> | undefined;
  if (!skip("FRONTEND")) {
    const server = await startPortal(3308, {
      DATABASE_URL: largeUrl,
      AUTH_SECRET: benchSecret,
      DATA_DIR: `/tmp/espace-bench-frontend-${process.pid}`,
    });
    try {
      weights = await measureWeights(server.baseUrl, largeMembers[0]!);
      log(`front-end weight measured on ${weights.length} pages`);
      if (!skip("LIGHTHOUSE")) {
        lighthouse = await runLighthouse(server.baseUrl, ["/", "/remboursements"], largeMembers[1]!.cookie).catch(
          (error: unknown) => `failed: ${String(error)}`,
        );
        log(
          `lighthouse: ${typeof lighthouse === "string" ? lighthouse : lighthouse.map((r) => `${r.path} ${r.performance}/${r.accessibility}`).join(", ")}`,
        );
      }
    } finally {
      await server.stop();
    }
  }
  const require = createRequire(import.meta.url);
  const lighthouseVersion = (require("lighthouse/package.json") as { version: string }).version;
  ({ lines: load, numbers: loadNumbers } = loadReport({
    smallLines,
    largeLines,
    baselines,
    large,
    small,
    pglite,
    weights,
    lighthouse,
    lighthouseVersion,
    wrk: wrkVersion(),
  }));
}

// One and two app servers behind HAProxy, on the large database (its own build and members if LOAD was skipped).
let scaleOut: string[];
if (skip("SCALEOUT")) scaleOut = kept("Several app servers behind HAProxy");
else {
  build();
  const url = await prepare(adminUrl, "espace_bench_large", largeLines, log);
  const members = await signInBenchMembers(url, Math.round(largeLines / linesPerHousehold));
  scaleOut = [
    `(Measured on the ${largeLines.toLocaleString("en-US")}-line bench database, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.)`,
    "",
    ...(await benchScaleOut(url, members, log)),
  ];
}

const report = [
  "# Benchmarks",
  "",
  "Written by `npm run bench` (scripts/bench/). Figures from one run on the machine below; rerun to compare. The",
  "machine's 2 cores are shared with other work (builds and tests of other engineers may have run at the same",
  "time): take differences under about 15 % as noise.",
  "",
  ...switchesHelp,
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
  // Written from `npm run bench:export` (its own process, 1 GB of files: not part of this run), kept as it is.
  ...(previous.has("Personal-data export")
    ? ["## Personal-data export", ...previous.get("Personal-data export")!]
    : []),
  "",
  "## Attachments",
  "",
  ...uploads,
  "",
  "## Member pages on a large history",
  "",
  ...scale,
  "",
  "## Partner network search",
  "",
  ...directory,
  "",
  // Hand-written (import targets and the cold/warm discussion), kept as it is; the query plans above are generated.
  ...(previous.has("Against the issue's targets")
    ? [
        "## Against the issue's targets",
        ...previous
          .get("Against the issue's targets")!
          .slice(
            0,
            Math.max(
              0,
              previous.get("Against the issue's targets")!.findIndex((l) => l.startsWith("### Query plans")) >>> 0,
            ),
          ),
        "",
      ]
    : []),
  ...(skip("LOAD") ? ["## Member pages under load", "", ...kept("Member pages under load")] : load),
  "",
  "## First-load JavaScript, from the build",
  "",
  ...bundle,
  "",
  "## Several app servers behind HAProxy",
  "",
  ...scaleOut,
  "",
  "## What was changed and what it gained",
  "",
  ...(previous.get("What was changed and what it gained") ?? ["(nothing yet)"]).filter(
    (_, i, a) => i < a.length - 1 || a[i] !== "",
  ),
];
writeFileSync(output, `${report.join("\n").replace(/\n{3,}/g, "\n\n")}\n`);
if (loadNumbers) log(`targets: ${JSON.stringify(loadNumbers)}`);
log(`written to ${output}`);
