// Issue 25, item 1: a refused form moves focus to its error summary, whose links lead to the fields; the
// sign-in button is never disabled under the focus while posting. On a 390 px phone.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";

test.use({ viewport: { width: 390, height: 844 } });

test("sign-in: the summary takes focus, its links lead to the fields, the button keeps focus while posting", async ({
  page,
}) => {
  await page.goto("/connexion");
  const button = page.getByRole("button", { name: "Se connecter" });
  await button.focus();
  await page.keyboard.press("Enter");
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toHaveAttribute("role", "alert");
  await expectNoAxeViolations(page);
  await summary.getByRole("link").first().click();
  await expect(page.getByLabel("Numéro d'adhérent ou adresse e-mail")).toBeFocused();
  await expect(page.getByLabel("Numéro d'adhérent ou adresse e-mail")).toHaveAttribute("aria-invalid", "true");
  // While the next attempt posts, the button stays enabled (aria-disabled) and keeps the focus.
  await page.getByLabel("Numéro d'adhérent ou adresse e-mail").fill("10000001");
  await page.getByLabel("Mot de passe").fill("pas le bon");
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).not.toBeDisabled();
  await expect(summary).toBeFocused();
});

test("claim step 1 and the devis: the same summary, focused, on every refused submission", async ({ page }) => {
  await signIn(page, "10000001");
  await page.goto("/demandes/nouvelle");
  await page.getByRole("button", { name: "Continuer" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Choisissez la personne qui a reçu le soin.");
  await summary.getByRole("link", { name: "Indiquez le type de soin." }).click();
  await expect(page.locator("#careType")).toBeFocused();
  await expectNoAxeViolations(page);

  await page.goto("/devis/nouveau");
  await page.getByRole("button", { name: "Estimer mon reste à charge" }).click();
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(page.locator(".error-summary")).toContainText("Choisissez la personne qui recevra les soins.");
  await expectNoAxeViolations(page);
});
