// Member pages under HTTP load on the production build, signed in as many different members, compared with
// three baselines measured in the same run; the same on a small database (scaling) and on PGlite.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchMember, signInMembers } from "./members.ts";
import {
  fmtMs,
  fmtRps,
  type LoadResult,
  readMemory,
  type RunningServer,
  runWrk,
  startProcess,
  type Target,
} from "./load.ts";

export const benchSecret = "bench-secret-not-for-production-0123456789abcdef";
// Production with DATABASE_URL refuses to start without explicit IBAN keys: a fixed one, for benchmarks only.
const benchIbanKeys = `bench:${Buffer.alloc(32, 7).toString("base64")}`;
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const memberCount = Number(process.env.BENCH_MEMBERS ?? 1000);
const concurrencies = (process.env.BENCH_CONNECTIONS ?? "16,64").split(",").map(Number);

/** The framework floor's page: public, our layout, no session, no query. */
const floorPage = "/aide-contact";
/** Dashboard / floor pairs for the target's ratio (BENCH_ALTERNATIONS, 5 s each run). */
const alternations = Number(process.env.BENCH_ALTERNATIONS ?? 5);

/** One 5-second dashboard run and the 5-second framework-floor run right after it, on the same server. */
export interface Alternation {
  dashboard: LoadResult;
  floor: LoadResult;
}

export const pages: { name: string; target: (m: BenchMember) => string }[] = [
  { name: "dashboard `/`", target: () => "/" },
  { name: "reimbursements `/remboursements`", target: () => "/remboursements" },
  {
    name: "filtered list `?beneficiaire=…&soin=pharmacie&periode=2025`",
    target: (m) => `/remboursements?beneficiaire=${m.beneficiaryId}&soin=pharmacie&periode=2025`,
  },
  { name: "line detail `/remboursements/:id`", target: (m) => `/remboursements/${m.lineId}` },
  { name: "claim form `/demandes/nouvelle`", target: () => "/demandes/nouvelle" },
];

/**
 * V8 flags of `npm start` (package.json, app:start): an 8 MB young generation (semi-space) instead of the 64 MB V8 picks on a
 * 24 GiB machine, and an old generation that grows by 1.75 × between major collections instead of up to 4 ×
 * (docs/operations.md says what each saves and costs).
 */
export const productionNodeFlags = ["--max-semi-space-size=8", "--heap-growing-percent=75"];

/** glibc's malloc as `npm start` sets it: 2 arenas instead of 8 per core (docs/operations.md). */
export const productionMallocEnv = { MALLOC_ARENA_MAX: "2" };

/** The portal as production runs it: `MALLOC_ARENA_MAX=2 NODE_ENV=production node --max-semi-space-size=8 --heap-growing-percent=75 server.js` on the built bundle. */
export function startPortal(
  port: number,
  env: Record<string, string>,
  { cwd, nodeFlags = productionNodeFlags }: { cwd?: string; nodeFlags?: string[] } = {},
): Promise<RunningServer> {
  const serverEnv = {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    IBAN_ENCRYPTION_KEYS: benchIbanKeys,
    ...productionMallocEnv,
    ...env,
  };
  return startProcess([...nodeFlags, "server.js"], serverEnv, port, { cwd });
}

async function load(
  server: RunningServer | { baseUrl: string; pid?: number },
  targets: Target[],
  connections: number,
): Promise<LoadResult> {
  if (warmupSeconds > 0) await runWrk(server.baseUrl, targets, { connections, seconds: warmupSeconds });
  return runWrk(server.baseUrl, targets, { connections, seconds, pid: "pid" in server ? server.pid : undefined });
}

/** Every target must answer 200 before it is measured: a redirect to /connexion would be a fast wrong page. */
async function check(baseUrl: string, targets: Target[]): Promise<void> {
  for (const t of targets.slice(0, 5)) {
    const res = await fetch(baseUrl + t.path, { headers: t.cookie ? { Cookie: t.cookie } : {}, redirect: "manual" });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${t.path} answered ${res.status}: ${body.slice(0, 300)}`);
  }
}

export interface PageRun {
  page: string;
  connections: number;
  result: LoadResult;
}

export interface LoadReport {
  baselines: { name: string; connections: number; result: LoadResult }[];
  large: PageRun[];
  small: PageRun[];
  largeHwmMiB: number;
  pglite?: { connections: number; result: LoadResult; hwmMiB: number } | string;
}

/** Gives `BENCH_MEMBERS` generated members (1,000 by default) a session; returns their signed cookies. */
export function signInBenchMembers(url: string, households: number): Promise<BenchMember[]> {
  return signInMembers(url, households, memberCount, benchSecret);
}

export interface BenchDatabase {
  url: string;
  members: BenchMember[];
}

/** The page as each signed-in member of the database asks for it (wrk cycles through them). */
function pageTargets(db: BenchDatabase, page: (typeof pages)[number]): Target[] {
  return db.members.map((m) => ({ path: page.target(m), cookie: m.cookie }));
}

/**
 * Each page on the large database at every concurrency and, right after its 16-connection run, on the small
 * one (both servers up at once): the two figures of the scaling comparison are taken seconds apart, so the
 * other work on this shared machine weighs on both alike.
 */
export async function benchPages(
  large: BenchDatabase,
  small: BenchDatabase | undefined,
  conns: number[],
  log: (s: string) => void,
): Promise<{
  large: { runs: PageRun[]; hwmMiB: number; alternation: Alternation[] };
  small?: { runs: PageRun[]; hwmMiB: number };
}> {
  const dirs: string[] = [];
  const start = async (db: BenchDatabase, port: number) => {
    const dataDir = mkdtempSync(join(tmpdir(), "espace-bench-data-"));
    dirs.push(dataDir);
    return startPortal(port, { DATABASE_URL: db.url, AUTH_SECRET: benchSecret, DATA_DIR: dataDir });
  };
  const servers: RunningServer[] = [];
  try {
    const largeServer = await start(large, 3304);
    servers.push(largeServer);
    const smallServer = small ? await start(small, 3305) : undefined;
    if (smallServer) servers.push(smallServer);
    const runs = { large: [] as PageRun[], small: [] as PageRun[] };
    const alternation: Alternation[] = [];
    const measure = async (
      label: "large" | "small",
      server: RunningServer,
      db: BenchDatabase,
      page: (typeof pages)[number],
      connections: number,
    ) => {
      const targets = pageTargets(db, page);
      await check(server.baseUrl, targets);
      const result = await load(server, targets, connections);
      log(
        `load ${label}: ${page.name} c=${connections}: ${fmtRps(result.rps)} req/s, p50 ${fmtMs(result.p50)}, p99 ${fmtMs(result.p99)}, errors ${result.errors}, peak RSS ${result.peakRssMiB?.toFixed(0)} MiB, ${result.cpuMsPerRequest?.toFixed(2)} ms CPU/request`,
      );
      runs[label].push({ page: page.name, connections, result });
    };
    // Every page once on each server before anything is measured: the first page measured no longer pays
    // for the server's JIT warm-up and its statements being prepared on each pooled connection.
    for (const page of pages) {
      for (const [server, db] of [
        [largeServer, large],
        [smallServer, small],
      ] as const) {
        if (server && db)
          await runWrk(server.baseUrl, pageTargets(db, page), { connections: 16, seconds: warmupSeconds });
      }
    }
    for (const page of pages) {
      for (const connections of conns) {
        await measure("large", largeServer, large, page, connections);
        if (smallServer && small && connections === 16) await measure("small", smallServer, small, page, connections);
        if (page === pages[0] && connections === 16) {
          // The target's ratio, from runs close in time: this machine's speed drifts with its neighbours' work
          // (the floor alone moved from about 300 to 500 req/s within minutes), so the dashboard and the
          // framework floor take turns on this server, 5 s each, and the median of the pairs' ratios counts.
          for (let i = 0; i < alternations; i++) {
            const dashboard = await runWrk(largeServer.baseUrl, pageTargets(large, page), {
              connections,
              seconds: 5,
              pid: largeServer.pid,
            });
            const floor = await runWrk(largeServer.baseUrl, [{ path: floorPage }], {
              connections,
              seconds: 5,
              pid: largeServer.pid,
            });
            log(
              `load large: alternation ${i + 1}: dashboard ${fmtRps(dashboard.rps)} req/s, floor ${fmtRps(floor.rps)} req/s, ratio ${(dashboard.rps / floor.rps).toFixed(2)}`,
            );
            alternation.push({ dashboard, floor });
          }
        }
      }
    }
    return {
      large: { runs: runs.large, hwmMiB: readMemory(largeServer.pid).hwmMiB, alternation },
      small: smallServer ? { runs: runs.small, hwmMiB: readMemory(smallServer.pid).hwmMiB } : undefined,
    };
  } finally {
    for (const server of servers) await server.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchBaselines(
  largeUrl: string,
  members: BenchMember[],
  log: (s: string) => void,
): Promise<LoadReport["baselines"]> {
  const out: LoadReport["baselines"] = [];
  const json = await startProcess(["scripts/bench/baseline-server.ts", "json", "3301"], {}, 3301, { readyPath: "/" });
  try {
    for (const c of concurrencies)
      out.push({ name: "bare Node HTTP, fixed JSON", connections: c, result: await load(json, [{ path: "/" }], c) });
  } finally {
    await json.stop();
  }
  const data = await startProcess(["scripts/bench/baseline-server.ts", "data", "3302", largeUrl], {}, 3302, {
    readyPath: "/",
  });
  try {
    const targets = members.map((m) => ({ path: "/", cookie: m.cookie }));
    await check(data.baseUrl, targets);
    for (const c of concurrencies)
      out.push({
        name: "bare Node + pg, the dashboard's SQL as JSON",
        connections: c,
        result: await load(data, targets, c),
      });
  } finally {
    await data.stop();
  }
  // The framework floor: a real page of ours with no session and no database query. /aide-contact is public;
  // without a cookie the viewer lookup ends before any query, and its content is brand data held in memory.
  const dataDir = mkdtempSync(join(tmpdir(), "espace-bench-data-"));
  const floor = await startPortal(3303, { DATABASE_URL: largeUrl, AUTH_SECRET: benchSecret, DATA_DIR: dataDir });
  try {
    await check(floor.baseUrl, [{ path: floorPage }]);
    for (const c of concurrencies)
      out.push({
        name: "framework floor: `/aide-contact`, no session",
        connections: c,
        result: await load(floor, [{ path: floorPage }], c),
      });
  } finally {
    await floor.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const b of out)
    log(
      `baseline ${b.name} c=${b.connections}: ${fmtRps(b.result.rps)} req/s, p50 ${fmtMs(b.result.p50)}, p99 ${fmtMs(b.result.p99)}, errors ${b.result.errors}`,
    );
  return out;
}

/** The demo on the embedded database: no DATABASE_URL, a fresh DATA_DIR, the demo member signed in through the form. */
export async function benchPglite(log: (s: string) => void): Promise<LoadReport["pglite"]> {
  const dataDir = mkdtempSync(join(tmpdir(), "espace-bench-pglite-"));
  const server = await startPortal(3310, { DATA_DIR: dataDir });
  try {
    const form = new URLSearchParams({ identifier: "10000001", password: "demo-adherent-2026", redirectTo: "/" });
    const res = await fetch(`${server.baseUrl}/connexion`, {
      method: "POST",
      body: form,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.baseUrl },
      redirect: "manual",
    });
    await res.text();
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0] ?? "")
      .find((c) => c.includes("session_token"));
    if (!cookie) return `sign-in failed (${res.status})`;
    const targets = [{ path: "/", cookie }];
    await check(server.baseUrl, targets);
    const result = await load(server, targets, 16);
    log(
      `pglite dashboard c=16: ${fmtRps(result.rps)} req/s, p50 ${fmtMs(result.p50)}, p99 ${fmtMs(result.p99)}, errors ${result.errors}`,
    );
    return { connections: 16, result, hwmMiB: readMemory(server.pid).hwmMiB };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export { concurrencies };
