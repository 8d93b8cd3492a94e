// The dashboard's latency through HAProxy while a large import is posted to one server after another (server B
// behind the balancer, a third server outside it, the same paced): the nightly batch against the pages members
// open (issue 19). Part of the scale-out bench (scale-out-bench.ts), which starts the servers.
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Proxy } from "../../tests/support/haproxy.ts";
import { postImport, writeImportFile } from "./import-file.ts";
import { fmtMs, type RunningServer } from "./load.ts";
import { percentile } from "./machine.ts";
import type { BenchMember } from "./members.ts";

/** GET / as a member again and again from `clients` clients at once until `until` settles; latencies in ms. */
async function pollDashboard(baseUrl: string, members: BenchMember[], until: Promise<unknown>, clients = 4) {
  const state = { done: false };
  void until.finally(() => (state.done = true));
  const latencies: number[] = [];
  // Answers other than 200, by status ("fetch" for a request that failed): which kind tells a shed request from
  // a lost session or a balancer with no server up.
  const failures = new Map<string, number>();
  let next = 0;
  const client = async () => {
    while (!state.done) {
      const m = members[next++ % members.length]!;
      const started = performance.now();
      let status = "fetch";
      try {
        const res = await fetch(`${baseUrl}/`, { headers: { cookie: m.cookie }, redirect: "manual" });
        await res.arrayBuffer();
        status = String(res.status);
      } catch {
        // counted as "fetch": the request itself failed (reset, refused)
      }
      if (status !== "200") failures.set(status, (failures.get(status) ?? 0) + 1);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  latencies.sort((a, b) => a - b);
  const errors = [...failures.values()].reduce((a, b) => a + b, 0);
  const kinds = [...failures].map(([status, n]) => `${n} × ${status}`).join(", ");
  return {
    count: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: errors ? `${errors} (${kinds})` : "0",
  };
}

/**
 * The dashboard through HAProxy (both servers), 4 members at a time, for 20 s with nothing else running, then
 * while `importLines` lines are posted to an import API (as the core system's nightly batch does): to server B,
 * which also serves pages, then to a server outside the balancer. The imported lines (their own ids) are
 * deleted after each import, so both write the same new lines.
 */
export async function dashboardDuringImport(
  { lines: importLines, token: importToken, seed: importSeed }: { lines: number; token: string; seed: number },
  proxy: Proxy,
  importHosts: { label: string; server: RunningServer }[],
  members: BenchMember[],
  sql: import("pg").Client,
  log: (s: string) => void,
): Promise<string[]> {
  const { rows } = await sql.query<{ n: number }>("select count(*)::int as n from household");
  const dir = mkdtempSync(join(tmpdir(), "espace-bench-import-"));
  const file = join(dir, "decomptes.csv");
  const forget = () =>
    sql.query("delete from reimbursement_line where source_line_id like $1", [`BENCH-${importSeed}-%`]);
  try {
    await writeImportFile(file, { lines: importLines, households: rows[0]!.n, seed: importSeed });
    const mib = (statSync(file).size / 2 ** 20).toFixed(0);
    const idle = await pollDashboard(proxy.baseUrl, members, new Promise((r) => setTimeout(r, 20_000)));
    log(`scale-out: dashboard idle p50 ${idle.p50.toFixed(1)} ms, p99 ${idle.p99.toFixed(1)} ms (${idle.count})`);
    const lines = [
      `| dashboard through HAProxy (2 servers), 4 members at a time | answers | p50 | p99 | p99 / idle | errors |`,
      "|---|---|---|---|---|---|",
      `| nothing else running (20 s) | ${idle.count} | ${fmtMs(idle.p50)} | ${fmtMs(idle.p99)} | 1 × | ${idle.errors} |`,
    ];
    const ratios: number[] = [];
    for (const host of importHosts) {
      const started = performance.now();
      const importing = postImport(host.server.baseUrl, importToken, createReadStream(file));
      const during = await pollDashboard(proxy.baseUrl, members, importing);
      const took = (performance.now() - started) / 1000;
      const summary = await importing;
      await forget();
      ratios.push(during.p99 / idle.p99);
      log(
        `scale-out: dashboard during the import on ${host.label} (${summary.status}, ${summary.body.inserted} inserted, ${took.toFixed(0)} s): p50 ${during.p50.toFixed(1)} ms, p99 ${during.p99.toFixed(1)} ms (${during.count})`,
      );
      lines.push(
        `| while ${importLines.toLocaleString("en-US")} lines (${mib} MiB of CSV) are posted to the import API of ${host.label} (${took.toFixed(0)} s, ${summary.body.inserted?.toLocaleString("en-US") ?? "?"} inserted) | ${during.count} | ${fmtMs(during.p50)} | ${fmtMs(during.p99)} | ${(during.p99 / idle.p99).toFixed(2)} × | ${during.errors} |`,
      );
    }
    return [
      ...lines,
      "",
      `The issue's goal: p99 during the import ≤ 1.5 × idle. ${ratios.map((r, i) => `${importHosts[i]!.label}: ${r.toFixed(2)} × (${r <= 1.5 ? "met" : "not met"})`).join("; ")}.`,
      `The import reads, checks and resolves the file in the Node process it was posted to, and writes up to`,
      `IMPORT_WRITE_CONCURRENCY batches (3 by default)`,
      `at once on connections of that server's pool (ADR 0005): a server that also serves pages makes the pages it`,
      `receives wait behind the import's work on its event loop, while a server outside the balancer takes from the`,
      `pages only PostgreSQL's CPU and disk (on this machine, also the cores every process shares). Paced, the import`,
      `writes one batch at a time and waits between batches to stay under IMPORT_MAX_LINES_PER_SECOND, leaving cores`,
      `to the pages for a longer import. Hence docs/operations.md: post the nightly import to an app server that is`,
      `not behind the balancer (or run \`npm run import:decomptes\` there), paced if it shares cores with pages.`,
    ];
  } finally {
    await forget().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
