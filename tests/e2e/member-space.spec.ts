import { expect, type Page, test } from "@playwright/test";
import { demoPassword, expectNoAxeViolations } from "./helpers.ts";
import { fr, moved, thisYear } from "../support/clock.ts";

const benoit = { number: "10000001", password: demoPassword };
const claire = { number: "10000002", password: demoPassword };

// From the home page, as a newcomer would: sent to the sign-in page, then fills it (whatever the outcome).
async function signIn(page: Page, who: { number: string; password: string }) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/connexion$/);
  await page.getByLabel("Numéro d'adhérent ou adresse e-mail").fill(who.number);
  await page.getByLabel("Mot de passe").fill(who.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

test("a member signs in, sees the dashboard and signs out", async ({ page }) => {
  await signIn(page, benoit);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Benoit" })).toBeVisible();
  await expect(page.getByRole("main").getByText("10000001")).toBeVisible();
  await expect(page.getByRole("main").getByText("Optimale")).toBeVisible();
  for (const link of [
    "Demander un remboursement",
    "Envoyer un devis",
    "Une question ?",
    `Carte de tiers payant ${thisYear - 1} (expirée)`,
    `Carte de tiers payant ${thisYear}`,
    "Mes garanties",
    "Voir toutes mes démarches",
    "Consulter tous mes remboursements",
  ]) {
    await expect(page.getByRole("link", { name: link, exact: true })).toBeVisible();
  }
  const demarches = page.getByRole("region", { name: "Mes démarches" });
  await expect(demarches).toContainText(`Soins dentaires le ${fr(moved("2026-06-04"))} pour Léa`);
  await expect(demarches).toContainText("Acceptée");
  await expect(demarches).toContainText(`Soins optiques le ${fr(moved("2026-02-12"))} pour Sarah`);
  await expect(demarches).toContainText("En cours");
  const payments = page.getByRole("region", { name: "Remboursements" }).getByRole("listitem");
  await expect(payments).toHaveCount(3);
  // The source document's three latest payments (25/08, 25/07, 03/07 there), moved with the clock.
  const dayMonth = (sourceDate: string) => fr(moved(sourceDate)).slice(0, 5);
  await expect(payments.nth(0)).toContainText(
    new RegExp(`Pharmacie\\s*45,00\\s€\\s*versé le ${dayMonth("2026-08-25")} à Benoit`),
  );
  await expect(payments.nth(1)).toContainText(
    new RegExp(`Optique\\s*409,23\\s€\\s*versé le ${dayMonth("2026-07-25")} à Sarah`),
  );
  await expect(payments.nth(2)).toContainText(
    new RegExp(`Pharmacie\\s*4,41\\s€\\s*versé le ${dayMonth("2026-07-03")} à Benoit`),
  );

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion\?deconnecte=1$/);
  // The page's own message (the layout's live region repeats it for screen readers).
  await expect(page.getByRole("status").getByText("Vous êtes déconnecté.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/connexion$/);
});

test("a wrong password gives one clear French message", async ({ page }) => {
  await signIn(page, { number: benoit.number, password: "mauvais-mot-de-passe" });
  // The error summary (issue 25, item 1): its title, then the one message.
  await expect(page.getByRole("alert")).toHaveText(
    "La connexion n'a pas abouti :Identifiant ou mot de passe incorrect. Vérifiez votre saisie et réessayez.",
  );
  await expect(page.getByLabel("Numéro d'adhérent ou adresse e-mail")).toHaveValue(benoit.number);
});

test("the other household never sees Benoit's data", async ({ page }) => {
  await signIn(page, claire);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeVisible();
  const body = page.locator("body");
  for (const foreign of ["Benoit", "Sarah", "Léa", "10000001", "409,23"]) await expect(body).not.toContainText(foreign);
});

test("axe finds no violation on the sign-in page, the dashboard, help, account and contract pages", async ({
  page,
}) => {
  await page.goto("/connexion");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.locator("#password-erreur")).toContainText("Saisissez votre mot de passe.");
  await expectNoAxeViolations(page); // with field errors shown
  await signIn(page, benoit);
  await expect(page.getByRole("heading", { name: "Bonjour Benoit" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/aide-contact");
  await expectNoAxeViolations(page);
  // The main navigation's links (the footer repeats the main sections).
  const mainNav = page.getByRole("navigation", { name: "Navigation principale" });
  await mainNav.getByRole("link", { name: "Mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  await expectNoAxeViolations(page);
  await mainNav.getByRole("link", { name: "Ma mutuelle" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ma mutuelle" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("fits a 360 px wide phone without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, benoit);
  await expect(page.getByRole("heading", { name: "Bonjour Benoit" })).toBeVisible();
  for (const path of ["/", "/aide-contact"]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test("the skip link is the first thing the keyboard reaches and leads to the content", async ({ page }) => {
  await signIn(page, benoit);
  await expect(page.getByRole("heading", { name: "Bonjour Benoit" })).toBeVisible();
  // On a page load (after a client-side navigation focus is already on the h1, past the skip link).
  await page.reload();
  await expect(page.getByRole("heading", { name: "Bonjour Benoit" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Aller au contenu" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#contenu$/);
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("a member signs in and out with plain forms", async ({ page }) => {
    await signIn(page, benoit);
    await expect(page.getByRole("heading", { level: 1, name: "Bonjour Benoit" })).toBeVisible();
    await expect(page.getByRole("main").getByText(/Pharmacie\s*45,00\s€/)).toBeVisible();
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect(page).toHaveURL(/\/connexion\?deconnecte=1$/);
  });

  test("a wrong password shows the message without JavaScript", async ({ page }) => {
    await signIn(page, { number: claire.number, password: "mauvais-mot-de-passe" });
    await expect(page.getByRole("alert")).toContainText("Identifiant ou mot de passe incorrect");
  });
});
