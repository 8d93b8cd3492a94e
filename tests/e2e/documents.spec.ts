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

test("the attestation de droits and the échéancier have accessible web pages next to their PDFs (issue 25, item 8)", async ({
  page,
}) => {
  await signIn(page, "10000001");
  await page.goto("/documents");
  await page.getByRole("link", { name: "Attestation de droits (page web accessible)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Attestation de droits" })).toBeVisible();
  const people = page.getByRole("table", { name: /^Personnes couvertes au \d\d\/\d\d\/\d{4}$/ });
  await expect(people.getByRole("columnheader", { name: "Date de naissance" })).toBeVisible();
  await expect(people.getByRole("rowheader", { name: "MANCION Sarah" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Télécharger l'attestation de droits (PDF)" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/documents");
  await page.getByRole("link", { name: `Échéancier de cotisations ${thisYear} (page web accessible)` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Échéancier de cotisations ${thisYear}` })).toBeVisible();
  const debits = page.getByRole("table", { name: `Prélèvements de l'année ${thisYear}` });
  await expect(debits.getByRole("columnheader", { name: "Montant" })).toBeVisible();
  await expect(debits.getByRole("rowheader", { name: `Total ${thisYear}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/documents");
  await page.getByRole("link", { name: `Attestation de cotisations ${thisYear - 1} (page web accessible)` }).click();
  await expect(page.getByRole("table", { name: `Cotisations versées en ${thisYear - 1}` })).toBeVisible();
  await expectNoAxeViolations(page);
  // On a phone, the people's table stacks instead of scrolling sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/documents/attestation-de-droits");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);
});
