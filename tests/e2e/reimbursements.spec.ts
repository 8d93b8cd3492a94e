import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, signOut } from "./helpers.ts";
import { fr, moved, movedYear } from "../support/clock.ts";

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

test("a member follows Sarah's optical payment down to the statement and the CSV", async ({ page }) => {
  await signIn(page, "10000001");
  await page.getByRole("link", { name: "Consulter tous mes remboursements" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes remboursements" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page
    .getByRole("navigation", { name: "Filtrer par bénéficiaire" })
    .getByRole("link", { name: "Sarah Mancion" })
    .click();
  await expect(page).toHaveURL(/beneficiaire=/);
  await expect(page.getByRole("link", { name: "Sarah Mancion", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.locator(".item__meta").filter({ hasText: "Benoit Brouez" })).toHaveCount(0);
  const optique = page.getByRole("link", { name: /Optique\s*409,23/ });
  await optique.click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Optique du ${fr(moved("2026-07-18"))}`);
  const detail = page.getByRole("region", { name: "Détail du remboursement" });
  await expect(detail).toContainText(/Part mutuelle\s*409,23\s€/);
  await expect(detail).toContainText(/Reste à charge\s*190,68\s€/);
  await expect(page.getByRole("region", { name: "Pourquoi ce montant ?" })).toContainText(
    "600,00 € − 0,09 € − 409,23 € = 190,68 €",
  );
  await expectNoAxeViolations(page);
  const lineUrl = page.url();

  // The statement for Sarah, the source document's summer (June to August 2026, moved with the clock).
  await page.goto("/remboursements");
  await page.getByRole("link", { name: "Relevé de prestations (PDF)" }).click();
  await page.getByLabel("Bénéficiaire").selectOption({ label: "Sarah Mancion" });
  await page.getByLabel("Paiements à partir du").fill(moved("2026-06-01"));
  await page.getByLabel("Jusqu'au").fill(moved("2026-08-31"));
  await expectNoAxeViolations(page);
  const [pdfDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Télécharger le relevé (PDF)" }).click(),
  ]);
  expect(pdfDownload.suggestedFilename()).toBe(`releve-prestations-${moved("2026-06-01")}-${moved("2026-08-31")}.pdf`);
  const pdfText = spaces(execFileSync("pdftotext", ["-layout", await pdfDownload.path(), "-"], { encoding: "utf8" }));
  expect(pdfText).toContain("Bénéficiaire : Sarah Mancion");
  expect(pdfText).toContain("409,23 €");
  expect(pdfText).toMatch(/Total\s+2 paiements.*484,23 €/);

  // The CSV of Sarah's lines.
  await page.goto("/remboursements");
  await page
    .getByRole("navigation", { name: "Filtrer par bénéficiaire" })
    .getByRole("link", { name: "Sarah Mancion" })
    .click();
  // The export link carries the filter once the filtered page is shown.
  await expect(page).toHaveURL(/beneficiaire=/);
  const [csvDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Exporter ces remboursements (CSV)" }).click(),
  ]);
  const csv = readFileSync(await csvDownload.path(), "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(
    `${fr(moved("2026-07-25"))};${fr(moved("2026-07-18"))};Sarah Mancion;Optique;Optique du Centre;600,00;0,15;0,09;409,23;190,68;Sarah`,
  );
  expect(csv).not.toContain("Benoit Brouez");

  // Another household: that line and that statement do not exist.
  await signOut(page);
  await signIn(page, "10000002");
  const response = await page.goto(lineUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  const beneficiary = new URL(pdfDownload.url()).searchParams.get("beneficiaire");
  const pdfResponse = await page.request.get(
    `/remboursements/releve.pdf?beneficiaire=${beneficiary}&du=${moved("2026-06-01")}&au=${moved("2026-08-31")}`,
  );
  expect(pdfResponse.status()).toBe(404);
});

test("'Afficher plus' appends the next page, with and without JavaScript", async ({ page, browser }) => {
  await signIn(page, "10000001");
  await page.goto("/remboursements");
  const items = page.locator(".item--payment");
  await expect(items).toHaveCount(20);
  await page.getByRole("link", { name: "Afficher plus" }).click();
  await expect(items).toHaveCount(26);
  await expect(page.getByRole("link", { name: "Afficher plus" })).toHaveCount(0);
  await expect(page).toHaveURL(/\/remboursements$/);

  const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: new URL(page.url()).origin });
  const plain = await noJs.newPage();
  await signIn(plain, "10000001");
  await plain.goto("/remboursements");
  await plain.getByRole("link", { name: "Afficher plus" }).click();
  await expect(plain).toHaveURL(/apres=/);
  await expect(plain.locator(".item--payment")).toHaveCount(6);
  await expect(plain.getByRole("link", { name: /Revenir aux remboursements les plus récents/ })).toBeVisible();
  await noJs.close();
});

test("the yearly summary reads as a table and passes axe", async ({ page }) => {
  await signIn(page, "10000001");
  await page.goto(`/remboursements/synthese?annee=${movedYear("2026-07-18")}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Synthèse de vos soins en ${movedYear("2026-07-18")}`,
  );
  await expect(page.getByRole("table").first()).toBeVisible();
  await expectNoAxeViolations(page);
});
