import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, signInAdvisor, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";
import { demoData } from "../support/clock.ts";

// Opening a member's file writes to the audit log the member then reads: own server and database.
const server = useOwnServer();

test("an advisor finds Benoit, opens his file, and Benoit sees that access in Mon compte", async ({ page }) => {
  await signInAdvisor(page, server.dataDir);
  await page.getByRole("link", { name: "Rechercher un adhérent" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rechercher un adhérent");

  // Too short first: the reason is said, not an empty table.
  await page.getByLabel("Numéro d'adhérent, nom ou adresse e-mail").fill("B");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("status")).toContainText("Saisissez au moins 2 caractères");

  await page.getByLabel("Numéro d'adhérent, nom ou adresse e-mail").fill("Brouez");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/\/back-office\/adherents\?q=Brouez$/);
  const row = page.getByRole("row", { name: /10000001/ });
  await expect(row).toContainText("BROUEZ Benoit");
  await expect(row).toContainText("Optimale");
  await expect(row).toContainText("benoit.brouez@example.com");
  await expectNoAxeViolations(page);

  await row.getByRole("link", { name: "10000001" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Benoit Brouez — adhérent n° 10000001");
  await expect(page.getByRole("region", { name: "Personnes couvertes", exact: true })).toContainText("Sarah Mancion");
  await expect(page.getByRole("region", { name: "Coordonnées bancaires" })).toContainText(
    "FR76 **** **** **** **** **** 123",
  );
  await expect(
    page
      .getByRole("region", { name: "Dernières démarches", exact: true })
      .getByRole("link", { name: demoData.benoit.requests.find((r) => r.careType === "dentaire")!.reference }),
  ).toHaveAttribute("href", /^\/back-office\/demandes\/[0-9a-f-]{36}$/);
  await expectNoAxeViolations(page);
  await signOut(page);

  await signIn(page, "10000001");
  await page.goto("/mon-compte");
  const accesses = page.getByRole("region", { name: "Accès de votre mutuelle à votre dossier" });
  await expect(accesses.getByRole("table")).toContainText("Camille Conseil");
  await expect(accesses.getByRole("row", { name: /Camille Conseil/ }).first()).toContainText(
    /\d{2}\/\d{2}\/\d{4} (à|de) \d{2}:\d{2}/,
  ); // one row per advisor and day
  await expect(accesses).toContainText("le résumé de votre dossier");
  await expectNoAxeViolations(page);
});
