import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { eq, like, ne } from "drizzle-orm";
import { bankAccount, person } from "../../app/modules/households/schema.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importReimbursementLines } from "../../app/modules/reimbursements/import/import-lines.server.ts";
import { type NumberedRecord, readRecords } from "../../app/modules/reimbursements/import/read-records.ts";
import { reimbursementLine, reimbursementLineRevision } from "../../app/modules/reimbursements/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { testClock } from "../support/clock.ts";

const token = "core-system-token-0123456789abcdef-xyz";
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { IMPORT_API_TOKEN: token } });
});
afterAll(() => server.close());

const header = "line_id,member_number,beneficiary_ref,care_type,care_date,payment_date,professional,charged_cents,base_cents,amo_rate_bp,amo_deductible_cents,amo_cents,amc_cents,guarantee_label,paid_to";

function post(body: BodyInit, { contentType = "text/csv", auth = `Bearer ${token}` } = {}) {
  return fetch(`${server.baseUrl}/api/v1/decomptes`, {
    method: "POST",
    headers: { "content-type": contentType, authorization: auth },
    body,
  });
}

describe("POST /api/v1/decomptes", () => {
  it("imports the documented example files", async () => {
    const csv = await post(new Uint8Array(readFileSync("docs/examples/decomptes-exemple.csv")));
    expect(csv.status).toBe(200);
    expect(await csv.json()).toMatchObject({ read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    const jsonl = await post(new Uint8Array(readFileSync("docs/examples/decomptes-exemple.jsonl")), { contentType: "application/x-ndjson" });
    expect(await jsonl.json()).toMatchObject({ read: 2, inserted: 2, rejected: 0 });
    // The member sees the new line, with the amounts and the reste à charge computed.
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const text = visibleText(await (await benoit.get("/remboursements?periode=2026&soin=osteopathie")).text());
    expect(text).toContain("Ostéopathie 50,00 € Soins de Sarah Mancion · versé le 29/09/2026 à Sarah");
    const [line] = await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, "NOE-2026-0000003"));
    expect(line).toMatchObject({ chargedCents: 6000, amcCents: 5000, remainingCents: 1000, paidTo: "beneficiary", version: 1 });
    // On PostgreSQL new lines are written by COPY with time-ordered ids (UUID version 7); on PGlite the
    // database's default gives a version 4. Either opens the line's page.
    expect(line!.id).toMatch(process.env.TEST_DB === "postgres" ? /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/ : /^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    const detail = await benoit.get(`/remboursements/${line!.id}`);
    expect(detail.status).toBe(200);
    expect(visibleText(await detail.text())).toContain("Ostéopathie");
  });

  it("is idempotent, and keeps the history of a corrected line", async () => {
    const body = `${header}\nIDEM-1,10000001,10000001-01,pharmacie,2026-10-01,2026-10-03,,1000,1000,6500,,650,350,,member\n`;
    expect(await (await post(body)).json()).toMatchObject({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await (await post(body)).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const corrected = body.replace("1000,1000,6500,,650,350", "1200,1000,6500,,650,350");
    expect(await (await post(corrected)).json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const [line] = await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, "IDEM-1"));
    expect(line).toMatchObject({ chargedCents: 1200, remainingCents: 200, version: 2 });
    const history = await server.services.db.select().from(reimbursementLineRevision).where(eq(reimbursementLineRevision.lineId, line!.id));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ version: 1, snapshot: expect.objectContaining({ charged_cents: 1000, remaining_cents: 0 }) });
  });

  it("rejects bad lines with their line number and reason, and takes the good ones", async () => {
    const lines = [
      header,
      "OK-1,10000002,10000002-02,pharmacie,2026-10-01,2026-10-03,,1000,1000,6500,,650,350,,member", // line 2: good
      "BAD-1,10000009,10000009-01,pharmacie,2026-10-01,2026-10-03,,1000,1000,6500,,650,350,,member", // 3: unknown
      "BAD-2,10000002,10000001-02,pharmacie,2026-10-01,2026-10-03,,1000,1000,6500,,650,350,,member", // 4: other contract
      "BAD-3,10000002,10000002-02,pharmacie,2026-10-01,2026-10-03,,-5,1000,6500,,650,350,,member", // 5: negative
      "BAD-4,10000002,10000002-02,pharmacie,2026-10-01,2026-10-03,,1000,1000,6500,,700,350,,member", // 6: AMO+AMC > charged
      "BAD-5,10000002,10000002-02,pharmacie,2026-02-30,2026-10-03,,1000,1000,6500,,650,350,,member", // 7: no such date
      "BAD-6,10000002,10000002-02,dentiste,2026-10-01,2026-10-03,,1000,1000,6500,,650,350,,member", // 8: care type
      "BAD-7,10000002,10000002-02,pharmacie,2026-10-05,2026-10-03,,1000,1000,6500,,650,350,,member", // 9: paid before care
    ];
    const latin1 = Buffer.from("BAD-8,10000002,10000002-02,pharmacie,2026-10-01,2026-10-03,Dr Hél\xe8ne,1000,1000,6500,,650,350,,member", "latin1"); // 10
    const body = new Uint8Array(Buffer.concat([Buffer.from(`${lines.join("\n")}\n`), latin1, Buffer.from("\n")]));
    const res = await post(body);
    expect(res.status).toBe(200);
    const summary = await res.json();
    expect(summary).toMatchObject({ read: 9, inserted: 1, rejected: 8 });
    expect(summary.errors).toEqual([
      { line: 3, reason: "bénéficiaire inconnu : 10000009-01" },
      { line: 4, reason: "le bénéficiaire 10000001-02 n'appartient pas au contrat 10000002" },
      { line: 5, reason: "charged_cents : montant négatif" },
      { line: 6, reason: "montants incohérents : amo_cents + amc_cents dépasse charged_cents" },
      { line: 7, reason: "care_date : date inexistante" },
      { line: 8, reason: "care_type inconnu" },
      { line: 9, reason: "payment_date est avant care_date" },
      { line: 10, reason: "encodage invalide : le fichier doit être en UTF-8" },
    ]);
    const rejectedIds = await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, "BAD-1"));
    expect(rejectedIds).toHaveLength(0);
  });

  it("answers 422 when nothing could be imported, and reads unreadable JSON lines as rejections", async () => {
    const res = await post('{"line_id": \n', { contentType: "application/x-ndjson" });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ read: 1, rejected: 1, errors: [{ line: 1, reason: "JSON illisible" }] });
  });

  it("refuses a missing or wrong token, another content type, and is absent without a configured token", async () => {
    expect((await post(`${header}\n`, { auth: "" })).status).toBe(401);
    expect((await post(`${header}\n`, { auth: "Bearer not-the-token" })).status).toBe(401);
    expect((await post("<xml/>", { contentType: "application/xml" })).status).toBe(415);
    const plain = await startTestServer();
    try {
      const res = await fetch(`${plain.baseUrl}/api/v1/decomptes`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" }, body: header });
      expect(res.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("an interrupted import", () => {
  it("leaves whole batches only, and running it again completes it", async () => {
    const record = (i: number) => ({
      line: i + 2,
      raw: {
        line_id: `INT-${i}`, member_number: "10000002", beneficiary_ref: "10000002-01", care_type: "pharmacie",
        care_date: "2026-10-10", payment_date: "2026-10-12", charged_cents: 1000, base_cents: 1000, amo_cents: 650, amc_cents: 350, paid_to: "member",
      },
    });
    async function* failingAfter(n: number): AsyncGenerator<NumberedRecord> {
      for (let i = 0; i < 7; i++) {
        if (i === n) throw new Error("connection lost");
        yield record(i);
      }
    }
    await expect(importReimbursementLines(server.services.db, failingAfter(5), { clock: testClock, batchSize: 3 })).rejects.toThrow("connection lost");
    const count = async () => (await server.services.db.select().from(reimbursementLine).where(like(reimbursementLine.sourceLineId, "INT-%"))).length; // not by date: demo lines move with the clock
    expect(await count()).toBe(3); // batch 1 (lines 0-2) committed; lines 3-4 never written
    async function* all(): AsyncGenerator<NumberedRecord> {
      for (let i = 0; i < 7; i++) yield record(i);
    }
    expect(await importReimbursementLines(server.services.db, all(), { clock: testClock, batchSize: 3 })).toMatchObject({ inserted: 4, unchanged: 3 });
    expect(await count()).toBe(7);
  });

  it("writes a line corrected later in the file last, though batches are written at once (PostgreSQL)", async () => {
    const record = (i: number, id: string, charged: number) => ({
      line: i + 2,
      raw: {
        line_id: id, member_number: "10000002", beneficiary_ref: "10000002-01", care_type: "pharmacie",
        care_date: "2026-10-14", payment_date: "2026-10-16", charged_cents: charged, base_cents: 1000, amo_cents: 650, amc_cents: 350, paid_to: "member",
      },
    });
    const file = [
      record(0, "ORD-1", 1000), record(1, "ORD-2", 1000),
      record(2, "ORD-3", 1000), record(3, "ORD-4", 1000),
      record(4, "ORD-1", 1200), record(5, "ORD-5", 1000),
      record(6, "ORD-6", 1000), record(7, "ORD-1", 1400),
    ];
    async function* records(): AsyncGenerator<NumberedRecord> {
      yield* file;
    }
    // Batches of two: the four batches go out up to three at once on PostgreSQL; ORD-1's versions must land in file order.
    expect(await importReimbursementLines(server.services.db, records(), { clock: testClock, batchSize: 2 })).toMatchObject({ read: 8, inserted: 6, updated: 2, rejected: 0 });
    const [line] = await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, "ORD-1"));
    expect(line).toMatchObject({ chargedCents: 1400, remainingCents: 400, version: 3 });
    const history = await server.services.db.select().from(reimbursementLineRevision).where(eq(reimbursementLineRevision.lineId, line!.id));
    expect(history.map((h) => [h.version, (h.snapshot as { charged_cents: number }).charged_cents]).sort()).toEqual([[1, 1000], [2, 1200]]);
  });

  it("gives exactly one line per line_id when two imports of the same file run at once", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `RACE-${i},10000002,10000002-01,pharmacie,2026-10-20,2026-10-22,,1000,1000,6500,,650,350,,member`);
    const body = `${header}\n${rows.join("\n")}\n`;
    const [a, b] = await Promise.all([post(body), post(body)]);
    const [sa, sb] = [await a.json(), await b.json()];
    expect(sa.inserted + sb.inserted).toBe(40);
    expect(sa.rejected + sb.rejected).toBe(0);
    const lines = await server.services.db.select().from(reimbursementLine).where(like(reimbursementLine.sourceLineId, "RACE-%"));
    expect(lines).toHaveLength(40);
  });

  it("keeps text exactly as sent: backslashes, tabs, line breaks, quotes and accents (PostgreSQL writes new lines with COPY)", async () => {
    const professional = 'Cabinet \\ "Les Tilleuls"\tBât. B\nÉtage 2\r\\N';
    const label = "Forfait \\t 100 % Santé";
    const record = {
      line_id: "ESC-1", member_number: "10000002", beneficiary_ref: "10000002-01", care_type: "pharmacie", care_date: "2026-10-05",
      payment_date: "2026-10-07", professional, charged_cents: 1000, base_cents: 1000, amo_rate_bp: 6500, amo_cents: 650, amc_cents: 350,
      guarantee_label: label, paid_to: "professional",
    };
    const res = await post(`${JSON.stringify(record)}\n`, { contentType: "application/x-ndjson" });
    expect(await res.json()).toMatchObject({ inserted: 1, rejected: 0 });
    const [line] = await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, "ESC-1"));
    expect(line).toMatchObject({ professionalName: professional, guaranteeLabel: label, paidTo: "professional", paidToPersonId: null, bankAccountId: null, remainingCents: 0 });
    // The same line again is recognised as unchanged, not inserted twice nor "corrected".
    expect(await (await post(`${JSON.stringify(record)}\n`, { contentType: "application/x-ndjson" })).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it("reads CSV with ';' separators and a BOM too", async () => {
    const csv = `\uFEFF${header.replaceAll(",", ";")}\nSEMI-1;10000002;10000002-01;pharmacie;2026-10-01;2026-10-03;;1000;1000;6500;;650;350;;member\n`;
    const summary = await importReimbursementLines(server.services.db, readRecords(Readable.from([csv]), "csv"), { clock: testClock });
    expect(summary).toMatchObject({ read: 1, inserted: 1, rejected: 0 });
  });
});

describe("the database itself", () => {
  it("refuses a line whose beneficiary, payee or bank account belongs to another household", async () => {
    const { db } = server.services;
    const [benoitLine] = await db.select().from(reimbursementLine).limit(1);
    const [stranger] = await db.select().from(person).where(ne(person.householdId, benoitLine!.householdId)).limit(1);
    const [strangerAccount] = await db.select().from(bankAccount).where(ne(bankAccount.householdId, benoitLine!.householdId)).limit(1);
    expect(stranger && strangerAccount).toBeTruthy();
    const { id: _id, ...line } = benoitLine!;
    const attempt = (changes: Partial<typeof line>, n: number) =>
      db.insert(reimbursementLine).values({ ...line, ...changes, sourceLineId: `FK-TEST-${n}` });
    await expect(attempt({ beneficiaryId: stranger!.id }, 1)).rejects.toThrow();
    await expect(attempt({ paidTo: "beneficiary", paidToPersonId: stranger!.id }, 2)).rejects.toThrow();
    await expect(attempt({ bankAccountId: strangerAccount!.id }, 3)).rejects.toThrow();
    // The same line with its own household's people and no account goes in.
    await attempt({ bankAccountId: null }, 4);
    expect(await db.select({ id: reimbursementLine.id }).from(reimbursementLine).where(like(reimbursementLine.sourceLineId, "FK-TEST-%"))).toHaveLength(1);
  });
});
