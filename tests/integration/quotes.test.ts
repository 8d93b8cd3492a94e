import { readFileSync } from "node:fs";
import { storedKeys } from "../support/stored-files.ts";
import { eq } from "drizzle-orm";
import { memberRequest, requestFile } from "../../app/modules/requests/schema.ts";
import { person } from "../../app/modules/households/schema.ts";
import { demo, visibleText } from "../support/http-client.ts";
import { mailsTo } from "../support/outbox.ts";
import { describe, expect, test as withPeople } from "../support/fixtures.ts";
import { thisYear } from "../support/clock.ts";

// Sarah, Benoit's spouse, for whom the quotes are sent.
const test = withPeople.extend("sarahId", { scope: "file" }, async ({ server }) => {
  const [sarah] = await server.services.db.select().from(person).where(eq(person.firstName, "Sarah"));
  return sarah!.id;
});

describe("quote estimate", () => {
  test("prices each line with the engine and shows the 100% Santé equivalent", async ({ member: benoit, sarahId }) => {
    const res = await benoit.post("/devis/nouveau", {
      beneficiaryId: sarahId,
      acte0: "dentaire_prothese_libre",
      prix0: "800,00",
      base0: "120,00",
      quantite0: "1",
    });
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    // 800,00 − 72,00 (60 % of 120,00) − 288,00 (300 % BR y.c. RO − 72,00) = 440,00.
    expect(text).toContain("Estimation pour Sarah Mancion");
    expect(text).toMatch(
      /Prothèses dentaires – panier à tarifs libres Équivalent 100 % Santé .* reste à charge 0,00 € 800,00 € 72,00 € 288,00 € 440,00 €/,
    );
    expect(text).toContain("Total 800,00 € 72,00 € 288,00 € 440,00 €");
  });

  test("uses the beneficiary's history: Sarah's glasses (July 2026 in the source document) are not renewed yet, said first with the date, and no 100 % Santé equipment at 0 € (issue 20, item 7)", async ({
    member: benoit,
    sarahId,
  }) => {
    const text = visibleText(
      await (
        await benoit.post("/devis/nouveau", {
          beneficiaryId: sarahId,
          acte0: "optique_verres_complexes",
          prix0: "250",
          base0: "0,05",
        })
      ).text(),
    );
    expect(text).toMatch(/Verres complexes \(classe B, par verre\).* 250,00 € 0,03 € 0,00 € 249,97 €/);
    // The renewal rule, in plain words before the table, with the date the detail gives.
    const said = /Pas de remboursement de votre mutuelle avant le (\d\d\/\d\d\/\d{4}) pour verres complexes/.exec(text);
    expect(said).not.toBeNull();
    expect(text.indexOf(said![0])).toBeLessThan(text.indexOf("Estimation ligne par ligne"));
    expect(text).toContain(`prochain remboursement possible à partir du ${said![1]}`);
    expect(text).toContain("ni pour un équipement 100 % Santé");
    expect(text).not.toContain("Équivalent 100 % Santé (");
  });

  test("prices a unit price times its quantity and keeps the quantity in the devis sent (issue 20, item 6)", async ({
    server,
    member: benoit,
  }) => {
    const [louise] = await server.services.db.select().from(person).where(eq(person.firstName, "Louise"));
    const page = await (
      await benoit.post("/devis/nouveau", {
        beneficiaryId: louise!.id,
        acte0: "optique_verres_simples",
        prix0: "300,00",
        quantite0: "2",
        base0: "0,05",
      })
    ).text();
    const text = visibleText(page);
    // Two lenses at 300,00 €: a devis of 600,00 €, not 300,00 € for the pair.
    expect(text).toMatch(/Verres simples[^€]* × 2 \( ?300,00 € l'unité ?\).* 600,00 €/);
    expect(text).toMatch(/Total 600,00 €/);
    expect(text).toContain("Prix unitaire (€)");
    expect(text).toContain(
      "La base de remboursement (BR) est le tarif sur lequel la Sécurité sociale calcule sa part.",
    );
    const key = /name="key" value="([0-9a-f-]{36})"/g;
    const keys = [...page.matchAll(key)].map((m) => m[1]!);
    const sent = await benoit.postMultipart(
      "/devis/nouveau",
      {
        beneficiaryId: louise!.id,
        acte0: "optique_verres_simples",
        prix0: "300,00",
        quantite0: "2",
        base0: "0,05",
        key: keys.at(-1)!,
      },
      [
        {
          name: "devis.pdf",
          bytes: readFileSync("config/notices/notice-information-2026.pdf"),
          type: "application/pdf",
        },
      ],
    );
    expect(sent.status).toBe(302);
    const [quote] = await server.services.db
      .select()
      .from(memberRequest)
      .where(eq(memberRequest.idempotencyKey, keys.at(-1)!));
    expect(quote).toMatchObject({ amountCents: 60000, careType: "optique", careDate: null });
    expect(JSON.stringify(quote!.details)).toContain('"quantity":2');
    const detail = visibleText(await (await benoit.get(sent.headers.get("location")!)).text());
    expect(detail).toContain("Votre devis est bien envoyé");
    expect(detail).toMatch(/Devis optique du \d\d\/\d\d\/\d{4} pour Louise/);
    expect(detail).toMatch(/Verres simples[^€]* 2 600,00 € \( ?300,00 € l'unité ?\)/);
  });

  test("sends a devis without estimating it: the care type and the file suffice (issue 20, item 6)", async ({
    server,
    member: benoit,
    advisor: conseiller,
    sarahId,
  }) => {
    const key = (await (await benoit.get("/devis/nouveau")).text()).match(/name="key" value="([0-9a-f-]{36})"/)![1]!;
    const file = [
      { name: "devis.pdf", bytes: readFileSync("config/notices/notice-information-2026.pdf"), type: "application/pdf" },
    ];
    const missing = await benoit.postMultipart(
      "/devis/nouveau",
      { beneficiaryId: sarahId, key, depuis: "formulaire" },
      file,
    );
    expect(missing.status).toBe(400);
    expect(visibleText(await missing.text())).toContain("Choisissez le type de soins du devis");
    const noFile = await benoit.postMultipart("/devis/nouveau", {
      beneficiaryId: sarahId,
      soins: "dentaire",
      key,
      depuis: "formulaire",
    });
    expect(noFile.status).toBe(400);
    const noFileHtml = await noFile.text();
    expect(noFileHtml).toMatch(/id="devis-fichier-formulaire-erreur"/);
    expect(noFileHtml).toMatch(/href="#devis-fichier-formulaire"/);
    const sent = await benoit.postMultipart(
      "/devis/nouveau",
      { beneficiaryId: sarahId, soins: "dentaire", key, depuis: "formulaire" },
      file,
    );
    expect(sent.status).toBe(302);
    const [quote] = await server.services.db.select().from(memberRequest).where(eq(memberRequest.idempotencyKey, key));
    expect(quote).toMatchObject({ kind: "quote", careType: "dentaire", amountCents: null, status: "submitted" });
    const detail = visibleText(await (await benoit.get(sent.headers.get("location")!)).text());
    expect(detail).toMatch(/Devis dentaire du \d\d\/\d\d\/\d{4} pour Sarah/);
    expect(detail).toContain("Devis envoyé sans estimation");
    expect(visibleText(await (await benoit.get("/demandes")).text())).toMatch(
      new RegExp(`Devis · ${quote!.reference} · envoyé le [0-9/]+ Devis dentaire du [0-9/]+ pour Sarah`),
    );
    // The advisor answers it with one amount for the whole devis, read on its file.
    const form = visibleText(await (await conseiller.get(`/back-office/demandes/${quote!.id}`)).text());
    expect(form).toContain("Prise en charge confirmée pour ce devis (€)");
    const answered = await conseiller.post(`/back-office/demandes/${quote!.id}`, {
      intent: "answer_quote",
      amc_0: "250,00",
    });
    expect(answered.status).toBe(302);
    expect(visibleText(await (await benoit.get(`/demandes/${quote!.id}`)).text())).toContain(
      "Total pris en charge : 250,00 €",
    );
  });

  test("sends the quote with its file and estimate, once, and lists it in Mes démarches", async ({
    server,
    member: benoit,
    sarahId,
  }) => {
    const page = await (
      await benoit.post("/devis/nouveau", {
        beneficiaryId: sarahId,
        acte0: "dentaire_prothese_libre",
        prix0: "800,00",
        base0: "120,00",
      })
    ).text();
    const key = /name="key" value="([0-9a-f-]{36})"/.exec(page)?.[1];
    expect(key).toBeTruthy();
    const send = async (withFile: boolean) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({
        beneficiaryId: sarahId,
        acte0: "dentaire_prothese_libre",
        prix0: "800,00",
        base0: "120,00",
        key: key!,
      }))
        form.append(k, v);
      if (withFile)
        form.append(
          "fichiers",
          new Blob([new Uint8Array(readFileSync("config/notices/notice-information-2026.pdf"))]),
          "devis.pdf",
        );
      const cookie = [...benoit.cookies.values()].map((c) => `${c.name}=${c.value}`).join("; ");
      return fetch(`${server.baseUrl}/devis/nouveau`, {
        method: "POST",
        body: form,
        redirect: "manual",
        headers: { cookie, origin: server.baseUrl, connection: "close" },
      });
    };
    const noFile = await send(false);
    expect(noFile.status).toBe(400);
    expect(visibleText(await noFile.text())).toContain("Joignez le devis (PDF ou photo)");
    const [first, second] = await Promise.all([send(true), send(true)]);
    expect(first.status).toBe(302);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    const quotes = await server.services.db.select().from(memberRequest).where(eq(memberRequest.idempotencyKey, key!));
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ kind: "quote", amountCents: 80000, status: "submitted" });
    expect(quotes[0]!.reference).toMatch(new RegExp(`^DV-${thisYear}-`));
    expect(JSON.stringify(quotes[0]!.details)).toContain('"remainingCents":44000');
    expect(visibleText(await (await benoit.get("/demandes")).text())).toContain(`Devis · ${quotes[0]!.reference}`);
    // The confirmation the page promises: one e-mail for the two clicks, the reference and no health detail.
    const confirmations = mailsTo(server.dataDir, demo.benoit.email).filter(
      (m) => m.subject === `Devis ${quotes[0]!.reference} bien reçu`,
    );
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.text).toContain(`Nous avons bien reçu votre devis ${quotes[0]!.reference}.`);
    for (const health of ["dentaire", "Dentaire", "prothèse", "800", "Sarah"])
      expect(confirmations[0]!.text).not.toContain(health);
    // The second submission's copy of the file was not kept: every stored file has its row.
    const rows = await server.services.db.select().from(requestFile);
    expect(await storedKeys(server.services.storage)).toEqual(rows.map((r) => r.storedName).sort());
  });

  test("explains wrong lines next to the fields, with a 400", async ({ member: benoit }) => {
    const res = await benoit.post("/devis/nouveau", { beneficiaryId: "", acte0: "generaliste", prix0: "abc" });
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    expect(text).toContain("Choisissez la personne qui recevra les soins.");
    expect(text).toContain("Choisissez l'acte indiqué sur le devis.");
    expect(text).toContain("Indiquez le prix unitaire en euros, par exemple 450,00.");
  });

  test("does not price for another household's person", async ({ sarahId, otherMember: claire }) => {
    const res = await claire.post("/devis/nouveau", {
      beneficiaryId: sarahId,
      acte0: "dentaire_prothese_libre",
      prix0: "800",
      base0: "120",
    });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).not.toContain("Sarah");
  });
});
