import { expect, type Page, test } from "@playwright/test";
import { signIn, signInAdvisor, signOut } from "./helpers.ts";
import { useOwnServer } from "./own-server.ts";

// An advisor's visits fill "Accès de votre mutuelle" in Mon compte: own server and database.
const server = useOwnServer();

const memberPages = [
  "/",
  "/remboursements",
  "/remboursements/synthese",
  "/remboursements/releve",
  "/ma-mutuelle",
  "/ma-mutuelle/garanties",
  "/ma-mutuelle/beneficiaires",
  "/ma-mutuelle/beneficiaires/ajouter",
  "/ma-mutuelle/coordonnees-bancaires",
  "/documents",
  "/demandes",
  "/demandes/nouvelle",
  "/devis/nouveau",
  "/professionnels",
  "/professionnels?lieu=69003&specialite=opticien",
  "/messagerie",
  "/messagerie/nouveau",
  "/mon-compte",
  "/mon-compte/mot-de-passe",
  "/mon-compte/email",
  "/aide-contact",
  "/aide",
  "/aide?q=carte",
  "/aide/modifier-son-rib",
  "/messagerie?categorie=attestation",
  "/actualites",
  "/plan-du-site",
  "/glossaire",
];

/** How far the page scrolls sideways beyond the window (0 when it fits). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The first link on `listPath` whose address matches `pattern`: a detail page with real data. */
async function firstDetail(page: Page, listPath: string, pattern: RegExp): Promise<string | null> {
  await page.goto(listPath);
  for (const href of await page
    .locator("main a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))) {
    if (pattern.test(href)) return href;
  }
  return null;
}

test("no member page scrolls sideways on a 360 px phone, even after an advisor opened the file", async ({ page }) => {
  // Thirteen visits of one advisor: the accesses table Mon compte shows is as full as it gets.
  await signInAdvisor(page, server.dataDir);
  for (let i = 0; i < 13; i++) await page.goto("/back-office/adherents/10000001");
  await signOut(page);

  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, "10000001");
  const details = [
    await firstDetail(page, "/remboursements", /^\/remboursements\/[0-9a-f-]{36}$/),
    await firstDetail(page, "/demandes", /^\/demandes\/[0-9a-f-]{36}$/),
    await firstDetail(page, "/messagerie", /^\/messagerie\/[0-9a-f-]{36}$/),
    await firstDetail(page, "/documents", /^\/documents\/carte-tiers-payant\/\d{4}$/),
  ].filter((href): href is string => href !== null);
  expect(details.length).toBeGreaterThanOrEqual(3);

  const tooWide: string[] = [];
  for (const path of [...memberPages, ...details]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    const overflow = await sidewaysOverflow(page);
    if (overflow > 0) tooWide.push(`${path}: +${overflow} px`);
  }
  expect(tooWide).toEqual([]);
});
