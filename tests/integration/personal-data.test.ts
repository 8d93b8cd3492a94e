// Personal data (issue 23): the legal and privacy notices from the brand file, public and linked from every
// footer.
import { join } from "node:path";
import { describe, expect, test } from "../support/fixtures.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";

describe("legal and privacy notices", () => {
  test("publishes the legal notice without sign-in: publisher, director, supervisor, host", async ({ server }) => {
    const res = await fetch(`${server.baseUrl}/mentions-legales`);
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain("Mentions légales");
    expect(text).toContain("SIREN 000 000 000");
    expect(text).toContain("Camille Exemple");
    expect(text).toContain("Autorité de contrôle prudentiel et de résolution");
    expect(text).toContain("Hébergeur Démo");
  });

  test("publishes the privacy notice: DPO, purposes and bases, retention per kind, recipients, rights, CNIL", async ({
    server,
  }) => {
    const res = await fetch(`${server.baseUrl}/confidentialite`);
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain("dpo@mutuelle.example");
    expect(text).toContain(
      "Tenir la comptabilité, lutter contre le blanchiment et répondre aux autorités obligation légale",
    );
    expect(text).toContain("Messages et leurs pièces jointes 1 an après le message");
    expect(text).toContain("10 ans après le paiement");
    expect(text).toContain("L'assurance maladie obligatoire");
    expect(text).toContain("ne sont pas transférées hors de l'Union européenne");
    expect(text).toContain("droit d'accès et à la portabilité");
    expect(text).toContain("3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07");
  });

  test("links both from the footer of the sign-in pages and of every member page", async ({ server }) => {
    const links = [
      /<a href="\/mentions-legales">Mentions légales<\/a>/,
      /<a href="\/confidentialite">Données personnelles<\/a>/,
    ];
    for (const path of ["/connexion", "/mot-de-passe-oublie", "/aide-contact", "/confidentialite"]) {
      const html = await (await fetch(server.baseUrl + path)).text();
      for (const link of links) expect(html, path).toMatch(link);
    }
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    for (const path of ["/", "/mon-compte", "/remboursements"]) {
      const html = await (await member.get(path)).text();
      for (const link of links) expect(html, path).toMatch(link);
    }
  });

  test("refuses to start on a brand file without a privacy notice, naming the field", async ({ server }) => {
    const { loadBrand } = await import("../../app/modules/config/brand.server.ts");
    const { readFileSync, writeFileSync } = await import("node:fs");
    const brand = JSON.parse(readFileSync("config/mutuelle.demo.json", "utf8")) as Record<string, unknown>;
    delete brand.privacy;
    const file = join(server.dataDir, "marque-sans-confidentialite.json");
    writeFileSync(file, JSON.stringify(brand));
    expect(() => loadBrand(file)).toThrow(/privacy/);
  });
});
