// The accessibility statement (RGAA 4.1, loi 2005-102 art. 47): public, from the brand configuration, and named
// in the footer of every page, signed in or not.
import { join } from "node:path";
import { describe, expect, test } from "../support/fixtures.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";

const mention = /<a href="\/accessibilite">Accessibilité : partiellement conforme<\/a>/;

describe("accessibility statement", () => {
  test("is public and follows the RGAA model: status, audit, what is not accessible, contact, recourse", async ({
    server,
  }) => {
    const res = await fetch(`${server.baseUrl}/accessibilite`);
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain("Déclaration d'accessibilité");
    expect(text).toContain(
      "L'espace adhérent est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1",
    );
    expect(text).toContain("L'audit du 30/11/2026");
    expect(text).toContain("86 % des critères");
    expect(text).toContain("accessibilite@mutuelle.example");
    expect(text).toContain("Défenseur des droits");
    expect(text).toContain("Libre réponse 71120, 75342 Paris CEDEX 07");
  });

  test("is named in the footer of the sign-in pages and of every member page", async ({ server }) => {
    for (const path of ["/connexion", "/mot-de-passe-oublie", "/aide-contact"]) {
      expect(await (await fetch(server.baseUrl + path)).text(), path).toMatch(mention);
    }
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    for (const path of ["/", "/remboursements", "/mon-compte"]) {
      expect(await (await member.get(path)).text(), path).toMatch(mention);
    }
  });

  test("says 'non conforme' and that no audit was made when the brand gives no statement", async ({ server }) => {
    const { loadBrand } = await import("../../app/modules/config/brand.server.ts");
    const { writeFile } = await import("node:fs/promises");
    const { readFileSync } = await import("node:fs");
    const brand = JSON.parse(readFileSync("config/mutuelle.demo.json", "utf8")) as Record<string, unknown>;
    delete brand.accessibility;
    const file = join(server.dataDir, "marque.json");
    await writeFile(file, JSON.stringify(brand));
    expect(loadBrand(file).accessibility).toEqual({
      status: "non conforme",
      nonConformities: [],
      derogations: [],
      contact: {},
    });
  });
});
