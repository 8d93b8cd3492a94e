// Offre & devis on a 390 px phone: a prospect gets a price without JavaScript; a member asks a change of level
// that a gestionnaire accepts; a member cancels their contract in three clicks and gets the acknowledgement.
import { expect, type Page, test } from "@playwright/test";
import { lastMailTo } from "../support/outbox.ts";
import { expectNoAxeViolations, signIn, signInAdvisor, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";

const server = useOwnServer();
test.use({ viewport: { width: 390, height: 844 } });

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a prospect gets the three levels' prices for a couple", async ({ page }) => {
      await page.goto("/offre");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Obtenir un tarif");
      if (javaScriptEnabled) await expectNoAxeViolations(page); // axe runs as a script
      await page.getByLabel("Code postal").fill("35000");
      await page.getByLabel("Votre date de naissance").fill("30/06/1990");
      await page.getByRole("button", { name: "Ajouter une personne" }).click();
      await page.getByLabel("Personne 2 : lien avec vous").selectOption({ label: "Conjoint" });
      await page.getByLabel("Personne 2 : date de naissance").fill("12/01/1991");
      // A mistake first: the message sits beside the field, what was typed stays.
      await page.getByLabel("Code postal").fill("3500");
      await page.getByRole("button", { name: "Voir les tarifs" }).click();
      await expect(page.getByText("Saisissez le code postal en 5 chiffres, par exemple 69003.")).toBeVisible();
      await expect(page.getByLabel("Personne 2 : date de naissance")).toHaveValue("12/01/1991");
      if (javaScriptEnabled) await expectNoAxeViolations(page); // axe runs as a script
      await page.getByLabel("Code postal").fill("35000");
      await page.getByRole("button", { name: "Voir les tarifs" }).click();
      await expect(page.getByRole("heading", { level: 2, name: "Vos tarifs mensuels" })).toBeVisible();
      const levels = page.getByRole("list", { name: "Niveaux de garantie" }).getByRole("heading", { level: 3 });
      await expect(levels).toHaveText(["Essentielle", "Équilibre", "Optimale"]);
      await expect(page.getByText(/\d+,\d{2}\s€\spar mois/)).toHaveCount(3);
      await expect(page.getByText(/^Conjoint, \d+ ans dans l.année : /).first()).toBeAttached();
      if (javaScriptEnabled) await expectNoAxeViolations(page); // axe runs as a script
      expect(await sidewaysOverflow(page)).toBe(0);
    });
  });
}

test("a member compares the levels for their household and asks a change, which a gestionnaire accepts", async ({
  page,
}) => {
  await signIn(page, "10000001");
  await page.goto("/ma-mutuelle");
  await page.getByRole("link", { name: "Comparer les niveaux de garantie pour mon foyer, changer de niveau" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon offre et les autres niveaux");
  await expectNoAxeViolations(page);
  expect(await sidewaysOverflow(page)).toBe(0);
  await page.getByRole("link", { name: "Passer au niveau Équilibre" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changer de niveau de garantie");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Demander le niveau Équilibre" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText(/Votre demande NIV-\d{4}-\w{8} est envoyée/);
  const reference = /NIV-\d{4}-\w{8}/.exec((await status.textContent())!)![0];
  await signOut(page);

  await signInAdvisor(page, server.dataDir, "gestionnaire.demo");
  await page.goto("/back-office/demandes?file=niveaux");
  await page.getByRole("link", { name: reference }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Accepter le changement de niveau" }).click();
  await expect(page.getByRole("status").first()).toContainText("Décision enregistrée : Acceptée");
  await signOut(page);

  await signIn(page, "10000001");
  await page.goto("/ma-mutuelle");
  await expect(page.getByText("Équilibre", { exact: true })).toBeVisible();
});

test("a member cancels their contract in three clicks and keeps their space", async ({ page }) => {
  await signIn(page, "10000001");
  await page.goto("/ma-mutuelle");
  await page.getByRole("link", { name: "Résilier mon contrat" }).click(); // 1
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Résilier mon contrat");
  await expect(page.getByText(/Dernier jour couvert : \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await sidewaysOverflow(page)).toBe(0);
  await page.getByRole("button", { name: "Confirmer la résiliation" }).click(); // 2
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Résiliation enregistrée");
  await expect(page.getByRole("status")).toContainText("Un accusé de réception vous a été envoyé par e-mail.");
  await expectNoAxeViolations(page);
  const mail = lastMailTo(server.dataDir, "benoit.brouez@example.com");
  expect(mail.subject).toMatch(/^Accusé de réception de votre résiliation RES-\d{4}-\w{8}$/);
  // The space and the documents stay open.
  await page.goto("/documents");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
