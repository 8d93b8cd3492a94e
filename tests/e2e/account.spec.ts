// Bank details and beneficiaries, as a member on a phone would go through them.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { lastMailTo } from "../support/outbox.ts";
import { demoPassword, expectNoAxeViolations, signIn } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";
import { addMonths } from "../../app/modules/clock/calendar.ts";
import { thisYear, today } from "../support/clock.ts";

const server = useOwnServer();

test.describe("Mes informations bancaires", () => {
  test("Benoit replaces the contract's RIB after confirming who he is, and sees it on hold", async ({ page }) => {
    await signIn(page, "10000001");
    await page.goto("/ma-mutuelle");
    await page.getByRole("link", { name: "Mes informations bancaires : voir ou modifier un RIB" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mes informations bancaires");
    await expect(page.getByRole("main").getByText("FR76 **** **** **** **** **** 123")).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Modifier le compte du contrat" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirmer votre identité");
    await expectNoAxeViolations(page);
    await page.getByRole("textbox", { name: "Mot de passe" }).fill(demoPassword);
    await page.getByRole("button", { name: "Continuer" }).click();
    await expect(page.getByRole("main").getByText("Étape 2 sur 2")).toBeVisible();
    const code = /code de confirmation : (\d{6})/.exec(
      lastMailTo(server.dataDir, "benoit.brouez@example.com").subject,
    )![1]!;
    await page.getByRole("textbox", { name: "Code reçu par e-mail" }).fill(code);
    await page.getByRole("button", { name: "Confirmer" }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Saisir un RIB");
    await expectNoAxeViolations(page);
    await page.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 18");
    await page.getByLabel("Titulaire du compte").fill("BENOIT BROUEZ");
    await page.getByRole("button", { name: "Valider ma demande" }).click();
    const iban = page.getByLabel("IBAN");
    await expect(iban).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#iban-erreur")).toContainText(
      "Un IBAN de ce pays compte 27 caractères ; vous en avez saisi 26.",
    );
    await expectNoAxeViolations(page);
    await iban.fill("fr76 3000 6000 0112 3456 7890 189");
    await page.getByRole("button", { name: "Valider ma demande" }).click();

    await expect(page.getByRole("status")).toContainText("Votre nouveau RIB est enregistré");
    await expect(
      page
        .getByRole("main")
        .getByText(/Nouveau compte en attente .*FR76 \*\*\*\* \*\*\*\* \*\*\*\* \*\*\*\* \*\*\*\* 189/),
    ).toBeVisible();
    expect(await page.content()).not.toContain("30006000011234567890189");
    await expectNoAxeViolations(page);
    const alert = lastMailTo(server.dataDir, "benoit.brouez@example.com");
    expect(alert.subject).toBe("Alerte sécurité : vos coordonnées bancaires ont été modifiées");

    await page.goto("/demandes");
    await expect(
      page.getByRole("main").getByText("Nouveau RIB pour le contrat (cotisations et remboursements)"),
    ).toBeVisible();
  });
});

test.describe("Mes bénéficiaires, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Benoit asks to add his newborn with the livret de famille", async ({ page }) => {
    await signIn(page, "10000001");
    await page.goto("/ma-mutuelle/beneficiaires");
    await expect(page.getByRole("listitem").filter({ hasText: "Sarah Mancion" })).toContainText(
      "Conjoint ou partenaire",
    );
    await page.getByRole("link", { name: "Ajouter un bénéficiaire", exact: true }).click();
    await page.getByLabel("Prénom").fill("Jean-Claude");
    await page.getByLabel("Nom", { exact: true }).fill("Brouez");
    await page.getByLabel("Date de naissance").fill(addMonths(today, -2));
    await page.getByLabel("Lien avec vous").selectOption("child");
    await page.getByLabel("Début de couverture souhaité").fill(`${thisYear + 1}-01-01`);
    await page.getByRole("button", { name: "Envoyer la demande" }).click();
    await expect(page.locator("#fichiers-erreur")).toContainText("Joignez un justificatif");
    await page.getByLabel("Justificatif").setInputFiles({
      name: "livret.pdf",
      mimeType: "application/pdf",
      buffer: readFileSync("config/notices/notice-information-2026.pdf"),
    });
    await page.getByLabel("Prénom").fill("Jean-Claude");
    await page.getByRole("button", { name: "Envoyer la demande" }).click();
    await expect(page.getByRole("status")).toContainText("Votre demande BEN-");
    await expect(page.getByRole("main").getByText(/Ajout de Jean-Claude Brouez à partir du/)).toBeVisible();
  });
});

test("the beneficiary pages pass axe", async ({ page }) => {
  await signIn(page, "10000002");
  await page.goto("/ma-mutuelle/beneficiaires");
  await expectNoAxeViolations(page);
  await page.goto("/ma-mutuelle/beneficiaires/ajouter");
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(page.locator("#firstName-erreur")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("Mon compte is accessible and shows coordonnées and sign-in security", async ({ page }) => {
  await signIn(page, "10000002");
  await page.goto("/mon-compte");
  await expect(page.getByLabel("Ville")).toHaveValue("Rennes");
  await expect(page.getByRole("main").getByText("Double authentification : non activée (recommandée)")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Code postal").fill("350");
  await page.getByRole("button", { name: "Enregistrer mes coordonnées" }).click();
  await expect(page.locator("#postalCode-erreur")).toContainText("5 chiffres");
  // The refused page has settled (its summary takes focus) before the field is typed again.
  await expect(page.getByRole("alert").filter({ hasText: "corrigez" })).toBeFocused();
  await page.getByLabel("Code postal").fill("35700");
  await expect(page.getByLabel("Code postal")).toHaveValue("35700");
  await page.getByRole("button", { name: "Enregistrer mes coordonnées" }).click();
  await expect(page.getByRole("status")).toContainText("Vos coordonnées sont enregistrées.");
  await expect(page.getByLabel("Code postal")).toHaveValue("35700");
});
