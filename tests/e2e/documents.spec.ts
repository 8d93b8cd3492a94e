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

test("the card page opens offline after a single visit, until sign-out (issue 20, item 3)", async ({
  page,
  context,
}) => {
  // A new context (this test's own): no worker, no cache. One visit of the card page, then offline.
  await signIn(page, "10000001");
  const card = `/documents/carte-tiers-payant/${thisYear}`;
  await page.goto(card);
  await expect(page.getByRole("heading", { level: 1, name: `Carte de tiers payant ${thisYear}` })).toBeVisible();
  // The page says so once its worker has stored it (the worker's answer, not a delay).
  await expect(page.locator('[data-carte-hors-ligne="enregistree"]')).toHaveText(
    "Cette carte est enregistrée sur cet appareil : elle s'affiche même sans connexion internet, jusqu'à votre déconnexion.",
  );
  await expectNoAxeViolations(page);

  // What the worker stored: this card's page and static files, no other personal page.
  const stored = await page.evaluate(async () => {
    const paths: string[] = [];
    for (const request of await (await caches.open("carte-tiers-payant-v1")).keys())
      paths.push(new URL(request.url).pathname);
    return paths;
  });
  expect(stored).toContain(card);
  const isStatic = (p: string) =>
    p.startsWith("/assets/") || p.startsWith("/brand/") || p.startsWith("/icones/") || p === "/favicon.svg";
  expect(stored.filter((p) => p !== card && !isStatic(p))).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Carte de tiers payant ${thisYear}` })).toBeVisible();
  await expect(page.locator(".tp-card")).toContainText("10000001");
  // With its stylesheet (stored too): the card's frame is drawn.
  await expect(page.locator(".tp-card")).toHaveCSS("border-top-style", "solid");
  await context.setOffline(false);

  await page.goto("/");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/deconnecte=1/);
  // Sign-out is a client-side navigation to the sign-in page: the copy and the card's worker are gone all the same.
  await expect
    .poll(() =>
      page.evaluate(async () => ({
        cached: (await caches.keys()).includes("carte-tiers-payant-v1"),
        cardWorker: (await navigator.serviceWorker.getRegistrations()).some((r) =>
          r.scope.endsWith("/documents/carte-tiers-payant/"),
        ),
      })),
    )
    .toEqual({ cached: false, cardWorker: false });
  await context.setOffline(true);
  await page.goto(card).catch(() => {}); // offline without a stored copy: the app's or the browser's offline page
  await expect(page.getByText("10000001")).toHaveCount(0);
  await context.setOffline(false);
});

test("the other household gets its own documents and a 404 outside its coverage", async ({ page }) => {
  await signIn(page, "10000002");
  await page.goto(`/documents/carte-tiers-payant/${thisYear}`);
  await expect(page.locator(".tp-card")).toContainText("10000002");
  await expect(page.locator(".tp-card")).not.toContainText("Benoit");
  const response = await page.goto("/documents/carte-tiers-payant/2023");
  expect(response?.status()).toBe(404);
});
