// A claim's whole life, as the member and the advisor live it: filed, taken, a missing document, accepted,
// paid with its explanation. And the limits: no back-office for members, no RIB approved by one person.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, signInAdvisor, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";
import { recentDay } from "../support/clock.ts";

const server = useOwnServer();
const invoice = "config/notices/notice-information-2026.pdf";

test("a claim goes from Benoit to the advisor and back, paid with its explanation", async ({ page }) => {
  // Four sign-ins and six axe runs: a ceiling for a long journey on a busy machine, not a time budget.
  test.slow();
  // Benoit files the claim.
  await signIn(page, "10000001");
  expect((await page.goto("/back-office"))?.status()).toBe(404);
  await page.goto("/demandes/nouvelle");
  await page.getByLabel("Louise Brouez").check();
  await page.getByLabel("Type de soin *").selectOption({ label: "Chiropractie" });
  await page.getByLabel("En France").check();
  await page.getByLabel("Date du soin *").fill(recentDay("2026-11-18"));
  await page.getByLabel("Montant payé, en euros *").fill("70,00");
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByLabel("Ajouter des fichiers").setInputFiles(invoice);
  await page.getByRole("button", { name: "Importer les fichiers" }).click();
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByRole("button", { name: "Valider ma demande" }).click();
  const reference = (await page.getByRole("status").locator("strong").textContent())!;
  const claimPath = new URL(page.url()).pathname;
  await signOut(page);

  // The advisor takes it from the queue and asks for a document.
  await signInAdvisor(page, server.dataDir);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: /Demandes de remboursement : \d+ en attente/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demandes de remboursement");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
  await page.getByRole("button", { name: "Prendre en charge" }).click();
  await expect(page.getByRole("status")).toContainText("Vous avez pris en charge cette demande.");
  await expectNoAxeViolations(page);
  await page.getByLabel("Votre message à l'adhérent").fill("Merci d'ajouter la facture acquittée du chiropracteur.");
  await page.getByRole("button", { name: "Demander la pièce" }).click();
  await expect(page.getByRole("status")).toContainText("Pièce manquante");
  await signOut(page);

  // Benoit sees "Pièce manquante" with the advisor's words and adds the document.
  await signIn(page, "10000001");
  await page.goto(claimPath);
  await expect(page.getByRole("main").getByText("Pièce manquante").first()).toBeVisible();
  await expect(
    page.getByRole("main").getByText("Merci d'ajouter la facture acquittée du chiropracteur.").first(),
  ).toBeVisible();
  await page.getByLabel("Document").setInputFiles(invoice);
  await page.getByRole("button", { name: /Envoyer/ }).click();
  await expect(page.getByRole("main").getByText("1 pièce ajoutée par l'adhérent")).toBeVisible();
  await signOut(page);

  // The advisor computes the guarantee's amount and accepts.
  await signInAdvisor(page, server.dataDir);
  await page.goto("/back-office/demandes?file=remboursements&pris=moi");
  await page.getByRole("link", { name: reference }).click();
  // The out-of-pathway fields are one group; the rate names the pathway rate; the price limit is never pre-filled.
  const outOfPathway = page.getByRole("group", { name: "Soin hors parcours de soins" });
  await expect(outOfPathway.getByRole("checkbox", { name: "Soin hors parcours de soins coordonnés" })).toBeVisible();
  await expect(
    outOfPathway.getByLabel("Taux que la Sécurité sociale aurait appliqué dans le parcours de soins (%)"),
  ).toBeVisible();
  await expect(outOfPathway.getByLabel("Dépassement facturé hors parcours (€)")).toBeVisible();
  await expect(page.getByLabel(/^Prix limite de vente 100\s% Santé, par unité/)).toHaveValue("");
  // A decision with a missing field: the one error pattern (summary focused, links to the fields, issue 25).
  await page.getByLabel("Ligne de garantie").selectOption("");
  await page.getByLabel("Base de remboursement (€)").fill("abc");
  await page.getByRole("button", { name: "Accepter" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "La décision n'a pas été enregistrée" });
  await expect(summary).toBeFocused();
  await expect(page.getByLabel("Ligne de garantie")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Ligne de garantie")).toHaveAccessibleDescription(/Choisissez la ligne de garantie/);
  await expectNoAxeViolations(page);
  await summary.getByRole("link", { name: /base de remboursement/ }).click();
  await expect(page.getByLabel("Base de remboursement (€)")).toBeFocused();
  await page.getByLabel("Base de remboursement (€)").fill("0");
  await page.getByLabel("Ligne de garantie").selectOption("chiropractie");
  await page.getByRole("button", { name: "Calculer" }).click();
  await expect(page.getByRole("main").getByText(/Montant proposé par la garantie : /)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Accepter" }).click();
  await expect(page.getByRole("status")).toContainText("Décision enregistrée : Acceptée");
  await signOut(page);

  // Benoit sees "Acceptée", then the payment and why this amount.
  await signIn(page, "10000001");
  await page.goto(claimPath);
  await expect(page.locator(".lead .status")).toHaveText("Acceptée");
  await page.goto("/remboursements");
  await page
    .getByRole("link", { name: /Chiropractie/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Pourquoi ce montant ?" })).toBeVisible();
  await expect(page.getByRole("main").getByText("70,00 €").first()).toBeVisible();
});

test("a conseiller cannot approve a RIB alone", async ({ page }) => {
  await signInAdvisor(page, server.dataDir);
  await page.goto("/back-office/rib/nouveau");
  await expectNoAxeViolations(page);
  await page.getByLabel("Numéro d'adhérent").fill("10000002");
  await page.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 189");
  await page.getByLabel("Titulaire du compte").fill("Claire Fontaine");
  await page.getByLabel("Origine de la demande").fill("Appel de l'adhérente, identité vérifiée");
  await page.getByRole("button", { name: "Enregistrer pour approbation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changements de coordonnées bancaires");
  await page.getByRole("link", { name: /^RIB-/ }).first().click();
  await expect(
    page.getByRole("main").getByText("Saisi par un conseiller : en attente d'un second gestionnaire"),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Approuver ce RIB" })).toHaveCount(0);
  await expect(page.getByRole("main").getByText("principe des quatre yeux")).toBeVisible();
  await expectNoAxeViolations(page);
});
