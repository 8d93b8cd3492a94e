// Member pages' queries on a small and a large database: the same functions the routes call.
import { openDatabase } from "../../app/modules/db/client.server.ts";
import type { MemberViewer } from "../../app/modules/accounts/viewer.server.ts";
import { decodeCursor } from "../../app/modules/reimbursements/filters.ts";
import { getPayment, listPayments } from "../../app/modules/reimbursements/queries.server.ts";
import { connect, freshDatabase } from "./databases.ts";
import { generateMutuelle } from "./generate-data.ts";
import { prng } from "./import-file.ts";
import { ms, percentile } from "./machine.ts";

const linesPerHousehold = 50;

interface Sample {
  viewer: MemberViewer;
  beneficiaryId: string;
  lineId: string;
}

type QueryName = "list" | "list by beneficiary" | "list by care type and year" | "second page" | "detail";

async function prepare(adminUrl: string, name: string, lines: number, log: (s: string) => void): Promise<string> {
  const households = Math.max(1, Math.round(lines / linesPerHousehold));
  const url = await freshDatabase(adminUrl, name);
  const client = await connect(url);
  const started = performance.now();
  await generateMutuelle(client, {
    households,
    linesPerHousehold,
    onProgress: (done, total) => {
      if (done % 100_000 === 0 || done === total) log(`scale: ${name} ${done}/${total} households`);
    },
  });
  log(`scale: ${name} generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await client.end();
  return url;
}

async function samples(url: string, count: number, households: number): Promise<Sample[]> {
  const client = await connect(url);
  const random = prng(7);
  const out: Sample[] = [];
  for (let n = 0; n < count; n++) {
    const i = 1 + Math.floor(random() * households);
    const { rows } = await client.query<{ hid: string; pid: string; lid: string }>(
      `select md5('h' || $1::int)::uuid as hid, md5('p' || $1::int || '-1')::uuid as pid, md5('l' || $1::int || '-7')::uuid as lid`,
      [i],
    );
    const r = rows[0]!;
    out.push({
      viewer: { kind: "member", userId: "bench", sessionId: "bench", householdId: r.hid, personId: r.pid, memberNumber: "", firstName: "", lastName: "" },
      beneficiaryId: r.pid,
      lineId: r.lid,
    });
  }
  await client.end();
  return out;
}

async function measure(url: string, households: number, captured?: Map<QueryName, { sql: string; params: unknown[] }>) {
  let last: { sql: string; params: unknown[] } = { sql: "", params: [] };
  const database = await openDatabase({ databaseUrl: url, poolMax: 2, onQuery: (sql, params) => (last = { sql, params }) });
  const db = database.db;
  const queries: Record<QueryName, (s: Sample) => Promise<unknown>> = {
    list: (s) => listPayments(db, s.viewer, {}),
    "list by beneficiary": (s) => listPayments(db, s.viewer, { beneficiaryId: s.beneficiaryId }),
    "list by care type and year": (s) => listPayments(db, s.viewer, { careType: "pharmacie", from: "2025-01-01", to: "2025-12-31" }),
    "second page": async (s) => {
      const first = await listPayments(db, s.viewer, {});
      return listPayments(db, s.viewer, { after: decodeCursor(first.nextCursor ?? undefined) });
    },
    detail: (s) => getPayment(db, s.viewer, s.lineId),
  };
  const all = await samples(url, 300, households);
  const results = new Map<QueryName, { p50: number; p95: number }>();
  for (const [name, run] of Object.entries(queries) as [QueryName, (s: Sample) => Promise<unknown>][]) {
    for (const s of all.slice(0, 30)) await run(s); // warm the cache and the connection
    const times: number[] = [];
    for (const s of all) {
      const started = performance.now();
      await run(s);
      times.push(performance.now() - started);
    }
    captured?.set(name, last);
    times.sort((a, b) => a - b);
    results.set(name, { p50: percentile(times, 50), p95: percentile(times, 95) });
  }
  await database.close();
  return results;
}

async function explain(url: string, captured: Map<QueryName, { sql: string; params: unknown[] }>): Promise<string[]> {
  const client = await connect(url);
  const out: string[] = [];
  for (const [name, q] of captured) {
    const { rows } = await client.query(`explain (analyze, buffers, costs off) ${q.sql}`, q.params);
    out.push(`#### ${name}`, "", "```", ...rows.map((r: Record<string, string>) => r["QUERY PLAN"]!), "```", "");
  }
  await client.end();
  return out;
}

export async function benchScale(adminUrl: string, smallLines: number, largeLines: number, log: (s: string) => void): Promise<string[]> {
  const smallUrl = await prepare(adminUrl, "espace_bench_small", smallLines, log);
  const small = await measure(smallUrl, Math.round(smallLines / linesPerHousehold));
  const largeUrl = await prepare(adminUrl, "espace_bench_large", largeLines, log);
  const captured = new Map<QueryName, { sql: string; params: unknown[] }>();
  const large = await measure(largeUrl, Math.round(largeLines / linesPerHousehold), captured);
  const rows = [...small.keys()].map((name) => {
    const s = small.get(name)!;
    const l = large.get(name)!;
    return `| ${name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(l.p50)} | ${ms(l.p95)} | ${(l.p50 / s.p50).toFixed(2)} × |`;
  });
  return [
    `Each query run for 300 random households (seeded), after a warm-up; the functions the pages call, through Drizzle and node-postgres.`,
    "",
    `| query | p50, ${smallLines.toLocaleString("en-US")} lines | p95 | p50, ${largeLines.toLocaleString("en-US")} lines | p95 | large / small (p50) |`,
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    `### Query plans on the ${largeLines.toLocaleString("en-US")}-line database`,
    "",
    ...(await explain(largeUrl, captured)),
  ];
}
