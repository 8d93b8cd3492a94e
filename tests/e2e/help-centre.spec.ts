import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";

// On a phone (390 px): a member finds help from the page they are on and from the help centre's search, and
// filters the messagerie by category and status with plain links. Reads the demo data only.
test.use({ viewport: { width: 390, height: 844 } });

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    const check = javaScriptEnabled ? expectNoAxeViolations : async () => {};

    test("a member finds an article from the page they are on, then by searching without accents", async ({ page }) => {
      await signIn(page, "10000001");
      await page.goto("/ma-mutuelle/coordonnees-bancaires");
      const help = page.getByRole("complementary", { name: "Besoin d'aide ?" });
      await expect(help).toBeVisible();
      await check(page);
      await help.getByRole("link", { name: "Modifier mon RIB (coordonnées bancaires)" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Modifier mon RIB (coordonnées bancaires)");
      await expect(page.getByRole("heading", { level: 2, name: "Les étapes" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Coordonnées bancaires" }).first()).toHaveAttribute(
        "href",
        "/ma-mutuelle/coordonnees-bancaires",
      );
      // The section stays "Aide / contact" in the navigation.
      await expect(page.locator(".main-nav__current")).toHaveText(" · Aide / contact");
      await check(page);

      await page.getByRole("link", { name: "← Aide : questions fréquentes" }).click();
      await page.getByLabel("Rechercher dans l'aide").fill("telecharger ma carte");
      await page.getByRole("button", { name: "Rechercher" }).click();
      const results = page.getByRole("region", { name: /articles? pour « telecharger ma carte »/ });
      await expect(results.getByRole("link").first()).toHaveText("Obtenir et utiliser sa carte de tiers payant");
      await check(page);
      await results.getByRole("link").first().click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Obtenir et utiliser sa carte de tiers payant");
    });

    test("every member page's « Besoin d'aide ? » box is a named landmark whose links lead to the articles", async ({
      page,
    }) => {
      await signIn(page, "10000001");
      for (const [path, title] of [
        ["/", "Obtenir et utiliser sa carte de tiers payant"],
        ["/demandes/nouvelle", "Comment demander un remboursement"],
        ["/mon-compte", "Je n'arrive pas à me connecter"],
        ["/ma-mutuelle/garanties", "Comprendre mes garanties et changer de niveau"],
        ["/professionnels", "Trouver un professionnel de santé du réseau partenaire"],
        ["/ma-mutuelle/resiliation", "Comment résilier mon contrat"],
        ["/offre/changer-de-niveau?niveau=equilibre", "Comprendre mes garanties et changer de niveau"],
        ["/messagerie/nouveau", "Écrire à ma mutuelle avec la messagerie"],
      ] as const) {
        await page.goto(path);
        const help = page.getByRole("complementary", { name: "Besoin d'aide ?" });
        await expect(help, path).toBeVisible();
        await expect(help.getByRole("link", { name: title, exact: true }), path).toHaveAttribute(
          "href",
          /^\/aide\/[a-z0-9-]+$/,
        );
        await check(page);
      }
    });

    test("a member filters the messagerie by category, then by status", async ({ page }) => {
      await signIn(page, "10000001");
      await page.goto("/messagerie");
      const filters = page.getByRole("navigation", { name: "Filtrer les messages" });
      await expect(filters.getByRole("link", { name: /^Toutes les catégories/ })).toHaveAttribute(
        "aria-current",
        "page",
      );
      await check(page);
      const all = await page.locator(".thread-list li").count();
      expect(all).toBeGreaterThan(1);
      await filters.getByRole("link", { name: /^Attestation \d+ messages?$/ }).click();
      await expect(page).toHaveURL(/\/messagerie\?categorie=attestation$/);
      await expect(page).toHaveTitle("Attestation – Messagerie – Espace adhérent");
      const listed = page.locator(".thread-list li");
      const count = await listed.count();
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(all);
      for (const category of await page.locator(".thread-list .thread__category").allTextContents())
        expect(category).toBe("Attestation");
      await expect(filters.getByRole("link", { name: /^Attestation/ })).toHaveAttribute("aria-current", "page");
      await check(page);
      await filters.getByRole("link", { name: /^Traité/ }).click();
      await expect(page).toHaveURL(/\/messagerie\?categorie=attestation&statut=traite$/);
      for (const status of await page.locator(".thread-list .status").allTextContents()) expect(status).toBe("Traité");
      await filters.getByRole("link", { name: /^Toutes les catégories/ }).click();
      await expect(page).toHaveURL(/\/messagerie\?statut=traite$/);
    });
  });
}
