import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestFile } from "../../app/modules/requests/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { createVirusScanner } from "../../app/modules/claims/virus-scan.server.ts";
import { person } from "../../app/modules/households/schema.ts";
import { messageFile } from "../../app/modules/messaging/schema.ts";
import { affiliationFile } from "../../app/modules/offer/schema.ts";
import { rescanQuarantinedFiles } from "../../app/modules/storage/quarantine-rescan.server.ts";
import { fillJourney, requestCode } from "../support/adhesion-journey.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { clamdInstalled, eicar, startClamd } from "../support/clamd.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { fr, recentDay, today } from "../support/clock.ts";

// One clamd for the file, on a port of its own: the PGlite and PostgreSQL runs each start theirs.
describe.skipIf(!clamdInstalled())("virus scanning with clamd", () => {
  let clamd: Awaited<ReturnType<typeof startClamd>>;
  let server: TestServer;
  let benoit: TestClient;
  beforeAll(async () => {
    clamd = await startClamd();
    server = await startTestServer({ env: { CLAMAV_URL: clamd.url } });
    benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await clamd?.stop();
  });

  const pdf = readFileSync("config/notices/notice-information-2026.pdf");

  async function draftWith(file: Buffer, name: string) {
    const [louise] = await server.services.db.select().from(person).where(eq(person.firstName, "Louise"));
    const started = await benoit.post("/demandes/nouvelle", {
      intent: "details",
      beneficiaryId: louise!.id,
      careType: "osteopathie",
      lieu: "france",
      careDate: recentDay("2026-11-18"),
      amount: "60",
    });
    const draftId = new URL(started.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
    const form = new FormData();
    form.append("fichiers", new Blob([new Uint8Array(file)]), name);
    const cookie = [...benoit.cookies.values()].map((c) => `${c.name}=${c.value}`).join("; ");
    const res = await fetch(`${server.baseUrl}/demandes/nouvelle?brouillon=${draftId}&etape=2`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { cookie, origin: server.baseUrl, connection: "close" },
    });
    return { res, draftId };
  }

  it("tells clean from infected over clamd's INSTREAM", async () => {
    const scanner = createVirusScanner(clamd.url)!;
    expect(await scanner.scan(new Uint8Array(pdf))).toEqual({ status: "clean" });
    expect(await scanner.scan(new TextEncoder().encode(eicar))).toEqual({
      status: "infected",
      signature: "Portal-Test-EICAR.UNOFFICIAL",
    });
  });

  it("refuses a PDF carrying the EICAR test string, and keeps nothing", async () => {
    const infected = Buffer.concat([pdf, Buffer.from(`\n% ${eicar}\n`)]);
    const { res, draftId } = await draftWith(infected, "facture.pdf");
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("Le fichier « facture.pdf » contient un virus : il a été refusé.");
    expect(await server.services.db.select().from(requestFile).where(eq(requestFile.draftId, draftId))).toHaveLength(0);
  });

  it("quarantines files when the scanner is down, and never serves them", async () => {
    const down = createVirusScanner("tcp://127.0.0.1:1")!;
    expect((await down.scan(new Uint8Array(pdf))).status).toBe("unavailable");
    const offline = await startTestServer({ env: { CLAMAV_URL: "tcp://127.0.0.1:1" } });
    try {
      const client = new TestClient(offline.baseUrl);
      await client.signIn(demo.benoit.number, demo.benoit.password);
      const [louise] = await offline.services.db.select().from(person).where(eq(person.firstName, "Louise"));
      const started = await client.post("/demandes/nouvelle", {
        intent: "details",
        beneficiaryId: louise!.id,
        careType: "osteopathie",
        lieu: "france",
        careDate: recentDay("2026-11-18"),
        amount: "60",
      });
      const draftId = new URL(started.headers.get("location")!, offline.baseUrl).searchParams.get("brouillon")!;
      const form = new FormData();
      form.append("fichiers", new Blob([new Uint8Array(pdf)]), "facture.pdf");
      const cookie = [...client.cookies.values()].map((c) => `${c.name}=${c.value}`).join("; ");
      const upload = await fetch(`${offline.baseUrl}/demandes/nouvelle?brouillon=${draftId}&etape=2`, {
        method: "POST",
        body: form,
        redirect: "manual",
        headers: { cookie, origin: offline.baseUrl, connection: "close" },
      });
      expect(upload.status).toBe(302);
      const submitted = await client.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
      const claimUrl = submitted.headers.get("location")!.split("?")[0]!;
      const [file] = await offline.services.db.select().from(requestFile).where(eq(requestFile.quarantined, true));
      expect(file).toBeDefined();
      expect((await client.get(`${claimUrl}/fichiers/${file!.id}`)).status).toBe(404);
      // Once clamd answers again, the file is scanned and released.
      expect(
        await rescanQuarantinedFiles(offline.services.db, {
          clock: offline.services.clock,
          storage: offline.services.storage,
          scanner: createVirusScanner(clamd.url),
        }),
      ).toEqual({ released: 1, deleted: 0 });
      expect((await client.get(`${claimUrl}/fichiers/${file!.id}`)).status).toBe(200);
    } finally {
      await offline.close();
    }
  });

  it("keeps messagerie attachments in quarantine while clamd is down, then releases them", async () => {
    const offline = await startTestServer({ env: { CLAMAV_URL: "tcp://127.0.0.1:1" } });
    try {
      const client = new TestClient(offline.baseUrl);
      await client.signIn(demo.benoit.number, demo.benoit.password);
      const sent = await client.postMultipart(
        "/messagerie/nouveau",
        { categorie: "information-soins", sujet: "autre-soins", message: "Voici ma facture." },
        [{ name: "facture.pdf", bytes: pdf }],
      );
      expect(sent.status).toBe(302);
      const threadPath = sent.headers.get("location")!.split("?")[0]!;
      const [file] = await offline.services.db.select().from(messageFile).where(eq(messageFile.quarantined, true));
      expect(file).toBeDefined();
      expect((await client.get(`${threadPath}/fichiers/${file!.id}`)).status).toBe(404);
      const released = await rescanQuarantinedFiles(offline.services.db, {
        clock: offline.services.clock,
        storage: offline.services.storage,
        scanner: createVirusScanner(clamd.url),
      });
      expect(released).toEqual({ released: 1, deleted: 0 });
      expect((await client.get(`${threadPath}/fichiers/${file!.id}`)).status).toBe(200);
    } finally {
      await offline.close();
    }
  });

  it("keeps an adhesion's attestation in quarantine while clamd is down, then releases it", async () => {
    const offline = await startTestServer({ env: { CLAMAV_URL: "tcp://127.0.0.1:1" } });
    try {
      await fillJourney(new TestClient(offline.baseUrl), "camille.quarantaine@example.org");
      const quarantined = () =>
        offline.services.db.select().from(affiliationFile).where(eq(affiliationFile.quarantined, true));
      expect(await quarantined()).toHaveLength(1);
      // Still down: nothing changes, and the file stays.
      expect(
        await rescanQuarantinedFiles(offline.services.db, {
          clock: offline.services.clock,
          storage: offline.services.storage,
          scanner: createVirusScanner("tcp://127.0.0.1:1"),
        }),
      ).toEqual({ released: 0, deleted: 0 });
      expect(await quarantined()).toHaveLength(1);
      // A file clamd cannot judge (over its 20 MB stream limit), older than the attestation so it comes first:
      // it stays in quarantine, and does not hold back the files after it.
      const [attestation] = await quarantined();
      const tooLarge = randomUUID();
      await offline.services.storage.put(`adhesion/${tooLarge}`, Readable.from([Buffer.alloc(21 * 2 ** 20, 1)]));
      await offline.services.db.insert(affiliationFile).values({
        journeyId: attestation!.journeyId,
        originalName: "trop-grand.pdf",
        storedName: tooLarge,
        mimeType: "application/pdf",
        sizeBytes: 21 * 2 ** 20,
        sha256: "0".repeat(64),
        quarantined: true,
        createdAt: new Date(attestation!.createdAt.getTime() - 60_000),
      });
      expect(
        await rescanQuarantinedFiles(offline.services.db, {
          clock: offline.services.clock,
          storage: offline.services.storage,
          scanner: createVirusScanner(clamd.url),
        }),
      ).toEqual({ released: 1, deleted: 0 });
      expect((await quarantined()).map((f) => f.storedName)).toEqual([tooLarge]);
      expect(await offline.services.db.select().from(affiliationFile)).toHaveLength(2);
    } finally {
      await offline.close();
    }
  });

  it("deletes a signed adhesion's attestation found infected once clamd answers, once for two rescans at once, audits it, and warns the gestionnaire", async () => {
    const offline = await startTestServer({ env: { CLAMAV_URL: "tcp://127.0.0.1:1" } });
    try {
      const { db, storage } = offline.services;
      const email = "camille.virus@example.org";
      const prospect = new TestClient(offline.baseUrl);
      await fillJourney(prospect, email);
      const signed = await prospect.post("/offre/adherer", {
        intent: "signer",
        code: await requestCode(prospect, offline.dataDir, email),
      });
      expect(signed.status).toBe(302);
      const [attestation] = await db.select().from(affiliationFile).where(eq(affiliationFile.quarantined, true));
      // What clamd would have found at the upload: the stored attestation carries the EICAR test string.
      const key = `adhesion/${attestation!.storedName}`;
      await storage.put(key, Readable.from([Buffer.concat([pdf, Buffer.from(`\n% ${eicar}\n`)])]));
      // Two servers' hourly jobs at the same moment: the file is deleted, and audited, once.
      const rescan = () =>
        rescanQuarantinedFiles(db, { storage, clock: offline.services.clock, scanner: createVirusScanner(clamd.url) });
      const [first, second] = await Promise.all([rescan(), rescan()]);
      expect(first.released + second.released).toBe(0);
      expect(first.deleted + second.deleted).toBe(1);
      expect(await db.select().from(affiliationFile).where(eq(affiliationFile.id, attestation!.id))).toHaveLength(0);
      expect(await storage.stat(key)).toBeNull();
      const audits = await db.select().from(auditLog).where(eq(auditLog.action, "storage.infected_file_deleted"));
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        outcome: "success",
        householdId: null,
        details: {
          area: "adhesion",
          fileId: attestation!.id,
          journeyId: attestation!.journeyId,
          signature: "Portal-Test-EICAR.UNOFFICIAL",
        },
      });
      // The gestionnaire who opens the adhesion learns why its attestation is gone.
      const gestionnaire = new TestClient(offline.baseUrl);
      await signInAdvisor(gestionnaire, offline.dataDir, demo.manager);
      const page = visibleText(
        await (await gestionnaire.get(`/back-office/adhesions/${attestation!.journeyId}`)).text(),
      );
      expect(page).toContain(
        `Un fichier envoyé a été supprimé le ${fr(today)} : l'antivirus y a trouvé un virus. Demandez un nouveau document à la personne avant de décider.`,
      );
      expect(page).toContain("Aucun fichier.");
    } finally {
      await offline.close();
    }
  });
});
