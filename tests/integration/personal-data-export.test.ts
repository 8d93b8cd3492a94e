import { Readable } from "node:stream";
// "Télécharger mes données" (issue 23): the archive is prepared in the background, announced by e-mail,
// downloadable by its household only while valid, then deleted; its contents match the database; and it is
// streamed: a household with large attachments does not grow the server's memory by their size.
import { randomBytes } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import yauzl from "yauzl";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { message, messageFile, messageThread } from "../../app/modules/messaging/schema.ts";
import { deleteExpiredExports, prepareExport, requestExport } from "../../app/modules/personal-data/export.server.ts";
import { dataExport } from "../../app/modules/personal-data/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { demo, visibleText } from "../support/http-client.ts";
import { lastMailTo, mailsTo } from "../support/outbox.ts";
import { describe, expect, test as withPeople } from "../support/fixtures.ts";
import { liveGrowthMeter, sampledAsWritten } from "../support/live-memory.ts";
import type { TestServer } from "../support/test-server.ts";
import { memberViewer } from "../support/viewer.ts";

// Benoit's household, whose export the tests read.
const test = withPeople.extend("householdId", { scope: "file" }, async ({ server }) => {
  const [h] = await server.services.db
    .select({ id: household.id })
    .from(household)
    .where(eq(household.memberNumber, demo.benoit.number));
  return h!.id;
});

/** The ZIP's entries, read back with another library (yauzl), as name → bytes. */
async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (e, z) => {
      if (e) reject(e);
      else resolve(z);
    });
  });
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (e, stream) => {
        if (e) {
          reject(e);
          return;
        }
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return out;
}

async function waitReady(server: TestServer, id: string) {
  for (let i = 0; i < 600; i++) {
    const [row] = await server.services.db.select().from(dataExport).where(eq(dataExport.id, id));
    if (row?.status === "ready" || row?.status === "failed") return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("export not ready");
}

describe("data export", () => {
  let exportId: string;
  const attachment = randomBytes(3000);

  test("is asked for from the page, prepared in the background and announced by e-mail", async ({
    server,
    member: benoit,
    householdId,
  }) => {
    const { db, storage } = server.services;
    // A message with an attachment on disk: it must come back byte for byte.
    const [thread] = await db
      .insert(messageThread)
      .values({ householdId, category: "autre", subject: "Export", startedBy: "member" })
      .returning({ id: messageThread.id });
    const [msg] = await db
      .insert(message)
      .values({ threadId: thread!.id, author: "member", body: "Voici ma pièce" })
      .returning({ id: message.id });
    await storage.put("messagerie/export-test.pdf", Readable.from([attachment]), { contentLength: attachment.length });
    await db.insert(messageFile).values({
      messageId: msg!.id,
      householdId,
      originalName: "ordonnance/../mars.pdf",
      storedName: "export-test.pdf",
      mimeType: "application/pdf",
      sizeBytes: attachment.length,
      sha256: "0".repeat(64),
    });

    const asked = await benoit.post("/mon-compte/donnees-personnelles", { intent: "export" });
    expect(asked.status).toBe(302);
    const [row] = await db.select().from(dataExport).where(eq(dataExport.householdId, householdId));
    exportId = row!.id;
    const ready = await waitReady(server, exportId);
    expect(ready.status).toBe("ready");
    // The e-mail follows the archive's row: wait for it.
    const announced = () => mailsTo(server.dataDir, demo.benoit.email).some((m) => m.subject.startsWith("Vos données"));
    for (let i = 0; i < 100 && !announced(); i++) await new Promise((r) => setTimeout(r, 100));
    const mail = lastMailTo(server.dataDir, demo.benoit.email);
    expect(mail.subject).toBe("Vos données sont prêtes à être téléchargées");
    expect(mail.text).toContain("/mon-compte/donnees-personnelles");
    const page = visibleText(await (await benoit.get("/mon-compte/donnees-personnelles")).text());
    expect(page).toContain("Télécharger l'archive demandée le");
    // Asking again while one is valid gives the same archive.
    await benoit.post("/mon-compte/donnees-personnelles", { intent: "export" });
    expect(await db.select().from(dataExport).where(eq(dataExport.householdId, householdId))).toHaveLength(1);
  });

  test("holds JSON per kind of data matching the database, the PDFs and the attachments", async ({
    server,
    member: benoit,
    householdId,
  }) => {
    const { db } = server.services;
    const res = await benoit.get(`/mon-compte/donnees-personnelles/archive/${exportId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="mes-donnees-\d{4}-\d{2}-\d{2}\.zip"; filename\*=UTF-8''mes-donnees-\d{4}-\d{2}-\d{2}\.zip$/,
    );
    const files = await unzip(Buffer.from(await res.arrayBuffer()));
    const read = (name: string) => JSON.parse(files.get(name)!.toString("utf8"));

    expect(files.get("LISEZMOI.txt")!.toString("utf8")).toContain("remboursements.json");
    expect(read("donnees/export.json")).toMatchObject({ formatVersion: 1, memberNumber: demo.benoit.number });

    const people = await db.select().from(person).where(eq(person.householdId, householdId));
    const foyer = read("donnees/foyer.json");
    expect(foyer.contract.memberNumber).toBe(demo.benoit.number);
    expect(foyer.people.map((p: { externalRef: string }) => p.externalRef).sort()).toEqual(
      people.map((p) => p.externalRef).sort(),
    );
    expect(foyer.people.find((p: { role: string }) => p.role === "member").email).toBe(demo.benoit.email);

    const lines = await db.select().from(reimbursementLine).where(eq(reimbursementLine.householdId, householdId));
    const exported = read("donnees/remboursements.json") as { sourceLineId: string; amcCents: number }[];
    expect(exported.map((l) => l.sourceLineId).sort()).toEqual(lines.map((l) => l.sourceLineId).sort());
    expect(exported.reduce((t, l) => t + l.amcCents, 0)).toBe(lines.reduce((t, l) => t + l.amcCents, 0));

    const requests = await db.select().from(memberRequest).where(eq(memberRequest.householdId, householdId));
    const démarches = read("donnees/demarches.json") as { reference: string; events: unknown[] }[];
    expect(démarches.map((r) => r.reference).sort()).toEqual(requests.map((r) => r.reference).sort());
    expect(démarches.every((r) => r.events.length > 0)).toBe(true);

    const threads = read("donnees/messagerie.json") as {
      subject: string;
      messages: { body: string; files: unknown[] }[];
    }[];
    const mine = threads.find((t) => t.subject === "Export")!;
    expect(mine.messages[0]).toMatchObject({ body: "Voici ma pièce", files: [{ name: "ordonnance/../mars.pdf" }] });

    const [member] = await db
      .select({ userId: person.userId })
      .from(person)
      .where(and(eq(person.householdId, householdId), eq(person.role, "member")));
    const signIns = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, member!.userId!), like(auditLog.action, "auth.%")));
    expect((read("donnees/connexions.json") as unknown[]).length).toBe(signIns.length);
    expect(Array.isArray(read("donnees/acces-conseillers.json"))).toBe(true);
    // The browser this test signed in from, recorded for the new-device alert (no push device here).
    expect(read("donnees/appareils.json")).toEqual([
      { kind: "connexion", label: "Navigateur", since: expect.any(String), lastUsed: expect.any(String) },
    ]);
    expect(read("donnees/coordonnees-bancaires.json")[0].ibanMasked).toMatch(/\*|•|x/i);

    const year = new Date().getUTCFullYear();
    const pdfs = [...files.keys()].filter((n) => n.startsWith("pdf/"));
    expect(pdfs.some((n) => /^pdf\/carte-tiers-payant-\d{4}\.pdf$/.test(n))).toBe(true);
    expect(pdfs.some((n) => /^pdf\/attestation-de-droits-/.test(n))).toBe(true);
    expect(pdfs.some((n) => /^pdf\/releve-prestations-\d{4}\.pdf$/.test(n))).toBe(true);
    expect(year).toBeGreaterThan(2000);
    for (const n of pdfs) expect(files.get(n)!.subarray(0, 5).toString("latin1"), n).toBe("%PDF-");

    const sent = [...files.keys()].filter((n) => n.startsWith("pieces-jointes/messagerie/"));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/\/1-ordonnance_.._mars\.pdf$/);
    expect(files.get(sent[0]!)!.equals(attachment)).toBe(true);
  });

  test("is refused to another household and deleted, file and row, once its week is over", async ({
    server,
    member: benoit,
    otherMember: claire,
  }) => {
    expect((await claire.get(`/mon-compte/donnees-personnelles/archive/${exportId}`)).status).toBe(404);
    const { db, storage, clock } = server.services;
    const [row] = await db.select().from(dataExport).where(eq(dataExport.id, exportId));
    const file = `exports/${row!.storedName!}`;
    expect(await storage.stat(file)).not.toBeNull();
    expect(await deleteExpiredExports(server.services, clock.now())).toBe(0);
    const later = new Date(row!.expiresAt!.getTime() + 1000);
    expect(await deleteExpiredExports(server.services, later)).toBe(1);
    expect(await storage.stat(file)).toBeNull();
    expect((await benoit.get(`/mon-compte/donnees-personnelles/archive/${exportId}`)).status).toBe(404);
  });

  test("streams: 120 MB of attachments keep under a quarter of it alive in the server", async ({
    server,
    householdId,
  }) => {
    const { db, storage } = server.services;
    const [thread] = await db
      .insert(messageThread)
      .values({ householdId, category: "autre", subject: "Gros fichiers", startedBy: "member" })
      .returning({ id: messageThread.id });
    const [msg] = await db
      .insert(message)
      .values({ threadId: thread!.id, author: "member", body: "Scans" })
      .returning({ id: message.id });
    const chunk = randomBytes(4 * 1024 * 1024);
    for (let i = 0; i < 30; i++) {
      const storedName = `bench-${i}.pdf`;
      await storage.put(`messagerie/${storedName}`, Readable.from([chunk]), { contentLength: chunk.length });
      await db.insert(messageFile).values({
        messageId: msg!.id,
        householdId,
        originalName: `scan-${i}.pdf`,
        storedName,
        mimeType: "application/pdf",
        sizeBytes: chunk.length,
        sha256: "0".repeat(64),
      });
    }
    const [member] = await db
      .select({ userId: person.userId })
      .from(person)
      .where(and(eq(person.householdId, householdId), eq(person.role, "member")));
    const viewer = memberViewer(householdId, member!.userId!);
    // Warm-up: a first archive of the same household loads the PDF fonts and libraries, grows the embedded
    // database's heap; what is measured is what the size of the attachments adds.
    const warm = await requestExport(server.services, viewer, "127.0.0.1");
    expect(await prepareExport(server.services, warm.id)).toBe(true);
    await db.delete(dataExport).where(eq(dataExport.id, warm.id));
    const { id } = await requestExport(server.services, viewer, "127.0.0.1");
    // Sampled at every 4 MB the archive writes: held whole, it would be alive at the last samples.
    const meter = liveGrowthMeter();
    const storageSampled = sampledAsWritten(storage, meter.sample, 4 * 1024 * 1024);
    expect(await prepareExport({ ...server.services, storage: storageSampled }, id)).toBe(true);
    const growth = meter.growth();
    const [row] = await db.select().from(dataExport).where(eq(dataExport.id, id));
    expect(row!.sizeBytes).toBeGreaterThan(120 * 1024 * 1024);
    // Streamed: what the process keeps alive while writing the archive stays a small part of it (a few
    // megabytes of stream buffers and one PDF); holding the archive whole would keep all of it (seen: 125 MB).
    expect(growth).toBeLessThan(Number(row!.sizeBytes) / 4);
  }, 600_000); // a hang guard, not a speed claim: 120 MB written and compressed take minutes on a busy machine
});
