// Push notifications on a phone (issue 23): with JavaScript and the Push API, the preferences page offers to
// add this device; without JavaScript it says what is possible and still lists the devices, each removable by
// its own form; once a device is there, push is offered beside e-mail. Axe clean, no sideways scrolling.
// (The browser's own subscription needs its vendor's push service: the tests of the delivery run a local push
// service, tests/integration/push-notifications.test.ts. Here the device is added as the page's script would.)
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";

test.use({ viewport: { width: 360, height: 800 } });

const sideways = (page: import("@playwright/test").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** A device added as the page's script would post it, from an Android phone's browser. */
async function addAndroidDevice(page: import("@playwright/test").Page, baseURL: string) {
  const added = await page.request.post("/mon-compte/preferences", {
    form: {
      intent: "appareil-ajouter",
      endpoint: "https://fcm.googleapis.com/fcm/send/e2e-device-0123456789",
      p256dh: `B${"A".repeat(86)}`,
      auth: "A".repeat(22),
    },
    headers: {
      origin: baseURL,
      "user-agent":
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    },
    maxRedirects: 0,
  });
  expect(added.status()).toBe(302);
}

test("with the Push API, the page offers to add this device; a device listed brings push beside e-mail", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "10000002");
  await page.goto("/mon-compte/preferences");
  const devices = page.getByRole("region", { name: "Mes appareils" });
  await expect(devices.getByText("Aucun appareil ne reçoit vos notifications.")).toBeVisible();
  await expect(devices.getByRole("button", { name: "Recevoir les notifications sur cet appareil" })).toBeVisible();
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);

  await addAndroidDevice(page, baseURL!);
  await page.reload();
  await expect(devices.getByRole("listitem").filter({ hasText: /^Chrome sur Android, ajouté le / })).toBeVisible();
  await expect(
    page
      .getByRole("group", { name: "Connexion depuis un nouvel appareil" })
      .getByRole("radio", { name: "Par e-mail et par notification sur mes appareils" }),
  ).toBeVisible();
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await devices.getByRole("button", { name: "Retirer Chrome sur Android" }).click();
  await expect(devices.getByText("Aucun appareil ne reçoit vos notifications.")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the page says what is possible, lists a device and removes it with its form", async ({ page, baseURL }) => {
    await signIn(page, "10000002");
    await page.goto("/mon-compte/preferences");
    const devices = page.getByRole("region", { name: "Mes appareils" });
    await expect(devices.getByText(/avec JavaScript activé/)).toBeVisible();
    await expect(devices.getByRole("button", { name: "Recevoir les notifications sur cet appareil" })).toHaveCount(0);
    await expect(page.getByRole("radio", { name: "Par notification sur mes appareils" })).toHaveCount(0);

    await addAndroidDevice(page, baseURL!);
    await page.reload();
    await expect(devices.getByRole("listitem").filter({ hasText: /^Chrome sur Android, ajouté le / })).toBeVisible();
    await expect(
      page.getByRole("group", { name: "Vous avez un nouveau message" }).getByRole("radio", {
        name: "Par notification sur mes appareils",
        exact: true,
      }),
    ).toBeVisible();
    await devices.getByRole("button", { name: "Retirer Chrome sur Android" }).click();
    await expect(
      page.getByRole("main").getByText("L'appareil est retiré : il ne recevra plus de notifications."),
    ).toBeVisible();
    await expect(devices.getByText("Aucun appareil ne reçoit vos notifications.")).toBeVisible();
  });
});
