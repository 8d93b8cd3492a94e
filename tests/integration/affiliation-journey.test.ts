// "Adhérer en ligne", the first slice (issue 21): each step saved on the server, the NIR checked (key included)
// and encrypted at rest, a single-use expiring resume link by e-mail that hands the journey to another browser.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { addMonths } from "../../app/modules/clock/calendar.ts";
import { firstOfNextMonth } from "../../app/modules/offer/pricing.ts";
import { affiliationJourney } from "../../app/modules/offer/schema.ts";
import { formatDate } from "../../app/modules/shared/format.ts";
import { today } from "../support/clock.ts";
import { TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo, mailsTo } from "../support/outbox.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { removePersistentTestDatabase } from "../support/test-database.ts";
import { startTestServer } from "../support/test-server.ts";
import { resumeByLink } from "../support/adhesion-journey.ts";

const text = async (res: Response) => visibleText(await res.text());
const email = "camille.prospect@example.com";
// 1 84 09 69 123 456, key 57 (1 840 969 123 456 = 97 × 18 979 063 128 + 40; 97 − 40 = 57).
const nir = "1 84 09 69 123 456 57";
const identity = { intent: "identite", email, firstName: "Camille", lastName: "Durand", birthDate: "02/09/1984", nir };

describe("adhérer en ligne: save and resume", () => {
  test("limits resume e-mails per address, whatever the number of journeys started (security review 2026-12-02)", async ({
    server,
  }) => {
    const flooded = "inconnu.cible@example.com";
    const statuses: number[] = [];
    let last = "";
    for (let i = 0; i < 6; i++) {
      const client = new TestClient(server.baseUrl);
      expect((await client.post("/offre/adherer", { ...identity, email: flooded })).status).toBe(302);
      const sent = await client.post("/offre/adherer", { intent: "lien" });
      statuses.push(sent.status);
      last = await text(sent);
    }
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429]);
    expect(last).toContain("Trop de liens demandés pour cette adresse.");
    expect(mailsTo(server.dataDir, flooded)).toHaveLength(5);
  });

  test("checks each field in French, saves each step, and resumes from the e-mailed link in another browser", async ({
    server,
  }) => {
    const first = new TestClient(server.baseUrl);
    const start = await first.get("/offre/adherer");
    expect(start.status).toBe(200);
    expect(await text(start)).toContain("Étape 1 sur 10 : Vous");

    const bad = await first.post("/offre/adherer", {
      ...identity,
      email: "pas-une-adresse",
      nir: "1 84 09 69 123 456 58",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    const badText = visibleText(badHtml);
    expect(badText).toContain("Saisissez une adresse e-mail complète");
    expect(badText).toContain("La clé (les 2 derniers chiffres) ne correspond pas au numéro");
    expect(badHtml).toContain('value="Camille"'); // what was typed stays
    const wrongYear = await first.post("/offre/adherer", { ...identity, birthDate: "02/09/1985" });
    expect(await text(wrongYear)).toContain("L'année de naissance du numéro ne correspond pas à la date de naissance.");

    const saved = await first.post("/offre/adherer", identity);
    expect(saved.status).toBe(302);
    expect(first.cookies.has("adhesion")).toBe(true);
    const step2 = await text(await first.get("/offre/adherer"));
    expect(step2).toContain("Étape 2 sur 10 : Adresse et date de début");

    // The NIR is not stored in clear.
    const [row] = await server.services.db.select().from(affiliationJourney).where(eq(affiliationJourney.email, email));
    expect(JSON.stringify(row!.data)).not.toContain("184096912345657");
    expect(row!.step).toBe("adresse");

    const address = { intent: "adresse", addressLine1: "3 rue des Lilas", postalCode: "69003", city: "Lyon" };
    const notFirst = await first.post("/offre/adherer", {
      ...address,
      startDate: formatDate(addMonths(firstOfNextMonth(today), 0)).replace(/^01/, "02"),
    });
    expect(notFirst.status).toBe(400);
    expect(await text(notFirst)).toContain("Le contrat commence le 1er d'un mois");
    const past = await first.post("/offre/adherer", {
      ...address,
      startDate: formatDate(`${addMonths(today, -1).slice(0, 7)}-01`),
    });
    expect(await text(past)).toContain("La date de début ne peut pas être dans le passé.");
    const start2 = firstOfNextMonth(today);
    expect((await first.post("/offre/adherer", { ...address, startDate: formatDate(start2) })).status).toBe(302);
    const recap = await text(await first.get("/offre/adherer"));
    expect(recap).toContain("Étape 3 sur 10 : Les personnes à couvrir");
    expect(recap).toContain("Camille Durand (vous, l'adhérent)");

    // The resume link, e-mailed; opened in another browser, it hands the journey over, once.
    const sent = await first.post("/offre/adherer", { intent: "lien" });
    expect(sent.headers.get("location")).toBe("/offre/adherer?lien");
    const again = await first.post("/offre/adherer", { intent: "lien" });
    expect(again.status).toBe(429);
    expect(await text(again)).toContain("attendez une minute avant d'en demander un autre");
    const mail = lastMailTo(server.dataDir, email);
    expect(mail.subject).toBe("Reprendre votre adhésion en ligne");
    const link = /\/offre\/adherer\/reprendre\?jeton=[A-Za-z0-9_-]+/.exec(mail.text)![0];
    const other = new TestClient(server.baseUrl);
    // Opening the link spends nothing (a mail scanner opens it before the person): its page asks to confirm.
    const opened = await new TestClient(server.baseUrl).get(link);
    expect(opened.status).toBe(200);
    expect(await text(opened)).toContain("Reprendre mon adhésion sur cet appareil");
    const resumed = await resumeByLink(other, link);
    expect(resumed.status).toBe(302);
    expect(resumed.headers.get("location")).toBe("/offre/adherer?repris");
    const there = await text(await other.get("/offre/adherer?repris"));
    expect(there).toContain("Votre adhésion est reprise là où vous l'aviez laissée.");
    expect(there).toContain("Camille Durand");
    // Single use, and the first browser's token no longer opens it.
    expect((await new TestClient(server.baseUrl).get(link)).status).toBe(404);
    const jeton = new URL(link, server.baseUrl).searchParams.get("jeton")!;
    expect((await new TestClient(server.baseUrl).post("/offre/adherer/reprendre", { jeton })).status).toBe(404);
    expect(await text(await first.get("/offre/adherer"))).toContain("Étape 1 sur 10");

    // A new link replaces the old one; an expired link answers 410.
    await other.post("/offre/adherer", { intent: "lien" });
    expect(mailsTo(server.dataDir, email)).toHaveLength(2);
    const second = /\/offre\/adherer\/reprendre\?jeton=[A-Za-z0-9_-]+/.exec(lastMailTo(server.dataDir, email).text)![0];
    await server.services.db
      .update(affiliationJourney)
      .set({ resumeTokenExpiresAt: new Date(Date.UTC(2000, 0, 1)) })
      .where(eq(affiliationJourney.email, email));
    const expired = await new TestClient(server.baseUrl).get(second);
    expect(expired.status).toBe(410);
    expect(await text(expired)).toContain("Ce lien a expiré.");
  });
});

describe("adhérer en ligne: the journey survives a server restart", () => {
  test("steps 1 to 3 saved, the server closed and started again on the same data: the same browser goes on, and a link e-mailed before opens it elsewhere", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "espace-restart-"));
    const restartEmail = "camille.redemarrage@example.com";
    let server = await startTestServer({ dataDir });
    try {
      const before = new TestClient(server.baseUrl);
      expect((await before.post("/offre/adherer", { ...identity, email: restartEmail })).status).toBe(302);
      const start = firstOfNextMonth(today);
      const address = { addressLine1: "3 rue des Lilas", postalCode: "69003", city: "Lyon" };
      expect(
        (await before.post("/offre/adherer", { intent: "adresse", ...address, startDate: formatDate(start) })).status,
      ).toBe(302);
      const spouse = { role: "spouse", firstName: "Léa", lastName: "Durand", birthDate: "12/03/1986" };
      expect(
        (
          await before.post("/offre/adherer", {
            intent: "ajouter_beneficiaire",
            ...spouse,
            nir: "2 86 03 75 111 222 51",
          })
        ).status,
      ).toBe(302);
      expect((await before.post("/offre/adherer", { intent: "beneficiaires" })).status).toBe(302);
      expect(await text(await before.get("/offre/adherer"))).toContain("Étape 4 sur 10 : Niveau de garanties");
      // A resume link asked before the restart.
      expect((await before.post("/offre/adherer", { intent: "lien" })).status).toBe(302);
      const link = /\/offre\/adherer\/reprendre\?jeton=[A-Za-z0-9_-]+/.exec(lastMailTo(dataDir, restartEmail).text)![0];

      await server.close();
      server = await startTestServer({ dataDir });

      // The same browser (its cookie) on the restarted server: nothing lost, and it goes on.
      const after = new TestClient(server.baseUrl);
      for (const [name, cookie] of before.cookies) after.cookies.set(name, cookie);
      const resumed = await text(await after.get("/offre/adherer"));
      expect(resumed).toContain("Étape 4 sur 10 : Niveau de garanties");
      expect((await after.post("/offre/adherer", { intent: "niveau", level: "equilibre" })).status).toBe(302);
      const step5 = await text(await after.get("/offre/adherer"));
      expect(step5).toContain("Étape 5 sur 10 : Attestation de droits");
      // The link e-mailed before the restart hands the journey, as it is now, to another browser.
      const other = new TestClient(server.baseUrl);
      expect((await resumeByLink(other, link)).headers.get("location")).toBe("/offre/adherer?repris");
      const there = await text(await other.get("/offre/adherer?repris"));
      expect(there).toContain("Votre adhésion est reprise là où vous l'aviez laissée.");
      expect(there).toContain("Étape 5 sur 10 : Attestation de droits");
      expect(await text(await after.get("/offre/adherer"))).toContain("Étape 1 sur 10");
      const [row] = await server.services.db
        .select()
        .from(affiliationJourney)
        .where(eq(affiliationJourney.email, restartEmail));
      expect(row?.data).toMatchObject({
        address: { ...address, startDate: start },
        level: "equilibre",
        beneficiaries: [{ role: "spouse", firstName: "Léa", lastName: "Durand", birthDate: "1986-03-12" }],
      });
    } finally {
      await server.close();
      await removePersistentTestDatabase(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("adhérer en ligne: what one network address may make the mutuelle keep", () => {
  test("refuses new journeys past the hour's allowance from one address, in French, and keeps nothing (security review R5)", async ({
    server,
  }) => {
    const flood = "flot@example.com";
    const journeys = async () =>
      (await server.services.db.select().from(affiliationJourney).where(eq(affiliationJourney.email, flood))).length;
    let accepted = 0;
    let refused: Response | null = null;
    // The allowance is 40 an hour per address, shared with the file's other tests: the refusal comes within 41.
    for (let i = 0; i < 41 && !refused; i++) {
      const res = await new TestClient(server.baseUrl).post("/offre/adherer", { ...identity, email: flood });
      if (res.status === 302) accepted++;
      else refused = res;
    }
    expect(refused?.status).toBe(429);
    expect(await text(refused!)).toContain("Trop de demandes d'adhésion depuis votre connexion");
    expect(await journeys()).toBe(accepted);
  });
});

describe("start-up refuses a malformed tariff folder", () => {
  test("names the file, the place and the reason of each mistake, in French", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tarifs-"));
    try {
      await cp("config/tariffs", dir, { recursive: true });
      const file = JSON.parse(await readFile(join(dir, "equilibre.json"), "utf8"));
      delete file.versions[1].ageBands[2].monthlyCents.Z3;
      file.versions[0].zones[0].departements.push("20");
      await writeFile(join(dir, "equilibre.json"), JSON.stringify(file));
      const failure = await startTestServer({ env: { TARIFFS_DIR: dir } }).then(
        async (started) => {
          await started.close();
          return null;
        },
        (error: unknown) => error as Error,
      );
      expect(failure?.message).toContain(
        "equilibre.json: versions[1].ageBands[2].monthlyCents.Z3 : prix manquant pour la zone « Z3 »",
      );
      expect(failure?.message).toContain(
        "equilibre.json: versions[0].zones[0].departements[14] : département inconnu « 20 »",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
