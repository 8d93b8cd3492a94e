// My data and my preferences on a phone (issue 23): the privacy notice from the footer, the archive asked for,
// prepared and downloaded, a preference saved, an objection with its error beside the field; axe clean, no
// sideways scrolling at 390 px.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";

test.use({ viewport: { width: 390, height: 844 } });

const sideways = (page: import("@playwright/test").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("the legal and privacy notices are one link away from the sign-in page", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Données personnelles" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Politique de confidentialité");
  await expect(page.getByRole("main").getByText("3 place de Fontenoy")).toBeVisible();
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Mentions légales" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mentions légales");
  await expectNoAxeViolations(page);
});

test("a member downloads their data, sets a preference and objects to a use of their data", async ({ page }) => {
  await signIn(page, "10000002");
  await page.goto("/mon-compte");
  await page.getByRole("link", { name: "Télécharger mes données, exercer mes droits" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mes données personnelles");
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Préparer l'archive de mes données" }).click();
  await expect(page.getByRole("status")).toContainText("Votre archive est en préparation");
  const link = page.getByRole("link", { name: /^Télécharger l'archive demandée le/ });
  await expect(async () => {
    await page.reload();
    await expect(link).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^mes-donnees-\d{4}-\d{2}-\d{2}\.zip$/);

  await page.getByRole("radio", { name: "Opposition à une utilisation de mes données" }).check();
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  await expect(
    page.getByRole("main").getByText("Précisez quelle utilisation de vos données est concernée"),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Précisions").fill("Je refuse les études statistiques sur mes remboursements.");
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  await expect(page.getByRole("status")).toContainText("Votre demande RGPD-");

  await page.goto("/mon-compte/preferences");
  await page
    .getByRole("group", { name: "Vous avez un nouveau message" })
    .getByRole("radio", { name: "Ne pas me prévenir" })
    .check();
  await page.getByRole("radio", { name: "Uniquement dans mon espace (zéro papier)" }).check();
  await page.getByRole("button", { name: "Enregistrer mes préférences" }).click();
  await expect(page.getByRole("status")).toHaveText("Vos préférences sont enregistrées.");
  await expect(
    page
      .getByRole("group", { name: "Vous avez un nouveau message" })
      .getByRole("radio", { name: "Ne pas me prévenir" }),
  ).toBeChecked();
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});

test("the app's worker answers offline with the French offline page and stores no personal page", async ({
  page,
  context,
}) => {
  await signIn(page, "10000002");
  await page.goto("/remboursements");
  await expect.poll(() => page.evaluate(async () => Boolean(await navigator.serviceWorker.ready))).toBe(true);
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await context.setOffline(true);
  await page.goto("/messagerie").catch(() => {});
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vous êtes hors connexion");
  await context.setOffline(false);
  const stored = await page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
  expect(stored).toContain("/hors-ligne.html");
  const isStatic = (p: string) =>
    p.startsWith("/assets/") || p.startsWith("/brand/") || p.startsWith("/icones/") || p === "/favicon.svg";
  expect(stored.filter((p) => p !== "/hors-ligne.html" && !isStatic(p))).toEqual([]);
});
