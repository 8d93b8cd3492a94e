import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";

const nav = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "Navigation principale" });

test("the current section is shown on every page the sitemap files under it", async ({ page }) => {
  await signIn(page, "10000001");
  const sections: [string, string][] = [
    ["/documents", "Ma mutuelle"],
    ["/ma-mutuelle/garanties", "Ma mutuelle"],
    ["/demandes", "Prestations"],
    ["/devis/nouveau", "Prestations"],
    ["/remboursements/synthese", "Prestations"],
    ["/mon-compte/mot-de-passe", "Mon compte"],
  ];
  for (const [path, section] of sections) {
    await page.goto(path);
    // Phones and wide screens each have their list; the one shown is the one that counts.
    const current = nav(page).locator("a[aria-current]:visible");
    await expect(current, path).toHaveCount(1);
    await expect(current, path).toHaveText(section);
  }
  await page.goto("/remboursements");
  await expect(nav(page).getByRole("link", { name: "Prestations" })).toHaveAttribute("aria-current", "page");
});

test.describe("on a phone, without JavaScript", () => {
  test.use({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });

  test("the menu is one row that names the section and opens the whole list", async ({ page }) => {
    await signIn(page, "10000001");
    await page.goto("/documents");
    const menu = nav(page).getByText("Menu", { exact: true });
    await expect(menu).toBeVisible();
    const height = await nav(page).evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeLessThanOrEqual(60);
    await expect(nav(page)).toContainText("Ma mutuelle");
    await expect(nav(page).getByRole("link", { name: "Messagerie" })).toBeHidden();

    await menu.click();
    await expect(nav(page).getByRole("link", { name: "Messagerie" })).toBeVisible();
    await nav(page).getByRole("link", { name: "Prestations" }).click();
    await expect(page).toHaveURL(/\/remboursements$/);
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the open menu passes axe", async ({ page }) => {
    await signIn(page, "10000001");
    await nav(page).getByText("Menu", { exact: true }).click();
    await expect(nav(page).getByRole("link", { name: "Mon compte" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test("the accessibility statement is one link away from the sign-in page, and passes axe", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Accessibilité : partiellement conforme" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Déclaration d'accessibilité");
  await expect(page.getByRole("heading", { level: 2, name: "Voies de recours" })).toBeVisible();
  await expectNoAxeViolations(page);
});
