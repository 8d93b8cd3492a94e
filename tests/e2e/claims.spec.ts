import { expect, type Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expectNoAxeViolations, signIn, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";
import { fr, recentDay, thisYear } from "../support/clock.ts";

// Filing claims changes Benoit's démarches: this spec has its own server and database.
useOwnServer();

const invoice = "config/notices/notice-information-2026.pdf";

async function fileChiropractieClaimForLouise(page: Page, amount: string, { axe = true } = {}) {
  // axe runs inside the page: only possible with JavaScript on (the JS-off run checks the forms themselves).
  const check = axe ? expectNoAxeViolations : async () => {};
  await page.getByRole("link", { name: "Demander un remboursement" }).first().click();
  await expect(page.getByRole("heading", { name: "1/3 Détail du soin" })).toBeVisible();
  await expect(
    page.getByRole("main").getByText("Pour éviter les erreurs, veuillez envoyer une seule demande par soin."),
  ).toBeVisible();
  await check(page);
  await page.getByLabel("Louise Brouez").check();
  await page.getByLabel("Type de soin *").selectOption({ label: "Chiropractie" });
  await page.getByLabel("En France").check();
  await page.getByLabel("Date du soin *").fill(recentDay("2026-11-20"));
  await page.getByLabel("Montant payé, en euros *").fill(amount);
  await page.getByRole("button", { name: "Continuer" }).click();

  await expect(page.getByRole("heading", { name: "2/3 Pièces justificatives" })).toBeVisible();
  // A file that is not a PDF, JPEG or PNG: refused, with the server's French message, and nothing added.
  await page.getByLabel("Ajouter des fichiers").setInputFiles({
    name: "dessin.svg",
    mimeType: "image/svg+xml",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  });
  await page.getByRole("button", { name: "Importer les fichiers" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "Le fichier « dessin.svg » n'est ni un PDF, ni une photo JPEG ou PNG",
  );
  await page.getByLabel("Ajouter des fichiers").setInputFiles(invoice);
  await page.getByRole("button", { name: "Importer les fichiers" }).click();
  await expect(page.getByRole("main").getByText("notice-information-2026.pdf")).toBeVisible();
  // Said to screen readers through a live region that was there before (issue 25, item 4).
  if (axe) await expect(page.locator(".upload-status")).toHaveText("1 fichier ajouté.");
  await check(page);
  await page.getByRole("button", { name: "Continuer" }).click();

  await expect(page.getByRole("heading", { name: "3/3 Récapitulatif" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Louise Brouez")).toBeVisible();
  await check(page);
  await page.getByRole("button", { name: "Valider ma demande" }).click();
  await expect(page.getByRole("status")).toContainText("Votre demande est bien envoyée");
  const reference = (await page.getByRole("status").locator("strong").textContent())!;
  expect(reference).toMatch(new RegExp(`^DR-${thisYear}-`));
  await check(page);
  return reference;
}

test("Benoit files a chiropractie claim for Louise and follows it", async ({ page }) => {
  await signIn(page, "10000001");
  const reference = await fileChiropractieClaimForLouise(page, "80,00");
  const claimUrl = page.url().split("?")[0]!;
  await page.goto("/demandes");
  await expect(page.getByRole("main").getByText(reference)).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Mes démarches" })).toContainText(
    `Chiropractie le ${fr(recentDay("2026-11-20"))} pour Louise`,
  );

  await signOut(page);
  await signIn(page, "10000002");
  const response = await page.goto(claimUrl);
  expect(response?.status()).toBe(404);
});

test("Benoit estimates a dental quote for Sarah before the care", async ({ page }) => {
  await signIn(page, "10000001");
  await page.getByRole("link", { name: "Envoyer un devis" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Envoyer ou estimer un devis" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Pour qui ?").selectOption({ label: "Sarah Mancion" });
  await page.locator("#acte0").selectOption({ label: "Prothèses dentaires – panier à tarifs libres" });
  await page.locator("#prix0").fill("800,00");
  await page.locator("#base0").fill("120,00");
  await page.getByRole("button", { name: "Estimer mon reste à charge" }).click();
  const estimate = page.getByRole("region", { name: "Estimation pour Sarah Mancion" });
  await expect(estimate).toContainText(/Total\s*800,00\s€\s*72,00\s€\s*288,00\s€\s*440,00\s€/);
  await expect(estimate).toContainText("Équivalent 100 % Santé");
  await expectNoAxeViolations(page);
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });
  test("the same claim goes through plain forms", async ({ page }) => {
    await signIn(page, "10000001");
    const reference = await fileChiropractieClaimForLouise(page, "65,00", { axe: false });
    await page.goto("/demandes");
    await expect(page.getByRole("main").getByText(reference)).toBeVisible();
  });
});

test("files chosen but not imported go with « Continuer », never lost (issue 25, item 4)", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "10000001");
  await page.goto("/demandes/nouvelle");
  await page.getByLabel("Louise Brouez").check();
  await page.getByLabel("Type de soin *").selectOption({ label: "Chiropractie" });
  await page.getByLabel("En France").check();
  await page.getByLabel("Date du soin *").fill(recentDay("2026-11-20"));
  await page.getByLabel("Montant payé, en euros *").fill("40,00");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("heading", { name: "2/3 Pièces justificatives" })).toBeVisible();
  // The live regions exist before anything is sent.
  await expect(page.locator(".upload-status")).toHaveCount(1);
  await page.getByLabel("Ajouter des fichiers").setInputFiles({
    name: "facture.pdf",
    mimeType: "application/pdf",
    buffer: readFileSync("config/notices/notice-information-2026.pdf"),
  });
  await page.getByRole("button", { name: "Importer les fichiers" }).click();
  await expect(page.locator(".upload-status")).toHaveText("1 fichier ajouté.");
  // A second file chosen, then "Continuer" straight away: imported on the way to step 3.
  await page.getByLabel("Ajouter des fichiers").setInputFiles({
    name: "ordonnance.pdf",
    mimeType: "application/pdf",
    buffer: readFileSync("config/notices/notice-information-2026.pdf"),
  });
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("heading", { name: "3/3 Récapitulatif" })).toBeVisible();
  await expect(page.getByRole("main").getByText("ordonnance.pdf")).toBeVisible();
});
