import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";
import { thisYear } from "../support/clock.ts";

test("Benoit downloads this year's card from the dashboard and from /documents", async ({ page }) => {
  await signIn(page, "10000001");
  const [fromDashboard] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: `Carte de tiers payant ${thisYear}` }).click(),
  ]);
  expect(fromDashboard.suggestedFilename()).toBe(`carte-tiers-payant-${thisYear}.pdf`);

  await page.goto("/documents");
  await expect(page.getByRole("heading", { level: 1, name: "Mes documents" })).toBeVisible();
  await expectNoAxeViolations(page);
  const [fromDocuments] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("listitem")
      .filter({ hasText: `Carte de tiers payant ${thisYear}` })
      .getByRole("link", { name: `télécharger la carte ${thisYear} (PDF)` })
      .click(),
  ]);
  expect(fromDocuments.suggestedFilename()).toBe(`carte-tiers-payant-${thisYear}.pdf`);
});

test("the card page stays available offline after one visit, until sign-out", async ({ page, context }) => {
  await signIn(page, "10000001");
  await page.goto(`/documents/carte-tiers-payant/${thisYear}`);
  await expect(page.getByRole("heading", { level: 1, name: `Carte de tiers payant ${thisYear}` })).toBeVisible();
  await expectNoAxeViolations(page);
  // Once the service worker is active, the next visit goes through it and is kept.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForFunction(
    async () =>
      (await caches.keys()).includes("carte-tiers-payant-v1") &&
      (await (await caches.open("carte-tiers-payant-v1")).keys()).length > 0,
  );

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Carte de tiers payant ${thisYear}` })).toBeVisible();
  await expect(page.getByRole("main").getByText("10000001").first()).toBeVisible();
  await context.setOffline(false);

  await page.goto("/");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/deconnecte=1/);
  await page.waitForFunction(async () => !(await caches.keys()).includes("carte-tiers-payant-v1"));
});

test("the other household gets its own documents and a 404 outside its coverage", async ({ page }) => {
  await signIn(page, "10000002");
  await page.goto(`/documents/carte-tiers-payant/${thisYear}`);
  await expect(page.locator(".tp-card")).toContainText("10000002");
  await expect(page.locator(".tp-card")).not.toContainText("Benoit");
  const response = await page.goto("/documents/carte-tiers-payant/2023");
  expect(response?.status()).toBe(404);
});
