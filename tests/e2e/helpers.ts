import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { lastMailTo } from "../support/outbox.ts";
import { totpFor } from "../support/step-up.ts";

import { demoPassword as demoPasswords } from "../../app/modules/demo/demo-households.ts";

/** The demo members' password, from the demo data itself (defined once). */
export const demoPassword = demoPasswords.member;

/** Signs in through the form, as a member would, and waits for the dashboard. */
export async function signIn(page: Page, number: string, password: string = demoPassword) {
  await page.goto("/connexion");
  await page.getByLabel("Numéro d'adhérent ou adresse e-mail").fill(number);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bonjour");
}

/**
 * Signs out through the header's button and waits until the sign-in page is back: the next navigation must not
 * race the sign-out request (a still-valid session would send /connexion on to the dashboard).
 */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion\?deconnecte=1$/);
}

/** WCAG 2.2 AA rules of axe-core: the list of violations must be empty. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const advisorSecrets = new Map<string, string>();
const advisorRecoveryCodes = new Map<string, string[]>();

/**
 * Signs the demo advisor in, with the mandatory second factor, and waits for the back-office. The first time on
 * a server it enrols an authenticator as a new advisor would (identity confirmed by an e-mailed code read from
 * the server's outbox); later it types the app's current code.
 */
export async function signInAdvisor(
  page: Page,
  dataDir: string,
  username = "conseiller.demo",
  password = "demo-conseiller-2026",
) {
  await page.goto("/connexion");
  await page.getByLabel("Numéro d'adhérent ou adresse e-mail").fill(username);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  const key = `${dataDir}:${username}`;
  const secret = advisorSecrets.get(key);
  if (secret) {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Code de connexion");
    await page.getByLabel("Code à 6 chiffres").fill(await totpFor(secret));
    await page.getByRole("button", { name: "Valider" }).click();
  } else {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirmer votre identité");
    await page.getByRole("textbox", { name: "Mot de passe" }).fill(password);
    await page.getByRole("button", { name: "Continuer" }).click();
    await expect(page.getByRole("main").getByText("Étape 2 sur 2")).toBeVisible();
    const code = /code de confirmation : (\d{6})/.exec(
      lastMailTo(dataDir, `${username}@mutuelle.example`).subject,
    )![1]!;
    await page.getByRole("textbox", { name: "Code reçu par e-mail" }).fill(code);
    await page.getByRole("button", { name: "Confirmer" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Double authentification");
    // Just confirmed with the password and a code by e-mail: enrolment does not ask the password again.
    await expect(page.getByRole("textbox", { name: "Mot de passe" })).toHaveCount(0);
    await page.getByRole("button", { name: "Commencer" }).click();
    const shown = (await page.locator("code.secret").textContent())!.trim();
    advisorSecrets.set(key, shown);
    advisorRecoveryCodes.set(key, await page.locator(".backup-codes li code").allTextContents());
    await page.getByLabel("Code affiché par l'application").fill(await totpFor(shown));
    await page.getByRole("button", { name: "Activer" }).click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Espace conseiller");
}

/**
 * Confirms a signed-in demo advisor's identity on the verification page (the page must be open) with one of the
 * recovery codes shown at enrolment: no authenticator code is given twice in the same 30 seconds.
 */
export async function confirmIdentityWithRecoveryCode(
  page: Page,
  dataDir: string,
  username: string,
  password = "demo-conseiller-2026",
) {
  const code = advisorRecoveryCodes.get(`${dataDir}:${username}`)?.shift();
  if (!code) throw new Error("no recovery code left for this advisor");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirmer votre identité");
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(password);
  await page.getByRole("textbox", { name: "Code de votre application d'authentification" }).fill(code);
  await page.getByRole("button", { name: "Confirmer" }).click();
}

/** How far a page scrolls sideways (0 when it fits the viewport's width). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
