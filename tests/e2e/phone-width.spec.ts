import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { firstOfNextMonth } from "../../app/modules/offer/pricing.ts";
import { formatDate } from "../../app/modules/shared/format.ts";
import { today } from "../support/clock.ts";
import { lastMailTo } from "../support/outbox.ts";
import { sidewaysOverflow, signIn, signInAdvisor, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";

// An advisor's visits fill "Accès de votre mutuelle" in Mon compte: own server and database.
const server = useOwnServer();

const memberPages = [
  "/",
  "/remboursements",
  "/remboursements/synthese",
  "/remboursements/releve",
  "/ma-mutuelle",
  "/ma-mutuelle/garanties",
  "/ma-mutuelle/beneficiaires",
  "/ma-mutuelle/beneficiaires/ajouter",
  "/ma-mutuelle/coordonnees-bancaires",
  "/documents",
  "/demandes",
  "/demandes/nouvelle",
  "/devis/nouveau",
  "/professionnels",
  "/professionnels?lieu=69003&specialite=opticien",
  "/messagerie",
  "/messagerie/nouveau",
  "/mon-compte",
  "/mon-compte/mot-de-passe",
  "/mon-compte/email",
  "/aide-contact",
  "/aide",
  "/aide?q=carte",
  "/aide/modifier-son-rib",
  "/messagerie?categorie=attestation",
  "/actualites",
  "/plan-du-site",
  "/glossaire",
];

/** How far the page scrolls sideways beyond the window (0 when it fits). */
/** The first link on `listPath` whose address matches `pattern`: a detail page with real data. */
async function firstDetail(page: Page, listPath: string, pattern: RegExp): Promise<string | null> {
  await page.goto(listPath);
  for (const href of await page
    .locator("main a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))) {
    if (pattern.test(href)) return href;
  }
  return null;
}

test("no member page scrolls sideways on a 360 px phone, even after an advisor opened the file", async ({ page }) => {
  // Thirteen visits of one advisor: the accesses table Mon compte shows is as full as it gets.
  await signInAdvisor(page, server.dataDir);
  for (let i = 0; i < 13; i++) await page.goto("/back-office/adherents/10000001");
  await signOut(page);

  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, "10000001");
  const details = [
    await firstDetail(page, "/remboursements", /^\/remboursements\/[0-9a-f-]{36}$/),
    await firstDetail(page, "/demandes", /^\/demandes\/[0-9a-f-]{36}$/),
    await firstDetail(page, "/messagerie", /^\/messagerie\/[0-9a-f-]{36}$/),
    await firstDetail(page, "/documents", /^\/documents\/carte-tiers-payant\/\d{4}$/),
  ].filter((href): href is string => href !== null);
  expect(details.length).toBeGreaterThanOrEqual(3);

  const tooWide: string[] = [];
  for (const path of [...memberPages, ...details]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    const overflow = await sidewaysOverflow(page);
    if (overflow > 0) tooWide.push(`${path}: +${overflow} px`);
  }
  expect(tooWide).toEqual([]);
});

test("without JavaScript on a 360 px phone, a prospect goes from the first step to the signature", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
  });
  const page = await context.newPage();
  const main = page.getByRole("main");
  const next = () => page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  const step = async (label: string) => {
    await expect(main.getByText(label, { exact: true })).toBeVisible();
    expect(await sidewaysOverflow(page)).toBe(0);
  };
  await page.goto("/offre/adherer");
  await page.getByLabel("Adresse e-mail").fill("sans.js@example.com");
  await page.getByLabel("Prénom").fill("Sam");
  await page.getByLabel("Nom", { exact: true }).fill("Petit");
  await page.getByLabel("Date de naissance").fill("02/09/1984");
  await page.getByLabel("Numéro de sécurité sociale").fill("1 84 09 69 123 456 57");
  await next();
  await step("Étape 2 sur 10 : Adresse et date de début");
  await page.getByLabel("Adresse").fill("1 place Bellecour");
  await page.getByLabel("Code postal").fill("69002");
  await page.getByLabel("Commune").fill("Lyon");
  await page.getByLabel("Date de début de votre nouveau contrat").fill(formatDate(firstOfNextMonth(today)));
  await next();
  await step("Étape 3 sur 10 : Les personnes à couvrir");
  await page.getByRole("radio", { name: /Conjoint/ }).check();
  await page.getByLabel("Prénom").fill("Léa");
  await page.getByLabel("Nom", { exact: true }).fill("Petit");
  await page.getByLabel("Date de naissance").fill("12/03/1986");
  await page.getByLabel("Numéro de sécurité sociale").fill("2 86 03 75 111 222 52");
  await page.getByRole("button", { name: "Ajouter cette personne" }).click();
  await expect(main.getByRole("link", { name: /^La clé/ })).toBeVisible();
  await page.getByLabel("Numéro de sécurité sociale").fill("2 86 03 75 111 222 51");
  await page.getByRole("button", { name: "Ajouter cette personne" }).click();
  await expect(main.getByText(/Léa Petit, conjoint/)).toBeVisible();
  await page.getByRole("button", { name: "Continuer", exact: true }).click();
  await step("Étape 4 sur 10 : Niveau de garanties");
  await page.getByRole("radio", { name: /Essentielle/ }).check();
  await next();
  await step("Étape 5 sur 10 : Attestation de droits");
  await page.getByLabel("Attestation de droits à l'assurance maladie").setInputFiles({
    name: "attestation.pdf",
    mimeType: "application/pdf",
    buffer: readFileSync("config/notices/notice-information-2026.pdf"),
  });
  await page.getByRole("button", { name: "Continuer", exact: true }).click();
  await step("Étape 6 sur 10 : Coordonnées bancaires");
  await page.getByLabel("IBAN", { exact: true }).fill("FR76 3000 6000 0112 3456 7890 189");
  await next();
  await step("Étape 7 sur 10 : Mandat de prélèvement SEPA");
  await page.getByRole("button", { name: "J'ai lu le mandat, continuer" }).click();
  await step("Étape 8 sur 10 : Informations et consentements");
  for (const box of await page.getByRole("checkbox").all()) await box.check();
  await next();
  await step("Étape 9 sur 10 : Récapitulatif et signature");
  await page.getByRole("button", { name: "Recevoir mon code par e-mail" }).click();
  const code = /signer votre adhésion : (\d{6})/.exec(lastMailTo(server.dataDir, "sans.js@example.com").text)![1]!;
  await page.getByRole("textbox", { name: "Code reçu par e-mail" }).fill(code);
  await page.getByRole("button", { name: "Signer mon adhésion" }).click();
  await expect(page.getByRole("heading", { name: "Votre adhésion est signée" })).toBeVisible();
  expect(await sidewaysOverflow(page)).toBe(0);
  await context.close();
});
