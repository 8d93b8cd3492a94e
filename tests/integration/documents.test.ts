import { eq } from "drizzle-orm";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { pdfProperties, pdfText } from "../support/pdf.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { startTestServer } from "../support/test-server.ts";
import { demoData, fr, thisYear, today } from "../support/clock.ts";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addDays } from "../../app/modules/clock/calendar.ts";

// Cards exist for the covered years up to this one (the demo contract began on 1 January, at least a year ago).
const Y = thisYear;
const coveredSince = Number(demoData.benoit.coverageStart.slice(0, 4));

async function pdf(client: TestClient, path: string) {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+\.pdf"$/);
  const bytes = await res.arrayBuffer();
  // Real PDFs: fonts embedded (no reader substitutes them), tagged for screen readers.
  expect(pdfProperties(bytes)).toMatchObject({ fontsEmbedded: true, tagged: true });
  return { text: pdfText(bytes), size: bytes.byteLength };
}

describe("carte de tiers payant", () => {
  test("is a small, real PDF with the harmonised block, the beneficiaries and the domains", async ({
    server,
    member: benoit,
  }) => {
    const { text, size } = await pdf(benoit, `/documents/carte-tiers-payant/${Y}/pdf`);
    expect(size).toBeLessThan(200 * 1024);
    for (const expected of [
      `Carte de tiers payant ${Y}`,
      "N° AMC",
      "99999999",
      "Type de convention",
      "TP-DEMO",
      "Critère secondaire",
      "DEMO01",
      "N° adhérent",
      "10000001",
      `du 01/01/${Y} au 31/12/${Y}`,
      "BROUEZ Benoit",
      "MANCION Sarah",
      "BROUEZ Léa",
      "PHAR (Pharmacie)",
    ]) {
      expect(text).toContain(expected);
    }
    const audits = await server.services.db.select().from(auditLog).where(eq(auditLog.action, "document.download"));
    expect(audits.some((a) => a.details?.document === "tiers_payant_card" && a.details?.year === Y)).toBe(true);
  });

  test("shows on a phone-sized page with its 2D code", async ({ member: benoit }) => {
    const html = await (await benoit.get(`/documents/carte-tiers-payant/${Y - 1}`)).text();
    const text = visibleText(html);
    expect(text).toContain(`Validité du 01/01/${Y - 1} au 31/12/${Y - 1}`);
    expect(html).toMatch(/<div class="tp-card__code" role="img" aria-label="Code 2D de la carte"><svg/);
    // Kept offline only once its worker says so (the page asks it in the browser): the server promises nothing.
    expect(html).not.toContain("data-carte-hors-ligne");
  });

  test("does not exist outside the coverage, for a year not started, or for a bad year", async ({ member: benoit }) => {
    for (const path of [
      `/documents/carte-tiers-payant/${coveredSince - 1}`,
      `/documents/carte-tiers-payant/${coveredSince - 1}/pdf`,
      // Next year's card is offered from 15 December (the demo brand's date).
      ...(today.slice(5) < "12-15" ? [`/documents/carte-tiers-payant/${Y + 1}/pdf`] : []),
      `/documents/carte-tiers-payant/${Y + 2}/pdf`,
      "/documents/carte-tiers-payant/abc/pdf",
    ]) {
      expect((await benoit.get(path)).status, path).toBe(404);
    }
  });

  test("marks a past year's card as expired, kept for the record (issue 20, item 11)", async ({ member: benoit }) => {
    const list = visibleText(await (await benoit.get("/documents")).text());
    expect(list).toContain(
      `Carte de tiers payant ${Y - 1} (expirée) — expirée le 31/12/${Y - 1}, gardée pour mémoire — télécharger la carte ${Y - 1} (PDF)`,
    );
    expect(list).toContain(`Carte de tiers payant ${Y} — en cours`);
    const page = visibleText(await (await benoit.get(`/documents/carte-tiers-payant/${Y - 1}`)).text());
    expect(page).toContain(`Carte de tiers payant ${Y - 1} (expirée)`);
    expect(page).toContain(`Cette carte a expiré le 31/12/${Y - 1} : ne la présentez plus`);
    expect(visibleText(await (await benoit.get("/")).text())).toContain(`Carte de tiers payant ${Y - 1} (expirée)`);
  });

  test("offers next year's card from the day the mutuelle configures (issue 20, item 11)", async () => {
    // A brand whose date is today: next year's card is offered today; the day after: not yet.
    const dir = mkdtempSync(join(tmpdir(), "brand-"));
    const brand = JSON.parse(readFileSync("config/mutuelle.demo.json", "utf8"));
    const withDate = (day: string) => {
      const file = join(dir, `${day}.json`);
      writeFileSync(file, JSON.stringify({ ...brand, tiersPayantCard: { nextYearFrom: day } }));
      return file;
    };
    const offered = await startTestServer({ env: { BRAND_CONFIG: withDate(today.slice(5)) } });
    try {
      const member = new TestClient(offered.baseUrl);
      await member.signIn(demo.benoit.number, demo.benoit.password);
      const list = visibleText(await (await member.get("/documents")).text());
      expect(list).toContain(`Carte de tiers payant ${Y + 1} — nouvelle, valable à partir du 01/01/${Y + 1}`);
      const page = visibleText(await (await member.get(`/documents/carte-tiers-payant/${Y + 1}`)).text());
      expect(page).toContain(`Votre carte ${Y + 1}, valable à partir du 01/01/${Y + 1}`);
      expect(page).toContain(`Validité du 01/01/${Y + 1} au 31/12/${Y + 1}`);
      expect((await member.get(`/documents/carte-tiers-payant/${Y + 1}/pdf`)).status).toBe(200);
    } finally {
      await offered.close();
    }
    if (today.slice(5) !== "12-31") {
      const tomorrow = addDays(today, 1).slice(5);
      const notYet = await startTestServer({ env: { BRAND_CONFIG: withDate(tomorrow) } });
      try {
        const member = new TestClient(notYet.baseUrl);
        await member.signIn(demo.benoit.number, demo.benoit.password);
        expect(visibleText(await (await member.get("/documents")).text())).not.toContain(
          `Carte de tiers payant ${Y + 1}`,
        );
        expect((await member.get(`/documents/carte-tiers-payant/${Y + 1}`)).status).toBe(404);
      } finally {
        await notYet.close();
      }
    }
  });

  test("gives another household its own card, never Benoit's", async ({ server, otherMember: claire }) => {
    const { text } = await pdf(claire, `/documents/carte-tiers-payant/${Y}/pdf`);
    expect(text).toContain("10000002");
    expect(text).toContain("FONTAINE Claire");
    expect(text).not.toContain("Benoit");
    expect((await new TestClient(server.baseUrl).get(`/documents/carte-tiers-payant/${Y}/pdf`)).status).toBe(302);
  });
});

describe("attestation de droits and échéancier", () => {
  test("certifies who is covered, since when, at which level", async ({ member: benoit }) => {
    const { text } = await pdf(benoit, "/documents/attestation-de-droits/pdf");
    expect(text).toContain("Attestation de droits");
    expect(text).toContain("niveau de garantie Optimale (contrat responsable)");
    expect(text).toContain(
      `MANCION Sarah — Conjoint, date de naissance : 02/09/1984, couverture depuis le ${fr(demoData.benoit.coverageStart)}`,
    );
    expect(text).toContain("Mutuelle Démo");
  });

  test("lists the year's debits with the mandate, the creditor and the masked account", async ({ member: benoit }) => {
    const { text } = await pdf(benoit, `/documents/echeancier/${Y}/pdf`);
    expect(text).toContain(`Échéancier de cotisations ${Y}`);
    expect(text).toContain(demoData.benoit.sepaMandateRef);
    // The ICS the online mandates carry (SEPA_CREDITOR_ID, checked at start; the demo's), not a second figure.
    expect(text).toContain("Identifiant créancier SEPA (ICS) : FR72ZZZ123456");
    expect(text).toContain("FR76 **** **** **** **** **** 123");
    expect(text).toContain(`05/01/${Y}`);
    expect(text).toContain(`05/12/${Y}`);
    expect(text).toContain("289,40 €");
    // 12 × 289,40 € = 3 472,80 €
    expect(text).toMatch(new RegExp(`Total ${Y}\\s+3 472,80 €`));
    expect((await benoit.get("/documents/echeancier/2019/pdf")).status).toBe(404);
  });
});

describe("their accessible HTML equivalents (issue 25, item 8)", () => {
  const squeeze = (text: string) => text.replace(/\s+/g, " ");

  test("the attestation de droits page says what the PDF says, the people in a table with headers and a caption", async ({
    member: benoit,
  }) => {
    const res = await benoit.get("/documents/attestation-de-droits");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    const page = squeeze(visibleText(html));
    const pdfLines = squeeze((await pdf(benoit, "/documents/attestation-de-droits/pdf")).text);
    // The same sentences, from the same source.
    for (const sentence of [
      "Attestation de droits",
      "Adhérent : Benoit Brouez — n° 10000001",
      "niveau de garantie Optimale (contrat responsable)",
      "Fait pour servir et valoir ce que de droit",
    ]) {
      expect(page).toContain(sentence);
      expect(pdfLines).toContain(sentence);
    }
    expect(html).toMatch(/<h1[^>]*>Attestation de droits<\/h1>/);
    expect(html).toMatch(/<caption>Personnes couvertes au \d\d\/\d\d\/\d{4}<\/caption>/);
    for (const header of ["Nom", "Qualité", "Date de naissance", "Couverture depuis le"])
      expect(html).toMatch(new RegExp(`<th[^>]*scope="col"[^>]*>${header}</th>`));
    expect(html).toMatch(/<th[^>]*scope="row"[^>]*>MANCION Sarah<\/th>/);
    expect(page).toContain(`Conjoint 02/09/1984 ${fr(demoData.benoit.coverageStart)}`);
    expect(html).toContain('href="/documents/attestation-de-droits/pdf"');
  });

  test("the échéancier page has the PDF's lines and its debits in a table with a caption, headers and a total row", async ({
    server,
    member: benoit,
  }) => {
    const res = await benoit.get(`/documents/echeancier/${Y}`);
    expect(res.status).toBe(200);
    // French amounts use no-break spaces ("3 472,80 €"), as the PDF text once read back.
    const html = (await res.text()).replace(/[\u00a0\u202f]/g, " ");
    const page = squeeze(visibleText(html));
    const pdfLines = squeeze((await pdf(benoit, `/documents/echeancier/${Y}/pdf`)).text);
    for (const sentence of [
      `Échéancier de cotisations ${Y}`,
      `référence unique du mandat (RUM) : ${demoData.benoit.sepaMandateRef}`,
      "Identifiant créancier SEPA (ICS) : FR72ZZZ123456",
      "Chaque prélèvement vous est annoncé par cet échéancier au moins 14 jours avant sa date.",
    ]) {
      expect(page).toContain(sentence);
      expect(pdfLines).toContain(sentence);
    }
    expect(html).toContain(`<caption>Prélèvements de l&#x27;année ${Y}</caption>`);
    expect(html).toMatch(/<th scope="col">Date de prélèvement<\/th><th scope="col">Montant<\/th>/);
    expect(html).toMatch(new RegExp(`<th scope="row">Total ${Y}</th><td>3 472,80 €</td>`));
    expect(page).toContain(`05/01/${Y} 289,40 €`);
    // The masked account is read as its ending, not as twenty asterisks.
    expect(page).toContain("compte se terminant par 123");
    expect(html).toContain(`href="/documents/echeancier/${Y}/pdf"`);
    expect((await benoit.get("/documents/echeancier/2019")).status).toBe(404);
    expect((await new TestClient(server.baseUrl).get(`/documents/echeancier/${Y}`)).status).toBe(302);
  });

  test("the attestation de cotisations page has the PDF's lines and the year's debits in a table", async ({
    member: benoit,
  }) => {
    const year = Y - 1;
    const res = await benoit.get(`/documents/attestation-cotisations/${year}`);
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/[\u00a0\u202f]/g, " ");
    const page = squeeze(visibleText(html));
    const pdfLines = squeeze((await pdf(benoit, `/documents/attestation-cotisations/${year}/pdf`)).text);
    for (const sentence of [
      `Attestation de cotisations ${year}`,
      `les cotisations suivantes du 1er janvier au 31 décembre ${year}.`,
      "pour servir et valoir ce que de droit",
    ]) {
      expect(page).toContain(sentence);
      expect(pdfLines).toContain(sentence);
    }
    expect(html).toContain(`<caption>Cotisations versées en ${year}</caption>`);
    expect(html).toMatch(
      new RegExp(`<th scope="row">Total des cotisations versées en ${year}</th><td>[0-9 ]+,\\d\\d €</td>`),
    );
    expect(page).toContain(`${fr(`${year}-01-05`)} `);
    expect((await benoit.get(`/documents/attestation-cotisations/${Y}`)).status).toBe(404);
  });

  test("are linked next to each PDF on /documents", async ({ member: benoit }) => {
    const html = await (await benoit.get("/documents")).text();
    expect(html).toContain('href="/documents/attestation-de-droits"');
    expect(html).toContain(`href="/documents/echeancier/${Y}"`);
    expect(html).toContain(`href="/documents/attestation-cotisations/${Y - 1}"`);
    expect(visibleText(html)).toContain(`Échéancier de cotisations ${Y} (page web accessible)`);
  });
});

describe("/documents", () => {
  test("lists every document the member can download", async ({ member: benoit }) => {
    const text = visibleText(await (await benoit.get("/documents")).text());
    for (const expected of [
      `Carte de tiers payant ${Y}`,
      `Carte de tiers payant ${Y - 1}`,
      "Tableau de garanties – niveau Optimale (PDF)",
      "Attestation de droits (PDF)",
      `Échéancier de cotisations ${Y} (PDF)`,
      "Relevé de prestations",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(`Carte de tiers payant ${coveredSince - 1}`);
    expect(text).toContain("Notice d'information 2026 (01/01/2026)");
  });

  test("serves the mutuelle's notices, and nothing else from the disk", async ({ member: benoit }) => {
    const { text } = await pdf(benoit, "/documents/notices/notice-information-2026.pdf");
    expect(text).toContain("Notice d'information 2026");
    for (const path of [
      "/documents/notices/notices.json",
      "/documents/notices/..%2F..%2Fpackage.json",
      "/documents/notices/inconnue.pdf",
    ]) {
      expect((await benoit.get(path)).status, path).toBe(404);
    }
  });
});
