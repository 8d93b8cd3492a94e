// The back-office's page picker (helpPages) and the routes that show a "Besoin d'aide ?" box stay in step: an
// article ticked for a page no route renders would never be seen, and a route asking for a key the picker does
// not offer could never be given an article.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoHelpArticles } from "./demo-articles.ts";
import { helpPageKeys } from "./themes.ts";

const routesDir = join(import.meta.dirname, "../../routes");
const routes = readdirSync(routesDir)
  .filter((f) => f.endsWith(".tsx"))
  .map((file) => ({ file, text: readFileSync(join(routesDir, file), "utf8") }));
/** The page keys a route asks for: `helpForPage(db, "key")`, whatever the database expression. */
const keysOf = (text: string) =>
  [...text.matchAll(/helpForPage\(\s*[^,()]+(?:\([^)]*\))?[^,()]*,\s*"([a-z-]+)"/g)].map((m) => m[1]!);

describe("« Besoin d'aide ? » pages", () => {
  it("has every page key of the picker rendered by exactly one route, and no route asking for another", () => {
    const owners = new Map<string, string[]>();
    for (const { file, text } of routes)
      for (const key of keysOf(text)) owners.set(key, [...(owners.get(key) ?? []), file]);
    for (const key of helpPageKeys) expect(owners.get(key)?.length, `${key}: ${owners.get(key)?.join(", ")}`).toBe(1);
    expect([...owners.keys()].filter((k) => !(helpPageKeys as readonly string[]).includes(k))).toEqual([]);
  });

  it("renders the box on each route that reads its articles", () => {
    const asking = routes.filter(({ text }) => keysOf(text).length > 0);
    expect(asking.length).toBe(helpPageKeys.length);
    for (const { file, text } of asking) expect(text, file).toMatch(/<HelpLinks articles=\{[^}]+\} \/>/);
  });

  it("is on the member pages the help centre promises (issue 22)", () => {
    const withBox = new Set(routes.filter(({ text }) => keysOf(text).length > 0).map(({ file }) => file));
    for (const file of [
      "accueil.tsx",
      "remboursements.tsx",
      "remboursement-detail.tsx",
      "remboursements-synthese.tsx",
      "demande-nouvelle.tsx",
      "demandes.tsx",
      "demande-detail.tsx",
      "devis-nouveau.tsx",
      "professionnels.tsx",
      "documents.tsx",
      "carte-tiers-payant.tsx",
      "attestation.tsx",
      "ma-mutuelle.tsx",
      "resiliation.tsx",
      "echeancier.tsx",
      "garanties.tsx",
      "coordonnees-bancaires.tsx",
      "beneficiaires.tsx",
      "offre.tsx",
      "offre-changer-de-niveau.tsx",
      "messagerie.tsx",
      "messagerie-nouveau.tsx",
      "messagerie-fil.tsx",
      "mon-compte.tsx",
    ])
      expect(withBox.has(file), file).toBe(true);
  });

  it("gives every page at least one of the demo's articles", () => {
    for (const key of helpPageKeys)
      expect(demoHelpArticles.filter((a) => a.pages.includes(key)).length, key).toBeGreaterThan(0);
  });
});
