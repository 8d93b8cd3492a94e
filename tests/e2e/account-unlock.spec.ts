// The unlock page mailed when an account reached the hard ceiling of failed sign-ins: a button on GET (mail
// scanners), the refusal of a link that is no longer valid said in French next to a way forward; accessible.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./helpers.ts";

test("the unlock page shows a button, and explains a link that no longer works", async ({ page }) => {
  await page.goto("/connexion/debloquer?jeton=lien-perime");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "Débloquer mon compte" })).toBeVisible();
  await expectNoAxeViolations(page);
  await main.getByRole("button", { name: "Débloquer mon compte" }).click();
  await expect(main.getByText("Ce lien de déblocage n'est plus valable")).toBeVisible();
  await expect(main.getByRole("link", { name: "Se connecter" })).toBeVisible();
  await expectNoAxeViolations(page);
});
