// What a keyboard or screen-reader user meets after client-side navigations and dynamic changes (issue 25:
// items 3, 5, 16, 17). Focus is read from document.activeElement, announcements from the layout's live region.
import { expect, type Page, test } from "@playwright/test";
import { demoPassword, expectNoAxeViolations, signIn, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";

// The step-up sends e-mails and marks the session: a server of its own.
useOwnServer();

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase(),
      text: el?.textContent?.trim(),
      name: el?.getAttribute("name"),
      id: el?.id,
    };
  });
const announced = (page: Page) => page.locator("#annonces");

test("after a client-side navigation focus is on the new page's h1 and the live region announces it", async ({
  page,
}) => {
  // The live region is in the server's HTML from the start (it must exist before it changes).
  await page.goto("/connexion");
  await expect(announced(page)).toHaveAttribute("aria-live", "polite");
  await expect(announced(page)).toBeEmpty();

  // A <Form> redirect: signing in lands on the dashboard's h1.
  await signIn(page, "10000001");
  await expect.poll(() => focused(page)).toMatchObject({ tag: "h1", text: expect.stringContaining("Bonjour") });
  await expect(announced(page)).not.toBeEmpty();

  // A navigation link: focus on the new h1, its title announced.
  await page
    .getByRole("navigation", { name: /principal/i })
    .first()
    .getByRole("link", { name: /remboursements|Prestations/i })
    .click();
  await expect(page).toHaveURL(/\/remboursements$/);
  await expect.poll(() => focused(page)).toMatchObject({ tag: "h1", text: "Mes remboursements" });
  await expect(announced(page)).toHaveText(await page.title());
  await expectNoAxeViolations(page);

  // A <Form> redirect with a confirmation: the message goes through the live region.
  await signOut(page);
  await expect.poll(() => focused(page)).toMatchObject({ tag: "h1", text: "Connexion à votre espace" });
  await expect(announced(page)).toHaveText("Vous êtes déconnecté. À bientôt !");
});

test("the step-up's second step focuses the code field, not the filled password in the resend form", async ({
  page,
}) => {
  await signIn(page, "10000001");
  await page.goto("/mon-compte/verification");
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(demoPassword);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("main").getByText("Étape 2 sur 2")).toBeVisible();
  await expect.poll(() => focused(page)).toMatchObject({ tag: "input", name: "code" });
  // The "Recevoir un nouveau code" form starts empty: Enter there cannot resend with step 1's password.
  await expect(page.getByRole("textbox", { name: "Mot de passe" })).toHaveValue("");
  await expect(announced(page)).toContainText("Un code à 6 chiffres vient d'être envoyé");
});

test("a masked IBAN is read as the account's ending, not as asterisks", async ({ page }) => {
  await signIn(page, "10000001");
  await page.goto("/ma-mutuelle/coordonnees-bancaires");
  const iban = page.locator(".iban").first();
  await expect(iban.locator('[aria-hidden="true"]')).toContainText("****");
  await expect(iban.locator(".visually-hidden")).toHaveText(/^compte se terminant par [0-9A-Z]{3}$/);
  const snapshot = await iban.ariaSnapshot();
  expect(snapshot).not.toContain("*");
  expect(snapshot).toMatch(/compte se terminant par/);
});

test("'Afficher plus' moves focus to the first new line", async ({ page }) => {
  await signIn(page, "10000001");
  await page.goto("/remboursements");
  const items = page.locator(".item--payment");
  await expect(items).toHaveCount(20);
  const firstNewHref = await page.getByRole("link", { name: "Afficher plus" }).evaluate(async (a) => {
    const html = await (await fetch((a as HTMLAnchorElement).href)).text();
    return /href="(\/remboursements\/[^"?]+)" class="item item--payment"/.exec(html)?.[1];
  });
  await page.getByRole("link", { name: "Afficher plus" }).click();
  await expect(items).toHaveCount(26);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(firstNewHref);
});

test("a form answered with its errors without reloading says « Erreur » in the title, and stops once fixed", async ({
  page,
}) => {
  await signIn(page, "10000002");
  await page.goto("/mon-compte/verification");
  await expect(page).toHaveTitle("Confirmer votre identité – Espace adhérent");
  await page.getByRole("textbox", { name: "Mot de passe" }).fill("pas le bon mot de passe");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page).toHaveTitle("Erreur – Confirmer votre identité – Espace adhérent");
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(demoPassword);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("main").getByText("Étape 2 sur 2")).toBeVisible();
  await expect(page).toHaveTitle("Confirmer votre identité – Espace adhérent");
});

test("two minutes before the session ends a dialog warns, « Rester connecté » extends it, then expiry leads to the sign-in page", async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page, "10000001");
  const dialog = page.getByRole("dialog", { name: "Votre session va bientôt expirer" });
  await expect(dialog).toBeHidden();
  await page.clock.fastForward("28:30");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("vous serez déconnecté dans 2 minutes");
  await expect(dialog.getByRole("button", { name: "Rester connecté" })).toBeFocused();
  await expectNoAxeViolations(page);
  const extended = page.waitForResponse(
    (r) => r.url().includes("/session/prolonger") && r.request().method() === "POST",
  );
  await dialog.getByRole("button", { name: "Rester connecté" }).click();
  expect((await extended).status()).toBe(200);
  await expect(dialog).toBeHidden();

  // Nothing done this time: at the end, the page goes to the sign-in page that says the session expired.
  const expired = page.waitForRequest((r) => r.url().endsWith("/connexion?expiree=1"));
  await page.clock.fastForward("28:30");
  await expect(dialog).toBeVisible();
  await page.clock.fastForward("02:01");
  await expired;
});
