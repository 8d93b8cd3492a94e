// "Télécharger mes données" for a large household (issue 23): five years of history and 500 MB of attachments
// in one archive, prepared in this process as the job does it; resident memory sampled every 20 ms.
//   node scripts/bench/export-bench.ts            (embedded database in a temporary DATA_DIR)
//   BENCH_EXPORT_MB=500 BENCH_EXPORT_YEARS=5 BENCH_EXPORT_LINES_PER_YEAR=400 node scripts/bench/export-bench.ts
// Prints a Markdown table for docs/benchmarks.md ("Personal-data export"). A first, small archive of the same
// household warms up (PDF fonts, libraries, the embedded database's heap): what is measured is what the size
// of the household adds.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { readEnv } from "../../app/modules/config/env.server.ts";
import { addDays } from "../../app/modules/clock/calendar.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { dataExport } from "../../app/modules/personal-data/schema.ts";
import { prepareExport, requestExport } from "../../app/modules/personal-data/export.server.ts";
import { memberRequest, requestFile } from "../../app/modules/requests/schema.ts";
import { createServices } from "../../app/services.server.ts";

const megabytes = Number(process.env.BENCH_EXPORT_MB ?? 500);
const years = Number(process.env.BENCH_EXPORT_YEARS ?? 5);
const linesPerYear = Number(process.env.BENCH_EXPORT_LINES_PER_YEAR ?? 400);
const fileMb = 4;

const dataDir = mkdtempSync(join(tmpdir(), "bench-export-"));
const services = await createServices(
  readEnv({ ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "" }),
);
const { db, storage, clock } = services;
try {
  const [holder] = await db
    .select({ householdId: person.householdId, personId: person.id, userId: person.userId })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .where(and(eq(household.memberNumber, "10000001"), eq(person.role, "member")));
  if (!holder?.userId) throw new Error("demo household 10000001 missing");
  const householdId = holder.householdId;
  const viewer = {
    kind: "member" as const,
    userId: holder.userId,
    sessionId: "",
    householdId,
    personId: holder.personId,
    memberNumber: "10000001",
    coverageLevel: "",
    firstName: "",
    lastName: "",
    unreadMessages: 0,
  };

  // Warm-up on the demo household as seeded.
  const warm = await requestExport(services, viewer, "127.0.0.1");
  if (!(await prepareExport(services, warm.id))) throw new Error("warm-up archive failed");
  await db.delete(dataExport).where(eq(dataExport.id, warm.id));

  // Five years of reimbursement lines, paid to the member.
  const today = clock.today();
  const lines = years * linesPerYear;
  await db.execute(sql`
    insert into reimbursement_line (source_line_id, household_id, beneficiary_id, care_type, care_date,
      charged_cents, base_cents, amo_cents, amc_cents, remaining_cents, paid_to, paid_to_person_id, payment_date)
    select 'BENCH-EXPORT-' || n, ${householdId}, ${holder.personId}, 'pharmacie',
      ${today}::date - (n * ${Math.floor((365 * years) / lines)}),
      2500, 2500, 1625, 875, 0, 'member', ${holder.personId},
      ${today}::date - (n * ${Math.floor((365 * years) / lines)}) + 3
    from generate_series(1, ${lines}) as n`);

  // Démarches over the years, each with its files: 500 MB in all.
  const files = Math.ceil(megabytes / fileMb);
  const chunk = randomBytes(fileMb * 1024 * 1024);
  const claims = Math.ceil(files / 2);
  for (let c = 0; c < claims; c++) {
    const day = addDays(today, -Math.floor((c * 365 * years) / claims));
    const [request] = await db
      .insert(memberRequest)
      .values({
        reference: `BENCH-${String(c).padStart(4, "0")}`,
        householdId,
        kind: "claim",
        subject: "Remboursement",
        careType: "optique",
        careDate: day,
        amountCents: 12000,
        status: "paid",
        createdAt: new Date(`${day}T10:00:00Z`),
      })
      .returning({ id: memberRequest.id });
    for (let f = 0; f < 2 && c * 2 + f < files; f++) {
      const storedName = `bench-export-${c}-${f}.pdf`;
      await storage.put(storedName, Readable.from([chunk]), { contentLength: chunk.length });
      await db.insert(requestFile).values({
        householdId,
        requestId: request!.id,
        originalName: `facture-${c}-${f}.pdf`,
        storedName,
        mimeType: "application/pdf",
        sizeBytes: chunk.length,
        sha256: "0".repeat(64),
      });
    }
  }

  const { id } = await requestExport(services, viewer, "127.0.0.1");
  global.gc?.();
  const rss = () => process.memoryUsage().rss / 1024 / 1024;
  const before = rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 20);
  const started = performance.now();
  let ok: boolean;
  try {
    ok = await prepareExport(services, id);
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const [row] = await db.select().from(dataExport).where(eq(dataExport.id, id));
  if (!ok || row?.status !== "ready") throw new Error("archive failed");
  const size = (row.sizeBytes ?? 0) / 1024 / 1024;
  console.log(
    [
      `| household: ${years} years, ${lines} reimbursement lines, ${claims} démarches, ${files} files of ${fileMb} MB | RSS before | peak during | growth | time | archive |`,
      "|---|---|---|---|---|---|",
      `| archive prepared in the process (embedded database, local storage) | ${before.toFixed(0)} MiB | ${peak.toFixed(0)} MiB | ${(peak - before).toFixed(0)} MiB | ${seconds.toFixed(1)} s | ${size.toFixed(0)} MiB |`,
    ].join("\n"),
  );
} finally {
  await services.database.close();
  services.storage.close();
  rmSync(dataDir, { recursive: true, force: true });
}
