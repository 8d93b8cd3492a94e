import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";
import { movedYear, thisYear } from "../support/clock.ts";

test("Benoit reads the Optimale table, Sarah's médecines douces meter (this year's), and downloads the PDF", async ({
  page,
}) => {
  await signIn(page, "10000001");
  await page.getByRole("link", { name: "Mes garanties" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes garanties" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Niveau Optimale", { exact: false })).toBeVisible();

  await page.getByRole("main").getByText("Sarah Mancion").click(); // opens her usage details
  const sarah = page.locator("details", { hasText: "Sarah Mancion" });
  // Her chiropractie session (28/05 in the source document) counts in the year it fell: in January, last year's has reset.
  if (movedYear("2026-05-28") === thisYear)
    await expect(sarah).toContainText(/Médecines douces\s*75,00\s€ utilisés sur 150,00\s€, 3 séances restantes/);
  else await expect(sarah).toContainText(/Médecines douces\s*0,00\s€ utilisés sur 150,00\s€, 4 séances restantes/);

  // Renewal meters named by their part alone, not the group's name repeated before it.
  await expect(sarah).toContainText("Renouvellement de l'aide auditive, oreille gauche");
  await expect(sarah).not.toContainText("— oreille");

  await page.getByLabel("Rechercher une garantie").fill("lunettes");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("main").getByText("Verres complexes (classe B, par verre)")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Dentaire" })).toHaveCount(0);

  await expectNoAxeViolations(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Télécharger le tableau de garanties (PDF)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("tableau-de-garanties-optimale.pdf");
});
