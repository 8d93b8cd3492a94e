import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { memberRequest, requestFile } from "../../app/modules/requests/schema.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { visibleText } from "../support/http-client.ts";
import { storedBytes } from "../support/stored-files.ts";
import { fr, recentDay, thisYear } from "../support/clock.ts";
import { fixture, invoice, louiseOf, startClaim, upload } from "../support/claims.ts";

describe("claim wizard", () => {
  test("« Continuer » imports the files chosen but not yet imported, then goes to step 3, without JavaScript (issue 25, item 4)", async ({
    server,
    member: benoit,
  }) => {
    const { draftId } = await startClaim(server, benoit);
    const step2 = `/demandes/nouvelle?brouillon=${draftId}&etape=2`;
    // No file yet: "Continuer" is not offered; with a file chosen, it imports it on the way.
    expect(await (await benoit.get(step2)).text()).not.toContain('name="suite"');
    const res = await benoit.postMultipart(step2, { suite: "1" }, [{ name: "facture.pdf", bytes: invoice() }]);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/demandes/nouvelle?brouillon=${draftId}&etape=3`);
    const recap = visibleText(await (await benoit.get(res.headers.get("location")!)).text());
    expect(recap).toContain("facture.pdf");
    // Then the form offers "Continuer", and the file inputs name the hint that says what to join.
    const again = await (await benoit.get(step2)).text();
    expect(again).toContain('name="suite"');
    expect(again).toMatch(/<input id="fichiers"[^>]*aria-describedby="pieces-aide"/);
  });

  test("files a claim in three steps, with the files kept outside the web root and a confirmation e-mail", async ({
    server,
    member: benoit,
    otherMember: claire,
  }) => {
    const { location, draftId } = await startClaim(server, benoit);
    expect(location).toBe(`/demandes/nouvelle?brouillon=${draftId}&etape=2`);
    const step2 = visibleText(await (await benoit.get(location)).text());
    expect(step2).toContain("2/3 Pièces justificatives");
    expect(step2).toContain("la facture détaillée du praticien");
    // A completed step says so in words, not by colour alone (issue 25, item 12).
    expect(step2).toContain("1/3 Détail du soin (terminée) 2/3 Pièces justificatives (en cours) 3/3 Récapitulatif");

    expect(
      (
        await upload(benoit, draftId, [
          { name: "facture.pdf", bytes: invoice() },
          { name: "photo.jpg", bytes: fixture("gps.jpg") },
        ])
      ).status,
    ).toBe(302);
    // Step 2 previews the photo (its metadata already gone), for this household only, and never a PDF.
    const listed = await (await benoit.get(`/demandes/nouvelle?brouillon=${draftId}&etape=2`)).text();
    const previewUrl = /src="(\/demandes\/nouvelle\/fichiers\/[0-9a-f-]{36}\?brouillon=[0-9a-f-]{36})"/
      .exec(listed)?.[1]
      ?.replace(/&amp;/g, "&");
    expect(previewUrl).toBeTruthy();
    const preview = await benoit.get(previewUrl!);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await preview.arrayBuffer()).includes(Buffer.from("Exif"))).toBe(false);
    expect((await claire.get(previewUrl!)).status).toBe(404);
    const recap = visibleText(await (await benoit.get(`/demandes/nouvelle?brouillon=${draftId}&etape=3`)).text());
    expect(recap).toContain("Bénéficiaire du soin Louise Brouez");
    expect(recap).toContain("Montant payé 80,00 €");
    expect(recap).toContain("facture.pdf, photo.jpg");

    const submitted = await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
    expect(submitted.status).toBe(302);
    const detailUrl = submitted.headers.get("location")!;
    const detail = visibleText(await (await benoit.get(detailUrl)).text());
    expect(detail).toMatch(new RegExp(`Votre demande est bien envoyée. Sa référence : DR-${thisYear}-[2-9A-Z]{8}`));
    expect(detail).toContain(`Chiropractie le ${fr(recentDay("2026-11-20"))} pour Louise`);
    expect(detail).toContain("Envoyée");

    const [claim] = await server.services.db
      .select()
      .from(memberRequest)
      .where(eq(memberRequest.idempotencyKey, draftId));
    expect(claim).toMatchObject({ kind: "claim", status: "submitted", amountCents: 8000, careType: "chiropractie" });
    const files = await server.services.db.select().from(requestFile).where(eq(requestFile.requestId, claim!.id));
    expect(files).toHaveLength(2);
    const photo = files.find((f) => f.originalName === "photo.jpg")!;
    expect(photo.metadataStripped).toBe(true);
    const stored = (await storedBytes(server.services.storage, photo.storedName))!;
    expect(stored.includes(Buffer.from("Exif"))).toBe(false);
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash("sha256").update(stored).digest("hex")).toBe(photo.sha256);
    expect(server.services.storage.description).not.toContain(join(process.cwd(), "build"));

    // The file downloads for its household only.
    const fileUrl = `/demandes/${claim!.id}/fichiers/${files[0]!.id}`;
    const download = await benoit.get(fileUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment/);
    expect((await claire.get(fileUrl)).status).toBe(404);
    expect((await claire.get(detailUrl.split("?")[0]!)).status).toBe(404);

    const outbox = readdirSync(join(server.dataDir, "outbox")).map((f) =>
      readFileSync(join(server.dataDir, "outbox", f), "utf8"),
    );
    expect(outbox.some((m) => m.includes(claim!.reference) && m.includes("benoit.brouez@example.com"))).toBe(true);
    expect(visibleText(await (await benoit.get("/demandes")).text())).toContain(claim!.reference);
    // And among the documents, with the other papers.
    const documents = visibleText(await (await benoit.get("/documents")).text());
    expect(documents).toContain("Pièces envoyées avec mes démarches");
    expect(documents).toContain(`facture.pdf (demande ${claim!.reference}`);
    expect(visibleText(await (await claire.get("/documents")).text())).not.toContain(claim!.reference);
  });

  test("explains every wrong field of step 1 with a 400 and keeps what was typed", async ({ member: benoit }) => {
    const res = await benoit.post("/demandes/nouvelle", {
      intent: "details",
      careType: "",
      lieu: "etranger",
      careDate: `${thisYear + 3}-01-01`,
      amount: "abc",
      country: "",
    });
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    for (const message of [
      "Choisissez la personne qui a reçu le soin.",
      "Indiquez le type de soin.",
      "La date du soin ne peut pas être dans le futur.",
      "Indiquez le montant payé, par exemple 45,00.",
    ]) {
      expect(text).toContain(message);
    }
  });

  test("gives each rule of the date its own message: an empty date is missing, not too old", async ({
    server,
    member: benoit,
  }) => {
    const res = await benoit.post("/demandes/nouvelle", {
      intent: "details",
      beneficiaryId: await louiseOf(server),
      careType: "chiropractie",
      lieu: "france",
      careDate: "",
      amount: "80,00",
    });
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    expect(text).toContain("Indiquez la date du soin.");
    expect(text).not.toContain("2 ans et 3 mois");
    expect(text).not.toContain("au format jj/mm/aaaa");
    const old = visibleText(
      await (
        await benoit.post("/demandes/nouvelle", {
          intent: "details",
          beneficiaryId: await louiseOf(server),
          careType: "chiropractie",
          lieu: "france",
          careDate: "2020-01-15",
          amount: "80,00",
        })
      ).text(),
    );
    expect(old).toContain("Ce soin date de plus de 2 ans et 3 mois");
    expect(old).not.toContain("Indiquez la date du soin.");
  });

  test("reads the amount of care abroad in the currency chosen, and says which one on the summary", async ({
    server,
    member: benoit,
  }) => {
    const { draftId } = await startClaim(server, benoit, {
      lieu: "etranger",
      country: "Suisse",
      currency: "CHF",
      amount: "",
      amountAbroad: "120,00",
    });
    await upload(benoit, draftId, [{ name: "facture.pdf", bytes: invoice() }]);
    const recap = visibleText(await (await benoit.get(`/demandes/nouvelle?brouillon=${draftId}&etape=3`)).text());
    expect(recap).toContain("À l'étranger (Suisse, CHF)");
    expect(recap).toMatch(/Montant payé\s*120,00\sCHF/);
    // In France the euro field counts, whatever the hidden one for abroad holds.
    const inFrance = await startClaim(server, benoit, { amountAbroad: "999", country: "Suisse", currency: "CHF" });
    const france = visibleText(
      await (await benoit.get(`/demandes/nouvelle?brouillon=${inFrance.draftId}&etape=1`)).text(),
    );
    expect(france).not.toContain("999");
  });

  test("labels the step-1 fields of care abroad as such, and the amount with its currency", async ({
    member: benoit,
  }) => {
    const page = await (await benoit.get("/demandes/nouvelle")).text();
    expect(page).toMatch(
      /<fieldset class="field claim-abroad"><legend>Soin à l&#x27;étranger<\/legend>[\s\S]*Pays du soin[\s\S]*Monnaie payée[\s\S]*Montant payé, dans la monnaie choisie ci-dessus[\s\S]*<\/fieldset>/,
    );
    expect(visibleText(page)).toContain("Montant payé, en euros");
    expect(visibleText(page)).toContain("Franc suisse (CHF)");
  });

  test("shows each status the mutuelle gives, with an e-mail each time, up to the payment", async ({
    server,
    member: benoit,
  }) => {
    const { changeRequestStatus } = await import("../../app/modules/requests/status.server.ts");
    const { draftId } = await startClaim(server, benoit, { amount: "70,00", careDate: recentDay("2026-11-12") });
    await upload(benoit, draftId, [{ name: "facture.pdf", bytes: invoice() }]);
    const detailUrl = (await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId })).headers
      .get("location")!
      .split("?")[0]!;
    const requestId = detailUrl.split("/").pop()!;
    const outbox = () => readdirSync(join(server.dataDir, "outbox")).length;
    const before = outbox();
    await changeRequestStatus(server.services, { requestId, status: "in_progress" });
    await changeRequestStatus(server.services, { requestId, status: "accepted" });
    await expect(changeRequestStatus(server.services, { requestId, status: "paid" })).rejects.toThrow("montant payé");
    await changeRequestStatus(server.services, { requestId, status: "paid", paidCents: 7000 });
    await expect(
      changeRequestStatus(server.services, { requestId, status: "refused", note: "trop tard" }),
    ).rejects.toThrow("ne peut pas passer");
    expect(outbox() - before).toBe(3);
    const text = visibleText(await (await benoit.get(detailUrl)).text());
    expect(text).toContain("Payée");
    expect(text).toContain("Remboursé par votre mutuelle 70,00 €");
    expect(text).toContain("70,00 € versés");
    for (const step of ["Envoyée", "En cours", "Acceptée"]) expect(text).toContain(step);
  });

  test("never lets another household reach a draft", async ({ server, member: benoit, otherMember: claire }) => {
    const { draftId } = await startClaim(server, benoit);
    const page = visibleText(await (await claire.get(`/demandes/nouvelle?brouillon=${draftId}&etape=2`)).text());
    expect(page).toContain("1/3 Détail du soin"); // a fresh form, not Benoit's draft
    expect((await upload(claire, draftId, [{ name: "facture.pdf", bytes: invoice() }])).headers.get("location")).toBe(
      "/demandes/nouvelle",
    );
    expect(
      (await claire.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId })).headers.get("location"),
    ).toBe("/demandes/nouvelle");
  });
});
