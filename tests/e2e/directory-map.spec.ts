// Issue 22: a map beside the partner network's list when the mutuelle configures a tile server. This spec runs a
// server of its own with MAP_TILE_URL pointing at a tile server started here (one PNG for every tile). Without
// the setting (the shared server), directory.spec.ts checks that no map and no map script reach the page.
import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn } from "./helpers.ts";
import { freePort, useOwnServer } from "./own-server.ts";

// A 1×1 PNG: Leaflet draws it at 256 × 256, which is all the test needs to see tiles load.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const tilePort = freePort();
const tileRequests: string[] = [];
let tiles: Server | undefined;

test.beforeAll(async () => {
  tiles = createServer((req, res) => {
    tileRequests.push(req.url ?? "");
    if (!/^\/tuiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? "")) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "image/png", "Content-Length": png.length }).end(png);
  });
  await new Promise<void>((resolve) => tiles?.listen(tilePort, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise((resolve) => tiles?.close(resolve));
});

useOwnServer({
  env: {
    MAP_TILE_URL: `http://127.0.0.1:${tilePort}/tuiles/{z}/{x}/{y}.png`,
    MAP_ATTRIBUTION: "Fond de carte de démonstration",
  },
});

const search = "/professionnels?lieu=69003&specialite=opticien&partenaires=1";

test("with a tile server configured, the map beside the list shows its numbered markers, keyboard accessible", async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  await signIn(page, "10000001");
  await page.goto(search);
  const list = page.locator(".directory__list > li");
  await expect(list.first().getByRole("heading", { level: 3 })).toHaveText("Optique des Pentes");
  const count = await list.count();
  expect(count).toBeGreaterThan(1);

  const map = page.getByRole("region", { name: "Carte des professionnels de la liste" });
  await expect(map).toBeVisible();
  const markers = map.locator(".results-map__marker");
  await expect(markers).toHaveCount(count);
  await expect(markers.first()).toHaveAttribute("aria-label", /^1\. Optique des Pentes, \d+ m, Lyon$/);
  await expect(markers.nth(count - 1)).toHaveText(String(count));
  // Tiles come from the configured server, its credit in the corner.
  await expect(map.locator("img.leaflet-tile-loaded").first()).toBeVisible();
  expect(tileRequests.some((url) => /^\/tuiles\/\d+\/\d+\/\d+\.png$/.test(url))).toBe(true);
  await expect(map.locator(".leaflet-control-attribution")).toContainText("Fond de carte de démonstration");
  // Beside the list on a desktop screen.
  const listBox = await page.locator(".directory__list").boundingBox();
  const mapBox = await map.boundingBox();
  expect(mapBox!.x).toBeGreaterThan(listBox!.x + listBox!.width - 1);
  // The script is Leaflet's chunk, loaded on this page only.
  expect(scripts.some((p) => p.includes("results-map.client"))).toBe(true);

  // Keyboard: a marker takes focus, Enter opens its popup, whose link leads to the list's item.
  await markers.first().focus();
  await page.keyboard.press("Enter");
  const popup = map.locator(".leaflet-popup");
  await expect(popup).toContainText("1. Optique des Pentes");
  await expect(popup.getByRole("button", { name: "Fermer" })).toBeVisible();
  await expectNoAxeViolations(page);
  await popup.getByRole("link", { name: "Voir dans la liste" }).click();
  await expect(page).toHaveURL(/#pro-/);

  // Another member page: no map script.
  scripts.length = 0;
  await page.goto("/remboursements");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(scripts.filter((p) => p.includes("results-map.client"))).toEqual([]);
});

test("the agencies on Aide et contact get the same map, numbered as listed", async ({ page }) => {
  await page.goto("/aide-contact?lieu=35000");
  const agencies = page.locator("#agences ~ .directory__results > ol > li");
  await expect(agencies.first().getByRole("heading", { level: 3 })).toHaveText("Agence de Rennes République");
  const map = page.getByRole("region", { name: "Carte des agences de la liste" });
  const markers = map.locator(".results-map__marker");
  await expect(markers).toHaveCount(await agencies.count());
  await expect(markers.first()).toHaveAttribute("aria-label", /^1\. Agence de Rennes République, à \d/);
  await expect(map.locator("img.leaflet-tile-loaded").first()).toBeVisible();
  await expectNoAxeViolations(page);
  // On a 360 px phone: below the list, nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 800 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth))
    .toBe(0);
  const listBox = await page.locator("#agences ~ .directory__results > ol").boundingBox();
  expect((await map.boundingBox())!.y).toBeGreaterThanOrEqual(listBox!.y + listBox!.height);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the list alone, complete, and no map", async ({ page }) => {
    await page.goto("/connexion");
    await page.getByLabel("Numéro d'adhérent ou adresse e-mail").fill("10000001");
    await page.getByLabel("Mot de passe").fill("demo-adherent-2026");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.goto(search);
    await expect(page.locator(".directory__list > li").first().getByRole("heading", { level: 3 })).toHaveText(
      "Optique des Pentes",
    );
    await expect(page.locator(".results-map")).toHaveCount(0);
  });
});
