// Issue 22: on a 390 px phone, a member finds the nearest partner optician by postcode and sees what is paid
// there, with and without JavaScript; and finds the nearest agency on Aide et contact.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";

test.use({ viewport: { width: 390, height: 844 } });

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a member finds the nearest partner optician by postcode and sees what is paid there", async ({ page }) => {
      const scripts: string[] = [];
      page.on("request", (request) => {
        if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
      });
      if (javaScriptEnabled) await signIn(page, "10000001");
      else {
        await page.goto("/connexion");
        await page.getByLabel("Numéro d'adhérent ou adresse e-mail").fill("10000001");
        await page.getByLabel("Mot de passe").fill("demo-adherent-2026");
        await page.getByRole("button", { name: "Se connecter" }).click();
      }
      await page.goto("/remboursements");
      await page.getByRole("link", { name: /Trouver un professionnel de santé/ }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trouver un professionnel de santé");
      await page.getByLabel("Spécialité").selectOption("opticien");
      await page.getByLabel("Code postal ou commune").fill("69003");
      await page.getByLabel("Réseau partenaire seulement").check();
      await page.getByRole("button", { name: "Rechercher" }).click();

      await expect(page).toHaveURL(/lieu=69003/);
      await expect(page.getByRole("heading", { level: 2 }).first()).toContainText("près de 69003 Lyon");
      const first = page.locator(".directory__list > li").first();
      await expect(first.getByRole("heading", { level: 3 })).toHaveText("Optique des Pentes");
      await expect(first).toContainText(/\d+ m · Opticien/);
      await expect(first).toContainText("Réseau partenaire");
      await expect(first).toContainText("Verres et monture : 100 % Santé sans reste à charge chez ce partenaire");
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      // No tile server configured on this server (MAP_TILE_URL): no map, and its script is never loaded.
      await expect(page.locator(".results-map")).toHaveCount(0);
      expect(scripts.filter((p) => p.includes("results-map.client"))).toEqual([]);
      if (javaScriptEnabled) {
        expect(scripts.some((p) => p.includes("/professionnels-"))).toBe(true); // the page's own chunk was seen
        await expect(page.getByRole("button", { name: "Autour de moi" })).toBeVisible();
        await expectNoAxeViolations(page);
      } else {
        await expect(page.getByRole("button", { name: "Autour de moi" })).toHaveCount(0);
      }
    });
  });
}

test("anyone finds the nearest agency by postcode, with whether it is open now", async ({ page }) => {
  await page.goto("/aide-contact");
  await page.getByLabel("Code postal ou commune").fill("35000");
  await page.getByRole("button", { name: "Trouver l'agence la plus proche" }).click();
  await expect(page.getByRole("status").filter({ hasText: "L'agence la plus proche" })).toContainText(
    "L'agence la plus proche de 35000 Rennes : Agence de Rennes République",
  );
  await expect(page.locator(".agency-status").first()).toContainText(/(Ouvert|Fermé) maintenant · aujourd'hui \(/);
  await expectNoAxeViolations(page);
});
