import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";

// Issue 20, items 8 and 14: the yearly summary readable on a 360 px phone; the document's shortcuts at 390 px.

test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 800 } });

  test("the yearly summary's chart labels are at least 12 px and no table hides Mutuelle or Reste à charge", async ({
    page,
  }) => {
    await signIn(page, "10000001");
    await page.goto("/remboursements/synthese");
    const labels = page.locator(".chart-label");
    expect(await labels.count()).toBeGreaterThan(0);
    // Both the computed size and the size on screen: an SVG's text keeps its computed size while it shrinks.
    const sizes = await labels.evaluateAll((els) =>
      els.map((el) => ({ font: parseFloat(getComputedStyle(el).fontSize), height: el.getBoundingClientRect().height })),
    );
    for (const size of sizes) {
      expect(size.font).toBeGreaterThanOrEqual(12);
      expect(size.height).toBeGreaterThanOrEqual(12);
    }

    const tables = page.locator("table");
    expect(await tables.count()).toBeGreaterThan(0);
    for (const table of await tables.all()) {
      // Still a table for screen readers, with its column headers…
      await expect(table.getByRole("columnheader", { name: "Mutuelle" })).toHaveCount(1);
      await expect(table.getByRole("columnheader", { name: "Reste à charge" })).toHaveCount(1);
      // …and on screen every row's Mutuelle and Reste à charge amounts lie within the phone's width.
      for (const label of ["Mutuelle", "Reste à charge"]) {
        for (const cell of await table.locator(`td[data-label="${label}"]`).all()) {
          await cell.scrollIntoViewIfNeeded();
          const box = (await cell.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(360);
          // Whole to within a pixel: a cell may sit on a fractional position in its scroll box (ratio 0.994
          // seen once the household table was added above: under a pixel of a 150 px cell).
          await expect(cell).toBeInViewport({ ratio: 0.99 });
        }
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page);
  });
});

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("Mes remboursements offers the document's shortcuts, and the footer the main sections", async ({ page }) => {
    await signIn(page, "10000001");
    await page.goto("/remboursements");
    await expect(page.getByRole("link", { name: /Faire une demande de remboursement/ })).toBeVisible();
    await page.getByRole("link", { name: /Mes coordonnées bancaires/ }).click();
    await expect(page).toHaveURL(/\/ma-mutuelle\/coordonnees-bancaires$/);
    await expect(page.getByRole("main").getByText("Un changement de situation ?")).toBeVisible();
    const footer = page.getByRole("navigation", { name: "Rubriques principales" });
    for (const name of ["Ma mutuelle", "Prestations", "Messagerie", "Mon compte"])
      await expect(footer.getByRole("link", { name })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
    await page.goto("/remboursements");
    await expectNoAxeViolations(page);
  });
});

test.describe("the chart, beyond colour (issue 25, item 10)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the household's split per care type is in a table, and each part has its pattern, in forced colours too", async ({
    page,
  }) => {
    await signIn(page, "10000001");
    await page.goto("/remboursements/synthese");
    const household = page.getByRole("table", { name: /Soins de tout le foyer en \d{4}, par type de soin/ });
    await expect(household).toBeVisible();
    // One row per bar of the chart, with the same total.
    const bars = await page.locator(".chart-label").allTextContents();
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars) {
      const [label] = bar.split(" — ");
      await expect(household.getByRole("rowheader", { name: label!, exact: true })).toHaveCount(1);
    }
    const fills = async () =>
      page.evaluate(() =>
        ["seg-amo", "seg-amc", "seg-rac"].map((c) => {
          const bar = document.querySelector(`.chart-bar.${c}`);
          return bar ? getComputedStyle(bar).fill : null;
        }),
      );
    const [amo, amc, rac] = await fills();
    expect(amo).toContain("motif-amo");
    expect(rac).toContain("motif-rac");
    expect(amc).not.toContain("url(");
    await expectNoAxeViolations(page);

    await page.emulateMedia({ forcedColors: "active" });
    const forced = await fills();
    expect(forced[0]).toContain("motif-amo");
    expect(forced[2]).toContain("motif-rac");
    // The plain part takes the text colour, and every bar is outlined.
    const outlined = await page.evaluate(() => getComputedStyle(document.querySelector(".chart-bar")!).strokeWidth);
    expect(outlined).toBe("1px");
  });
});
