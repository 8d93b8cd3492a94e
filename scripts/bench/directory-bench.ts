// The partner network's search: the 20 nearest of BENCH_DIRECTORY_ROWS (100,000) professionals, through the
// function /professionnels calls (bounding box on the index, then haversine; ADR 0016), on PostgreSQL and on
// PGlite. Run alone: node scripts/bench/directory-bench.ts (prints the section's lines).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../app/modules/db/client.server.ts";
import { runMigrations } from "../../app/modules/db/migrate.server.ts";
import { searchNearest } from "../../app/modules/directory/search.server.ts";
import { specialtyCodes } from "../../app/modules/directory/specialties.ts";
import { freshDatabase } from "./databases.ts";
import { prng } from "./import-file.ts";
import { ms, percentile } from "./machine.ts";

const rows = Number(process.env.BENCH_DIRECTORY_ROWS ?? 100_000);
const queries = Number(process.env.BENCH_DIRECTORY_QUERIES ?? 500);

// Where people live: most professionals around these cities, the rest anywhere in metropolitan France.
const cities: [number, number][] = [
  [48.8566, 2.3522],
  [45.764, 4.8357],
  [43.2965, 5.3698],
  [43.6047, 1.4442],
  [43.7102, 7.262],
  [47.2184, -1.5536],
  [48.5734, 7.7521],
  [43.6108, 3.8767],
  [44.8378, -0.5792],
  [50.6292, 3.0573],
  [48.1173, -1.6778],
  [49.2583, 4.0317],
  [45.4397, 4.3872],
  [43.1242, 5.928],
  [45.1885, 5.7245],
  [47.322, 5.0415],
  [47.4784, -0.5632],
  [45.7772, 3.087],
  [48.6921, 6.1844],
  [49.4432, 1.0999],
  [47.9029, 1.9093],
  [49.1829, -0.3707],
  [46.5802, 0.3404],
  [43.2951, -0.3708],
];

/** Fills health_professional with `rows` generated professionals, in one statement (seeded: same data each run). */
async function fill(database: Database) {
  const { db } = database;
  await db.execute(sql`select setseed(0.22)`);
  await db.execute(
    sql.raw(`
    insert into health_professional (identifier_kind, identifier, name, address, postcode, city, latitude, longitude,
      specialties, partner, offer_100_sante, tiers_payant, accessible)
    select 'rpps', lpad(i::text, 11, '0'), 'Professionnel ' || i, i || ' rue de la Bench', '75001', 'Ville',
      case when c < 0.75 then (array[${cities.map((c) => c[0]).join(",")}])[1 + (i % ${cities.length})] + (random() - 0.5) * 0.3
           else 42.5 + random() * 8.5 end,
      case when c < 0.75 then (array[${cities.map((c) => c[1]).join(",")}])[1 + (i % ${cities.length})] + (random() - 0.5) * 0.4
           else -4.5 + random() * 12.5 end,
      array[(array['${specialtyCodes.join("','")}'])[1 + floor(random() * ${specialtyCodes.length})::int]],
      random() < 0.4, random() < 0.3, random() < 0.6, random() < 0.7
    from (select i, random() as c from generate_series(1, ${rows}) as i) g`),
  );
  // What autovacuum does after a large import: statistics, and the visibility map index-only scans need.
  await db.execute(sql`vacuum analyze health_professional`);
}

async function measure(database: Database, count: number) {
  const next = prng(20261202);
  const times: number[] = [];
  for (let i = 0; i < count + 20; i++) {
    const [lat, lon] = cities[Math.floor(next() * cities.length)]!;
    const center = { latitude: lat + (next() - 0.5) * 0.2, longitude: lon + (next() - 0.5) * 0.3 };
    const specialty = i % 2 === 0 ? "opticien" : null;
    const started = performance.now();
    const result = await searchNearest(database.db, center, { specialty, limit: 20 });
    const elapsed = performance.now() - started;
    if (result.hits.length !== 20) throw new Error(`bench: ${result.hits.length} hits instead of 20`);
    if (i >= 20) times.push(elapsed); // the first 20 warm the caches
  }
  return times.sort((a, b) => a - b);
}

export async function benchDirectory(adminUrl: string, log: (s: string) => void): Promise<string[]> {
  const lines = [
    `The 20 nearest of ${rows.toLocaleString("en-US")} professionals (three quarters around ${cities.length} cities, the`,
    "rest anywhere in metropolitan France) from points around those cities, half of the searches for one specialty",
    "(opticians: 1 in 12): `searchNearest`, what /professionnels calls, timed in the process (query and rows).",
    "",
    "| database | searches | p50 | p95 | max |",
    "|---|---:|---:|---:|---:|",
  ];
  const url = await freshDatabase(adminUrl, "espace_bench_directory");
  const pgDatabase = await openDatabase({ databaseUrl: url, poolMax: 2 });
  let plan = "";
  try {
    log(`directory: filling ${rows} professionals (PostgreSQL)`);
    await fill(pgDatabase);
    const times = await measure(pgDatabase, queries);
    lines.push(
      `| PostgreSQL | ${times.length} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(times.at(-1)!)} |`,
    );
    log(`directory: PostgreSQL p95 ${ms(percentile(times, 95))}`);
    const explained = await pgDatabase.db.execute(
      sql`explain select id from health_professional where withdrawn_at is null and latitude between 45.7 and 45.8 and longitude between 4.78 and 4.9`,
    );
    plan = (explained as { rows: { "QUERY PLAN": string }[] }).rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await pgDatabase.close();
  }
  const dir = await mkdtemp(join(tmpdir(), "espace-bench-directory-"));
  const pglite = await openDatabase({ dataDir: dir });
  try {
    await runMigrations(pglite);
    log(`directory: filling ${rows} professionals (PGlite)`);
    await fill(pglite);
    const times = await measure(pglite, Math.min(queries, 200));
    lines.push(
      `| PGlite (embedded) | ${times.length} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(times.at(-1)!)} |`,
    );
    log(`directory: PGlite p95 ${ms(percentile(times, 95))}`);
  } finally {
    await pglite.close();
    await rm(dir, { recursive: true, force: true });
  }
  lines.push("", "The bounding box's plan on PostgreSQL (a 5 km box around Lyon):", "", "```", plan, "```");
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const lines = await benchDirectory(adminUrl, (s) => {
    console.error(`[bench] ${s}`);
  });
  console.log(lines.join("\n"));
}
