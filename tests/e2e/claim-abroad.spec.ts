import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";

// Issue 20, item 2: country, currency and the amount in that currency only for care abroad, on a phone.
test.use({ viewport: { width: 390, height: 844 } });

for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("Pays and Monnaie appear only once « À l'étranger » is chosen, and the amount names its currency", async ({
      page,
    }) => {
      await signIn(page, "10000001");
      await page.goto("/demandes/nouvelle");
      await expect(page.getByLabel("Pays du soin *")).toBeHidden();
      await expect(page.getByLabel("Monnaie payée *")).toBeHidden();
      await expect(page.getByLabel("Montant payé, en euros *")).toBeVisible();
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      await page.getByLabel("À l'étranger").check();
      await expect(page.getByLabel("Pays du soin *")).toBeVisible();
      await expect(page.getByLabel("Monnaie payée *")).toBeVisible();
      await expect(page.getByLabel("Montant payé, dans la monnaie choisie ci-dessus *")).toBeVisible();
      await expect(page.getByLabel("Montant payé, en euros *")).toBeHidden();
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      await page.getByLabel("En France").check();
      await expect(page.getByLabel("Pays du soin *")).toBeHidden();

      // An empty date says it is missing, next to the field.
      await page.getByRole("button", { name: "Continuer" }).click();
      await expect(page.locator("#careDate-erreur")).toContainText("Indiquez la date du soin.");
      await expect(page.getByRole("main").getByText("2 ans et 3 mois")).toHaveCount(0);
    });
  });
}
