import { eq } from "drizzle-orm";
import { person } from "../../app/modules/households/schema.ts";
import { memberRequest, requestFile } from "../../app/modules/requests/schema.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { type TestClient, visibleText } from "../support/http-client.ts";
import { checkSummary } from "../support/error-summary.ts";
import { storedAndScratch, storedKeys } from "../support/stored-files.ts";
import { recentDay } from "../support/clock.ts";
import { fixture, invoice, louiseOf, startClaim, upload } from "../support/claims.ts";
import { memberViewer } from "../support/viewer.ts";

describe("claim wizard: the files", () => {
  test("refuses files that are not PDF, JPEG or PNG, naming them, and keeps nothing", async ({
    server,
    member: benoit,
  }) => {
    const { draftId } = await startClaim(server, benoit);
    const before = await storedAndScratch(server.services);
    const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(400)]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const [name, bytes] of [
      ["facture.pdf", exe],
      ["dessin.svg", svg],
      ["page.html", Buffer.from("<html><script>x</script></html>")],
    ] as const) {
      const res = await upload(benoit, draftId, [
        { name: "ok.pdf", bytes: invoice() },
        { name, bytes },
      ]);
      expect(res.status, name).toBe(400);
      expect(visibleText(await res.text())).toContain(
        `Le fichier « ${name} » n'est ni un PDF, ni une photo JPEG ou PNG`,
      );
    }
    // The good file sent along was not kept either: all or nothing.
    expect(await storedAndScratch(server.services)).toEqual(before);
    expect(await server.services.db.select().from(requestFile).where(eq(requestFile.draftId, draftId))).toHaveLength(0);
  });

  test("answers 413 to a file over 10 MB", async ({ server, member: benoit }) => {
    const { draftId } = await startClaim(server, benoit);
    const big = Buffer.concat([invoice(), Buffer.alloc(11 * 1024 * 1024)]);
    const res = await upload(benoit, draftId, [{ name: "gros.pdf", bytes: big }]);
    expect(res.status).toBe(413);
    expect(visibleText(await res.text())).toContain("Un fichier dépasse 10 Mo");
  });

  test("creates exactly one claim from 20 simultaneous submissions of the same draft", async ({
    server,
    member: benoit,
  }) => {
    const { draftId } = await startClaim(server, benoit, { amount: "61,00", careDate: recentDay("2026-11-02") });
    await upload(benoit, draftId, [{ name: "facture.pdf", bytes: invoice() }]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId })),
    );
    const locations = new Set(answers.map((a) => a.headers.get("location")?.split("?")[0]));
    expect(answers.every((a) => a.status === 302)).toBe(true);
    expect(locations.size).toBe(1);
    expect(
      await server.services.db.select().from(memberRequest).where(eq(memberRequest.idempotencyKey, draftId)),
    ).toHaveLength(1);
  });

  test("warns about a claim that looks like one already sent, and lets the member choose", async ({
    server,
    member: benoit,
  }) => {
    const first = await startClaim(server, benoit, { amount: "55,00", careDate: recentDay("2026-10-10") });
    await upload(benoit, first.draftId, [{ name: "facture.pdf", bytes: invoice() }]);
    await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: first.draftId });
    const again = await startClaim(server, benoit, { amount: "55,00", careDate: recentDay("2026-10-10") });
    await upload(benoit, again.draftId, [{ name: "facture.pdf", bytes: invoice() }]);
    const recap = visibleText(await (await benoit.get(`/demandes/nouvelle?brouillon=${again.draftId}&etape=3`)).text());
    expect(recap).toMatch(/Vous avez déjà envoyé une demande pour ce soin le \d{2}\/\d{2}\/\d{4}/);
    const refused = await benoit.post("/demandes/nouvelle", {
      intent: "submit",
      brouillon: again.draftId,
      similarShown: "1",
    });
    expect(refused.status).toBe(400);
    const accepted = await benoit.post("/demandes/nouvelle", {
      intent: "submit",
      brouillon: again.draftId,
      similarShown: "1",
      confirmSimilar: "on",
    });
    expect(accepted.status).toBe(302);
  });

  test("keeps no file when the database fails after the files are stored", async ({ server }) => {
    const { addDraftFiles } = await import("../../app/modules/claims/drafts.server.ts");
    const { keepOrDiscard, prepareUpload, requestFileStore } =
      await import("../../app/modules/claims/attachments.server.ts");
    const [home] = await server.services.db
      .select()
      .from(person)
      .where(eq(person.id, await louiseOf(server)));
    const viewer = memberViewer(home!.householdId);
    const before = (await storedKeys(server.services.storage)).length;
    // A draft that is not in the database: the files get stored, then the insert fails on its reference.
    const ghost = {
      id: "00000000-0000-4000-8000-000000000000",
      householdId: home!.householdId,
      createdBy: null,
      data: {},
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    const store = { ...requestFileStore(server.services), scanner: null };
    const { Readable } = await import("node:stream");
    const stored = [
      await prepareUpload({ name: "a.pdf", stream: Readable.from([invoice()]) }, store),
      await prepareUpload({ name: "b.jpg", stream: Readable.from([fixture("small.jpg")]) }, store),
    ];
    expect(await storedKeys(server.services.storage)).toHaveLength(before + 2);
    await expect(
      keepOrDiscard(store, stored, () => addDraftFiles(server.services.db, viewer, ghost, stored)),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/violates foreign key constraint/) } });
    expect(await storedKeys(server.services.storage)).toHaveLength(before);
    expect(await storedAndScratch(server.services)).toEqual(await storedKeys(server.services.storage));
  });

  test("lets the member add a missing document when the mutuelle asks for one", async ({
    server,
    member: benoit,
    otherMember: claire,
  }) => {
    const { draftId } = await startClaim(server, benoit, { amount: "42,00", careDate: recentDay("2026-11-05") });
    await upload(benoit, draftId, [{ name: "facture.pdf", bytes: invoice() }]);
    const detailUrl = (await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId })).headers
      .get("location")!
      .split("?")[0]!;
    const claimId = detailUrl.split("/").pop()!;
    const post = (client: TestClient, url: string) =>
      client.postMultipart(url, {}, [{ name: "ordonnance.png", bytes: fixture("small.png") }]);
    // Not asked yet: refused.
    expect((await post(benoit, detailUrl)).status).toBe(409);
    await server.services.db
      .update(memberRequest)
      .set({ status: "missing_document" })
      .where(eq(memberRequest.id, claimId));
    expect(visibleText(await (await benoit.get(detailUrl)).text())).toContain("Ajouter la pièce demandée");
    // A file that is not a document: said beside the file field, linked from the summary, nothing added.
    const notADocument = await benoit.postMultipart(detailUrl, {}, [
      { name: "notes.pdf", bytes: Buffer.from("not a PDF at all") },
    ]);
    expect(notADocument.status).toBe(400);
    expect(checkSummary(await notADocument.text(), "missing document, not a PDF")).toEqual(["fichiers"]);
    expect((await post(claire, detailUrl)).status).toBe(404);
    const added = await post(benoit, detailUrl);
    expect(added.status).toBe(302);
    const text = visibleText(await (await benoit.get(detailUrl)).text());
    expect(text).toContain("1 pièce ajoutée par l'adhérent");
    expect(text).toContain("ordonnance.png");
    const [claim] = await server.services.db.select().from(memberRequest).where(eq(memberRequest.id, claimId));
    expect(claim!.status).toBe("in_progress");
  });

  test("sweeps files left without their row after a crash, and keeps the others", async ({ server }) => {
    const { sweepOrphanFiles } = await import("../../app/modules/storage/orphan-sweep.server.ts");
    const { Readable } = await import("node:stream");
    const { storage, db } = server.services;
    const stray = "00000000-0000-4000-8000-00000000dead";
    await storage.put(stray, Readable.from([Buffer.from("left by a killed server")]));
    const [kept] = await db.select().from(requestFile).limit(1);
    // Younger than an hour: kept (its row may be committing right now).
    expect((await sweepOrphanFiles({ db, storage })).removed).toBe(0);
    expect((await sweepOrphanFiles({ db, storage }, { olderThan: 0 })).removed).toBe(1);
    expect(await storage.stat(stray)).toBeNull();
    expect(await storage.stat(kept!.storedName)).not.toBeNull();
  });
});
