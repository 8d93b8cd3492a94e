// An administrateur's advisor accounts page, in a browser: a proposal waits for a second administrateur, the
// errors sit next to their fields, and the page passes axe at each step.
import { expect, test } from "@playwright/test";
import { confirmIdentityWithRecoveryCode, expectNoAxeViolations, signInAdvisor } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";

const server = useOwnServer();

test("an administrateur proposes an advisor account that another administrateur must approve", async ({ page }) => {
  await signInAdvisor(page, server.dataDir, "administrateur.demo");
  await page.goto("/back-office/administration/conseillers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Conseillers");
  await expect(page.getByRole("main").getByText("Aucune proposition en attente.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Confirmer mon identité" }).click();
  await confirmIdentityWithRecoveryCode(page, server.dataDir, "administrateur.demo");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Conseillers");
  await expect(page.getByRole("link", { name: "Confirmer mon identité" })).toHaveCount(0);

  await page.getByRole("button", { name: "Proposer la création" }).click();
  // The one error pattern (issue 25): the summary takes focus, its links lead to the fields.
  const summary = page.getByRole("alert").filter({ hasText: "La demande n'a pas été enregistrée" });
  await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: /Saisissez le prénom et le nom/ }).click();
  await expect(page.getByLabel("Prénom et nom")).toBeFocused();
  await expect(page.getByLabel("Prénom et nom")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Prénom et nom")).toHaveAccessibleDescription(/Saisissez le prénom et le nom/);
  await expect(page.getByLabel("Adresse e-mail professionnelle")).toHaveAccessibleDescription(
    /adresse e-mail complète/,
  );
  await expectNoAxeViolations(page);

  await page.getByLabel("Prénom et nom").fill("Lou Arrivée");
  await page.getByLabel("Identifiant de connexion").fill("lou.arrivee");
  await page.getByLabel("Adresse e-mail professionnelle").fill("lou.arrivee@mutuelle.example");
  await page.getByLabel("Rôle", { exact: true }).selectOption("gestionnaire");
  await page.getByRole("button", { name: "Proposer la création" }).click();
  await expect(page.getByRole("status")).toContainText("Proposition enregistrée");
  const row = page.getByRole("row", { name: /Créer le compte de Lou Arrivée/ });
  await expect(row).toContainText("Vous avez fait cette proposition : un autre administrateur doit l'approuver");
  await expect(row.getByRole("button", { name: /^Approuver/ })).toHaveCount(0);
  await expect(row.getByRole("button", { name: /^Retirer/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Lou Arrivée lou\.arrivee/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
