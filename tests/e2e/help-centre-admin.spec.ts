// An administrateur writes a help article in the browser, previews it, publishes it; a member then finds it
// on /aide and on the page it is attached to. Publishing changes the demo data: own server and database.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, signInAdvisor, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";

const server = useOwnServer();
test.setTimeout(90_000);

test("an administrateur writes, previews and publishes an article a member then reads", async ({ page }) => {
  await signInAdvisor(page, server.dataDir, "administrateur.demo");
  await page.getByRole("link", { name: "Administration : centre d'aide" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Centre d'aide");
  await expectNoAxeViolations(page);

  const form = page.getByRole("region", { name: "Nouvel article" });
  await form.getByLabel("Titre", { exact: true }).fill("Se faire rembourser une téléconsultation");
  await form.getByLabel("Adresse de l'article").fill("teleconsultation");
  await form.getByLabel("Thème", { exact: true }).selectOption({ label: "Remboursements" });
  await form.getByLabel("Résumé").fill("La téléconsultation est remboursée comme une consultation au cabinet.");
  await form
    .getByLabel("Texte (Markdown)")
    .fill("## Les étapes\n\n1. Prenez rendez-vous.\n2. Consultez en vidéo.\n\n<script>alert(1)</script>");
  await form.getByRole("checkbox", { name: /Mes remboursements/ }).check();
  await form.getByLabel("Ordre dans le thème").fill("1");
  await form.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.getByRole("status")).toHaveText("Brouillon enregistré.");
  await expect(page.getByRole("main").getByText("Brouillon : les adhérents ne le voient pas.")).toBeVisible();

  await page.getByRole("button", { name: "Aperçu" }).click();
  const preview = page.getByRole("region", { name: "Aperçu (non enregistré)" });
  await expect(preview.getByRole("heading", { level: 2, name: "Les étapes" })).toBeVisible();
  await expect(preview).toContainText("<script>alert(1)</script>");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Publier" }).click();
  await expect(page.getByRole("status")).toHaveText("Article publié : les adhérents le voient.");
  await expectNoAxeViolations(page);
  await page.goto("/back-office/administration/aide/illustrations");
  await expectNoAxeViolations(page);
  await signOut(page);

  await signIn(page, "10000001");
  await page.goto("/remboursements");
  await page
    .getByRole("complementary", { name: "Besoin d'aide ?" })
    .getByRole("link", { name: "Se faire rembourser une téléconsultation" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Se faire rembourser une téléconsultation");
  await expect(page.getByRole("listitem").filter({ hasText: "Consultez en vidéo." })).toBeVisible();
  await expectNoAxeViolations(page);
});
