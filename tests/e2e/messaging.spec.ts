import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, signInAdvisor, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";

// Sending and answering messages changes the demo data: this spec has its own server and database.
const server = useOwnServer();

const invoice = "config/notices/notice-information-2026.pdf";

async function exchange(page: Page, text: string, { axe }: { axe: boolean }) {
  // axe runs inside the page: only possible with JavaScript on (the JS-off run checks the forms themselves).
  const check = axe ? expectNoAxeViolations : async () => {};

  // Benoit writes about adding a beneficiary: the online service is offered first, he writes anyway.
  await signIn(page, "10000001");
  await page
    .getByRole("navigation", { name: "Navigation principale" })
    .getByRole("link", { name: "Messagerie" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Messagerie" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Les messages sont disponibles pendant 1 an")).toBeVisible();
  await check(page);
  await page.getByRole("navigation", { name: "Messagerie" }).getByRole("link", { name: "Envoyer un message" }).click();
  await page.getByLabel("Choisir une catégorie").selectOption({ label: "Modification de contrat" });
  await page.getByRole("button", { name: "Suivant" }).click();
  await page.getByLabel("Choisir l'objet de la demande").selectOption({ label: "Ajout de bénéficiaires" });
  await check(page);
  await page.getByRole("button", { name: "Suivant" }).click();
  const box = page.getByRole("region", { name: "Bon à savoir !" });
  await expect(box).toContainText(
    "Un service en ligne « Ajout de bénéficiaires » est disponible pour réaliser cette démarche.",
  );
  await expect(box.getByRole("link", { name: "Accéder au service" })).toHaveAttribute(
    "href",
    "/ma-mutuelle/beneficiaires",
  );
  await check(page);
  await box.getByRole("link", { name: "Envoyer un message" }).click();

  // An empty message is refused, next to the field.
  await page.getByRole("button", { name: "Valider et envoyer" }).click();
  await expect(page.getByRole("alert")).toContainText("Écrivez votre message.");
  await expect(page.getByLabel("Votre message *")).toHaveAccessibleDescription(/Écrivez votre message\./);
  await check(page);
  await page.getByLabel("Votre message *").fill(text);
  await page.getByLabel("Importer des fichiers (facultatif)").setInputFiles(invoice);
  await page.getByRole("button", { name: "Valider et envoyer" }).click();
  await expect(page.getByRole("status")).toContainText("Votre message est envoyé");
  await expect(page.getByRole("main").getByText("En cours", { exact: true })).toBeVisible();
  const threadPath = new URL(page.url()).pathname;
  const fileHref = (await page.getByRole("link", { name: "notice-information-2026.pdf" }).getAttribute("href"))!;
  expect(fileHref).toMatch(/^\/messagerie\/[0-9a-f-]{36}\/fichiers\/[0-9a-f-]{36}$/);
  await check(page);
  await signOut(page);

  // The advisor finds it in the inbox, takes it and answers.
  await signInAdvisor(page, server.dataDir);
  await page.getByRole("link", { name: "Messagerie : messages en attente" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Messagerie : messages en attente");
  await check(page);
  await page.locator(`a[href="/back-office${threadPath}"]`).click();
  await expect(page.getByRole("main").getByText(text)).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Adhérent" })).toContainText("10000001");
  await check(page);
  await page.getByRole("button", { name: "Prendre en charge" }).click();
  await expect(page.getByRole("main").getByText("pris en charge par vous")).toBeVisible();
  await page
    .getByLabel("Votre réponse *")
    .fill("Bonjour, vous pouvez ajouter Jules en ligne depuis Ma mutuelle. Bien cordialement.");
  await page.getByRole("button", { name: "Envoyer la réponse" }).click();
  await expect(page.getByRole("status")).toContainText("Votre réponse est envoyée");
  await expect(page.getByRole("main").getByText("Traité")).toBeVisible();
  await check(page);
  await signOut(page);

  // Benoit sees it unread, in bold, opens it: "Traité", with the answer.
  await signIn(page, "10000001");
  await expect(
    page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Messagerie" }),
  ).toContainText("message non lu");
  await page.goto("/messagerie");
  const unread = page.locator(`a[href="${threadPath}"]`);
  await expect(unread).toContainText("Non lu");
  await expect(unread.locator(".thread__title")).toHaveCSS("font-weight", "700");
  await check(page);
  await unread.click();
  await expect(page.getByRole("main").getByText("Traité", { exact: true })).toBeVisible();
  await expect(page.getByRole("main").getByText("vous pouvez ajouter Jules en ligne")).toBeVisible();
  await check(page);
  await page.goto("/messagerie");
  await expect(page.locator(`a[href="${threadPath}"]`)).not.toContainText("Non lu");
  await signOut(page);

  // Another household: neither the thread nor its attachment exist.
  await signIn(page, "10000002");
  expect((await page.goto(threadPath))?.status()).toBe(404);
  expect((await page.request.get(fileHref)).status()).toBe(404);
  await signOut(page);
}

test("Benoit writes to his mutuelle with a PDF, the advisor answers, Benoit reads the answer", async ({ page }) => {
  await exchange(page, "Bonjour, je voudrais ajouter mon fils Jules, né le 2 octobre, à mon contrat.", { axe: true });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same exchange works with plain forms", async ({ page }) => {
    await exchange(page, "Bonjour, sans JavaScript : je voudrais ajouter ma fille à mon contrat.", { axe: false });
  });
});
