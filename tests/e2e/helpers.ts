import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const demoPassword = "demo-adherent-2026";

/** Signs in through the form, as a member would, and waits for the dashboard. */
export async function signIn(page: Page, number: string, password = demoPassword) {
  await page.goto("/connexion");
  await page.getByLabel("Numéro d'adhérent ou adresse e-mail").fill(number);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour");
}

/** WCAG 2.2 AA rules of axe-core: the list of violations must be empty. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * Signs the demo advisor in and waits for the back-office. The one place specs do it: when advisors get a
 * mandatory second factor, only this function changes.
 */
export async function signInAdvisor(page: Page, username = "conseiller.demo", password = "demo-conseiller-2026") {
  await page.goto("/connexion");
  await page.getByLabel("Numéro d'adhérent ou adresse e-mail").fill(username);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Espace conseiller");
}
