// The HTTP load part of docs/benchmarks.md: one section, its tables, and the targets of the performance issue.
import type { PageWeight } from "./frontend-weight.ts";
import { weightTable } from "./frontend-weight.ts";
import type { LighthouseResult } from "./lighthouse.ts";
import { lighthouseTable } from "./lighthouse.ts";
import type { Alternation, LoadReport, PageRun } from "./load-bench.ts";
import { fmtMs, fmtRps, type LoadResult } from "./load.ts";

export interface LoadInput {
  smallLines: number;
  largeLines: number;
  baselines: LoadReport["baselines"];
  large: { runs: PageRun[]; hwmMiB: number; alternation?: Alternation[] };
  small?: { runs: PageRun[]; hwmMiB: number };
  pglite?: LoadReport["pglite"];
  weights?: PageWeight[];
  lighthouse?: LighthouseResult[] | string;
  lighthouseVersion: string;
  wrk: string;
}

export interface LoadNumbers {
  dashboardRps16?: number;
  dashboardP99ms16?: number;
  dashboardVsFloor16?: number;
}

const n = (v: number) => v.toLocaleString("en-US");
const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : "—");
const row = (r: LoadResult) => `${fmtRps(r.rps)} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${n(r.errors)}`;
const mark = (ok: boolean) => (ok ? "met" : "**not met**");

export function loadReport(input: LoadInput): { lines: string[]; numbers: LoadNumbers } {
  const { baselines, large, small } = input;
  const base = (name: string, c: number) =>
    baselines.find((b) => b.name.startsWith(name) && b.connections === c)?.result.rps;
  // The target's ratio from the alternating runs when there are some (closest in time), else from the baselines.
  const pairs = (large.alternation ?? []).map((a) => a.dashboard.rps / a.floor.rps).sort((a, b) => a - b);
  const medianRatio = pairs.length ? pairs[Math.floor((pairs.length - 1) / 2)]! : undefined;
  const lines: string[] = [
    "## Member pages under load",
    "",
    "Production build (`react-router build`, then `MALLOC_ARENA_MAX=2 NODE_ENV=production node --max-semi-space-size=8 --heap-growing-percent=75 server.js` as",
    "`npm start` runs it; default pool of 10 connections, default log level: one JSON line per request, to",
    "/dev/null), PostgreSQL on the same machine. Load from",
    `${input.wrk} (Debian package), 2 threads, on the same 2 cores as the server and the database, signed in as`,
    "1,000 different generated members (a session row each, its cookie signed with the server's secret, as after a",
    "real sign-in), cycling through them: every request is a different member's page. Each figure: a 3 s warm-up,",
    "then 10 s measured; before the first measurement every page is loaded once on each server (3 s each). Errors: answers outside 2xx (a redirect to the sign-in page counts) and socket errors.",
    "Peak RSS: the highest VmRSS of the server process sampled every 100 ms during the measurement. CPU/request:",
    "the server process's user + system CPU time over the measurement divided by its requests (from /proc: less",
    "sensitive than req/s to other work on the machine, which shows in req/s and latencies).",
    "",
    "### Baselines, same run",
    "",
    "| baseline | connections | req/s | p50 | p99 | errors |",
    "|---|---|---|---|---|---|",
    ...baselines.map((b) => `| ${b.name} | ${b.connections} | ${row(b.result)} |`),
    "",
    "- Bare HTTP: `node:http` answering a fixed JSON (scripts/bench/baseline-server.ts): what the machine, wrk and",
    "  Node can do with no work at all.",
    "- Data limit: `node:http` + pg (pool of 10) doing what the dashboard does in the database, with no framework:",
    "  the viewer's statement (session by the cookie's token, login, member, household, unread count), then the",
    "  dashboard loader's own SQL (all captured from the app's query functions at start, replayed per member), as JSON.",
    "- Framework floor: `/aide-contact` on the real server, without a cookie: a public page of our layout, no",
    "  session (without a cookie the viewer lookup stops before any query), no database query.",
    "",
    `### Pages, PostgreSQL, ${n(input.largeLines)} lines`,
    "",
    "| page | connections | req/s | p50 | p99 | errors | peak RSS | CPU/request | × bare HTTP | × data limit | × framework floor |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...large.runs.map(
      (r) =>
        `| ${r.page} | ${r.connections} | ${row(r.result)} | ${r.result.peakRssMiB?.toFixed(0)} MiB | ${r.result.cpuMsPerRequest?.toFixed(2)} ms | ${ratio(r.result.rps, base("bare Node HTTP", r.connections))} | ${ratio(r.result.rps, base("bare Node + pg", r.connections))} | ${ratio(r.result.rps, base("framework floor", r.connections))} |`,
    ),
    "",
    `Server peak memory over the whole run (VmHWM): ${large.hwmMiB.toFixed(0)} MiB.`,
    "",
  ];
  if (large.alternation?.length) {
    lines.push(
      "### Dashboard against the framework floor, alternating",
      "",
      "On the large database's server, 16 connections: the dashboard for 5 s, then `/aide-contact` without a cookie for",
      "5 s, repeated. This machine's speed drifts within minutes (its neighbours' work), so the ratio of each pair,",
      "taken seconds apart on the same process, is steadier than two figures from different parts of the run.",
      "",
      "| pair | dashboard req/s | CPU/request | floor req/s | CPU/request | ratio |",
      "|---|---|---|---|---|---|",
      ...large.alternation.map(
        (a, i) =>
          `| ${i + 1} | ${fmtRps(a.dashboard.rps)} | ${a.dashboard.cpuMsPerRequest?.toFixed(2)} ms | ${fmtRps(a.floor.rps)} | ${a.floor.cpuMsPerRequest?.toFixed(2)} ms | ${(a.dashboard.rps / a.floor.rps).toFixed(2)} |`,
      ),
      "",
      `Median ratio: ${((medianRatio ?? 0) * 100).toFixed(0)} %.`,
      "",
    );
  }
  if (small) {
    lines.push(
      `### Scaling: ${n(input.smallLines)} lines vs ${n(input.largeLines)} lines, 16 connections`,
      "",
      `The same pages, the same load, on a database of ${n(input.smallLines / 50)} households (${n(input.smallLines)} lines) and one of ${n(input.largeLines / 50)} (${n(input.largeLines)} lines),`,
      "each page's two runs seconds apart (both servers up, the small one measured right after the large one).",
      "",
      `| page | req/s, ${n(input.smallLines)} | p50 | p99 | CPU/request | req/s, ${n(input.largeLines)} | p50 | p99 | CPU/request | p50 large / small |`,
      "|---|---|---|---|---|---|---|---|---|---|",
      ...small.runs.map((s) => {
        const l = large.runs.find((r) => r.page === s.page && r.connections === s.connections);
        const cpu = (r: LoadResult) => `${r.cpuMsPerRequest?.toFixed(2)} ms`;
        return `| ${s.page} | ${fmtRps(s.result.rps)} | ${fmtMs(s.result.p50)} | ${fmtMs(s.result.p99)} | ${cpu(s.result)} | ${l ? `${fmtRps(l.result.rps)} | ${fmtMs(l.result.p50)} | ${fmtMs(l.result.p99)} | ${cpu(l.result)} | ${(l.result.p50 / s.result.p50).toFixed(2)} ×` : "— | — | — | — | —"} |`;
      }),
      "",
    );
  }
  if (input.pglite) {
    lines.push("### Embedded database (PGlite)", "");
    if (typeof input.pglite === "string") lines.push(`Not measured: ${input.pglite}`, "");
    else
      lines.push(
        "The demo as `npm start` runs it without DATABASE_URL: a fresh DATA_DIR with the demo data, the demo member",
        "(10000001) signed in through the real /connexion form; one member, so every request reads the same household.",
        "",
        "| page | connections | req/s | p50 | p99 | errors | peak RSS | server VmHWM |",
        "|---|---|---|---|---|---|---|---|",
        `| dashboard \`/\` | ${input.pglite.connections} | ${row(input.pglite.result)} | ${input.pglite.result.peakRssMiB?.toFixed(0)} MiB | ${input.pglite.hwmMiB.toFixed(0)} MiB |`,
        "",
      );
  }
  if (input.weights)
    lines.push(
      "### Front-end weight, first load",
      "",
      "Each member page fetched signed in; the scripts and stylesheets it references, gzipped.",
      "",
      ...weightTable(input.weights),
      "",
    );
  if (input.lighthouse)
    lines.push("### Lighthouse", "", ...lighthouseTable(input.lighthouse, input.lighthouseVersion), "");

  // The issue's targets, from the figures above.
  const dash16 = large.runs.find((r) => r.page.startsWith("dashboard") && r.connections === 16)?.result;
  const floor16 = base("framework floor", 16);
  const numbers: LoadNumbers = {
    dashboardRps16: dash16?.rps,
    dashboardP99ms16: dash16?.p99,
    dashboardVsFloor16: medianRatio ?? (dash16 && floor16 ? dash16.rps / floor16 : undefined),
  };
  const targets: string[] = [];
  if (dash16) {
    targets.push(
      `| dashboard, 10 M lines, 16 connections: ≥ 1,000 req/s | ${fmtRps(dash16.rps)} req/s | ${mark(dash16.rps >= 1000)} |`,
    );
    targets.push(
      `| dashboard, 10 M lines, 16 connections: p99 ≤ 50 ms | ${fmtMs(dash16.p99)} | ${mark(dash16.p99 <= 50)} |`,
    );
    if (numbers.dashboardVsFloor16 !== undefined)
      targets.push(
        `| dashboard ≥ 60 % of the framework floor's throughput | ${(numbers.dashboardVsFloor16 * 100).toFixed(0)} % (${medianRatio === undefined ? "against the baselines' floor" : `median of ${pairs.length} alternating pairs, section above; against the baselines' floor: ${dash16 && floor16 ? `${((dash16.rps / floor16) * 100).toFixed(0)} %` : "—"}`}) | ${mark(numbers.dashboardVsFloor16 >= 0.6)} |`,
      );
  }
  if (small) {
    const ratios = small.runs.flatMap((s) => {
      const l = large.runs.find((r) => r.page === s.page && r.connections === s.connections);
      return l ? [l.result.p50 / s.result.p50] : [];
    });
    const worst = Math.max(...ratios);
    targets.push(
      `| every page's p50 at 10 M lines ≤ 1.3 × at 10 k | ${Math.min(...ratios).toFixed(2)}–${worst.toFixed(2)} × | ${mark(worst <= 1.3)} |`,
    );
  }
  if (input.weights) {
    const js = Math.max(...input.weights.map((w) => w.jsGzip)) / 1024;
    const html = Math.max(...input.weights.map((w) => w.htmlBytes)) / 1024;
    targets.push(
      `| member pages ≤ 120 KB gzipped JS on first load | at most ${js.toFixed(1)} KB | ${mark(js <= 120)} |`,
    );
    targets.push(`| member pages ≤ 30 KB HTML (uncompressed) | at most ${html.toFixed(1)} KB | ${mark(html <= 30)} |`);
  }
  if (input.lighthouse && typeof input.lighthouse !== "string") {
    for (const r of input.lighthouse) {
      targets.push(
        `| Lighthouse mobile \`${r.path}\`: performance ≥ 95, accessibility 100 | ${r.performance} / ${r.accessibility} | ${mark(r.performance >= 95 && r.accessibility === 100)} |`,
      );
    }
  }
  const rss = Math.max(large.hwmMiB, ...large.runs.map((r) => r.result.peakRssMiB ?? 0));
  targets.push(
    `| server memory under load ≤ 300 MB resident (PostgreSQL) | ${rss.toFixed(0)} MiB peak (VmHWM) | ${mark(rss * 1.048576 <= 300)} |`,
  );
  lines.push("### Against the performance targets", "", "| target | measured | |", "|---|---|---|", ...targets, "");
  return { lines, numbers };
}
