// npm run import:decomptes, run as the operator runs it (a child process), on a copy of the seeded test database.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { desc, eq, like } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { openDatabase } from "../../app/modules/db/client.server.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { clockEnv } from "../support/clock.ts";

let dir: string;
let env: Record<string, string>;
let dropDatabase = async () => {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espace-cli-"));
  if (process.env.TEST_DB === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL!;
    const name = `${inject("postgresTemplate")}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject("postgresTemplate")}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString(), DATA_DIR: dir };
    dropDatabase = async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    };
  } else {
    // The embedded database of DATA_DIR, made from the seeded template.
    const pglite = await PGlite.create({
      dataDir: join(dir, "pglite"),
      loadDataDir: new Blob([await readFile(inject("pgliteTemplate"))]),
    });
    await pglite.close();
    env = { DATABASE_URL: "", DATA_DIR: dir };
  }
});
afterAll(async () => {
  await dropDatabase();
  await rm(dir, { recursive: true, force: true });
});

function importCli(files: string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["scripts/import-decomptes.ts", ...files],
      { env: { ...process.env, ...clockEnv, ...env, LOG_LEVEL: "silent", ...extraEnv } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

const header =
  "line_id,member_number,beneficiary_ref,care_type,care_date,payment_date,professional,charged_cents,base_cents,amo_cents,amc_cents,paid_to";
const row = (id: string, professional = "", charged = "1000") =>
  `${id},10000002,10000002-01,pharmacie,2026-07-01,2026-07-03,${professional},${charged},1000,650,350,member`;
const noStackTrace = /^\s+at |Error:|node:internal/m;

describe("npm run import:decomptes", () => {
  it(
    "imports the good lines, lists the refused ones in French and exits 2; a missing file exits 1; never a stack trace; audited",
    { timeout: 120_000 },
    async () => {
      const partly = join(dir, "partly.csv");
      await writeFile(
        partly,
        `${[header, row("CLI-1"), row("CLI-2", '"Dr Martin'), row("CLI-3"), row("CLI-4", "", ""), row("CLI-5", "Dr\u0000")].join("\n")}\n`,
      );
      const first = await importCli([partly]);
      expect(first.code).toBe(2);
      expect(first.stdout).toMatch(
        /partly\.csv : 5 lignes lues en [\d.]+ s — 2 ajoutées, 0 corrigées, 0 inchangées, 3 rejetées\./,
      );
      expect(first.stdout).toContain(
        [
          "  ligne 3 : guillemet non fermé : la ligne est illisible",
          "  ligne 5 : charged_cents manquant (montant en centimes : 12,50 € s'écrit 1250)",
          "  ligne 6 : professional : caractère de contrôle interdit (U+0000)",
        ].join("\n"),
      );
      expect(first.stderr).toBe("");
      // Lines without a guarantee category: the engine cannot price them again (ADR 0020).
      expect(first.stdout).toContain(
        "  Contrôle par le moteur de garanties : 0 conformes, 0 avec un écart (à vérifier par un conseiller), 2 non recalculées.",
      );

      const clean = join(dir, "clean.jsonl");
      await writeFile(
        clean,
        `${JSON.stringify({ line_id: "CLI-6", member_number: "10000002", beneficiary_ref: "10000002-01", care_type: "pharmacie", category: "pharmacie_65", care_date: "2026-07-01", payment_date: "2026-07-03", charged_cents: 1000, base_cents: 1000, amo_cents: 650, amc_cents: 350, paid_to: "member" })}\n`,
      );
      // Pharmacy at 65 %, Équilibre 100 % BR y compris RO: 10,00 − 6,50 = 3,50 €, as paid (R871-2 1° CSS).
      const cleanRun = await importCli([clean]);
      expect(cleanRun).toMatchObject({ code: 0, stderr: "" });
      expect(cleanRun.stdout).toContain(
        "  Contrôle par le moteur de garanties : 1 conformes, 0 avec un écart (à vérifier par un conseiller), 0 non recalculées.",
      );

      const missing = join(dir, "absent.csv");
      const second = await importCli([missing, clean, join(dir, "notes.txt")]);
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `${missing} : fichier introuvable.\n${join(dir, "notes.txt")} : extension inconnue (.csv, .jsonl ou .ndjson attendue).\n`,
      );
      // The other file was still imported (unchanged, this second time).
      expect(second.stdout).toMatch(
        /clean\.jsonl : 1 lignes lues en [\d.]+ s — 0 ajoutées, 0 corrigées, 1 inchangées, 0 rejetées\./,
      );
      for (const output of [first.stdout, first.stderr, second.stdout, second.stderr])
        expect(output).not.toMatch(noStackTrace);

      const database = await openDatabase(
        env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolMax: 1 } : { dataDir: dir },
      );
      try {
        const lines = await database.db
          .select({ id: reimbursementLine.sourceLineId })
          .from(reimbursementLine)
          .where(like(reimbursementLine.sourceLineId, "CLI-%"));
        expect(lines.map((l) => l.id).sort()).toEqual(["CLI-1", "CLI-3", "CLI-6"]);
        const [checked] = await database.db
          .select({ check: reimbursementLine.pricingCheck, steps: reimbursementLine.pricingExplanation })
          .from(reimbursementLine)
          .where(eq(reimbursementLine.sourceLineId, "CLI-6"));
        expect(checked?.check).toBe("matches");
        expect(checked?.steps?.steps.join(" ")).toContain("= 3,50");
        const audits = await database.db
          .select()
          .from(auditLog)
          .where(eq(auditLog.action, "import.decomptes"))
          .orderBy(desc(auditLog.id))
          .limit(4);
        expect(audits.map((a) => [a.outcome, a.details])).toEqual([
          ["success", expect.objectContaining({ source: "cli", read: 1, unchanged: 1, rejected: 0 })],
          ["failure", { source: "cli", reason: "ENOENT" }],
          ["success", expect.objectContaining({ source: "cli", read: 1, inserted: 1, rejected: 0 })],
          [
            "success",
            expect.objectContaining({ source: "cli", read: 5, inserted: 2, rejected: 3, firstRejectedLine: 3 }),
          ],
        ]);
      } finally {
        await database.close();
      }
    },
  );

  it("says in French that the database cannot be reached, and exits 1", { timeout: 60_000 }, async () => {
    // (a pinned test clock is refused with DATABASE_URL: this run has none, its subject is the database)
    const result = await importCli([join(dir, "any.csv")], {
      DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing",
      CLOCK_FIXED_AT: "",
    });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "Impossible d'ouvrir la base de données : base de données injoignable (vérifiez DATABASE_URL et que PostgreSQL tourne)\n",
    });
  });
});
