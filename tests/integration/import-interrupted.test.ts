import { describe, expect, it, vi } from "vitest";
import { connect } from "node:net";
import { Readable } from "node:stream";
import { eq, like, ne } from "drizzle-orm";
import { bankAccount, person } from "../../app/modules/households/schema.ts";
import { importReimbursementLines } from "../../app/modules/reimbursements/import/import-lines.server.ts";
import { type NumberedRecord, readRecords } from "../../app/modules/reimbursements/import/read-records.ts";
import { reimbursementLine, reimbursementLineRevision } from "../../app/modules/reimbursements/schema.ts";
import { testClock } from "../support/clock.ts";
import {
  decomptesHeader as header,
  importApiServer,
  lastImportAudit,
  importToken as token,
} from "../support/import-api.ts";

const { handle, post } = importApiServer();

describe("a connection cut in the middle of the body", () => {
  it("ends the import as a failure in the audit log, keeps the whole batches already written, and the portal goes on serving", async () => {
    const { port } = new URL(handle.server.baseUrl);
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
        await handle.server.services.db
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
        const audit = await lastImportAudit(handle.server);
        expect(audit).toMatchObject({ outcome: "failure", details: { source: "api" } });
      },
      { timeout: 25_000, interval: 50 },
    );
    expect(await written()).toBe(5000);
    expect((await fetch(`${handle.server.baseUrl}/healthz`)).status).toBe(200);
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
        const health = await fetch(`${handle.server.baseUrl}/healthz`);
        events.push(`healthz ${health.status}`);
        controller.enqueue(new TextEncoder().encode(`\n${after}\n`));
        controller.close();
      },
    });
    const res = await fetch(`${handle.server.baseUrl}/api/v1/decomptes`, {
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
      await handle.server.services.db
        .select()
        .from(reimbursementLine)
        .where(eq(reimbursementLine.sourceLineId, "LONG-2")),
    ).toHaveLength(1);
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
      importReimbursementLines(handle.server.services.db, failingAfter(5), { clock: testClock, batchSize: 3 }),
    ).rejects.toThrow("connection lost");
    const count = async () =>
      (
        await handle.server.services.db
          .select()
          .from(reimbursementLine)
          .where(like(reimbursementLine.sourceLineId, "INT-%"))
      ).length; // not by date: demo lines move with the clock
    expect(await count()).toBe(3); // batch 1 (lines 0-2) committed; lines 3-4 never written
    async function* all(): AsyncGenerator<NumberedRecord> {
      for (let i = 0; i < 7; i++) yield record(i);
    }
    expect(
      await importReimbursementLines(handle.server.services.db, all(), { clock: testClock, batchSize: 3 }),
    ).toMatchObject({ inserted: 4, unchanged: 3 });
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
      await importReimbursementLines(handle.server.services.db, records(), { clock: testClock, batchSize: 2 }),
    ).toMatchObject({ read: 8, inserted: 6, updated: 2, rejected: 0 });
    const [line] = await handle.server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, "ORD-1"));
    expect(line).toMatchObject({ chargedCents: 1400, remainingCents: 400, version: 3 });
    const history = await handle.server.services.db
      .select()
      .from(reimbursementLineRevision)
      .where(eq(reimbursementLineRevision.lineId, line!.id));
    const versions = history.map((h) => [h.version, (h.snapshot as { charged_cents: number }).charged_cents]);
    expect(versions.sort((a, b) => a[0]! - b[0]!)).toEqual([
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
    const lines = await handle.server.services.db
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
    const [line] = await handle.server.services.db
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
    const summary = await importReimbursementLines(
      handle.server.services.db,
      readRecords(Readable.from([csv]), "csv"),
      {
        clock: testClock,
      },
    );
    expect(summary).toMatchObject({ read: 1, inserted: 1, rejected: 0 });
  });
});

describe("the database itself", () => {
  it("refuses a line whose beneficiary, payee or bank account belongs to another household", async () => {
    const { db } = handle.server.services;
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
