// Page titles (RGAA 8.6, WCAG 2.4.2): the first thing a screen reader announces on each page says where the
// person is, which step, and whether the form came back with errors (issue 25, item 13).
import { describe, expect, test } from "../support/fixtures.ts";
import { TestClient } from "../support/http-client.ts";
import { thisYear } from "../support/clock.ts";

const decode = (s: string) =>
  s
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"');
async function titleOf(res: Response): Promise<string> {
  return decode(/<title>([^<]*)<\/title>/.exec(await res.text())?.[1] ?? "");
}

describe("page titles", () => {
  test("names the site on the card page", async ({ member: benoit }) => {
    expect(await titleOf(await benoit.get("/documents/carte-tiers-payant/2026"))).toBe(
      "Carte de tiers payant 2026 – Espace adhérent",
    );
  });

  test("names the legal pages and the member's personal data pages", async ({ server, member: benoit }) => {
    const visitor = new TestClient(server.baseUrl);
    expect(await titleOf(await visitor.get("/mentions-legales"))).toBe("Mentions légales – Espace adhérent");
    expect(await titleOf(await visitor.get("/confidentialite"))).toBe("Politique de confidentialité – Espace adhérent");
    expect(await titleOf(await benoit.get("/mon-compte/donnees-personnelles"))).toBe(
      "Mes données personnelles – Espace adhérent",
    );
    expect(await titleOf(await benoit.get("/mon-compte/preferences"))).toBe(
      "Mes préférences de notification – Espace adhérent",
    );
  });

  test("names the claim wizard's step", async ({ member: benoit }) => {
    expect(await titleOf(await benoit.get("/demandes/nouvelle"))).toBe(
      "Étape 1 sur 3 : Détail du soin – Demander un remboursement – Espace adhérent",
    );
  });

  test("names the partner network search, with « Erreur » when the place is unknown", async ({ member: benoit }) => {
    expect(await titleOf(await benoit.get("/professionnels"))).toBe(
      "Trouver un professionnel de santé – Espace adhérent",
    );
    expect(await titleOf(await benoit.get("/professionnels?lieu=Zzyzx"))).toBe(
      "Erreur – Trouver un professionnel de santé – Espace adhérent",
    );
  });

  test("starts with « Erreur » when a form comes back with its errors, or a page is not found", async ({
    member: benoit,
  }) => {
    const res = await benoit.post("/mon-compte/verification", { password: "pas le bon mot de passe" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await titleOf(res)).toBe("Erreur – Confirmer votre identité – Espace adhérent");
    expect(await titleOf(await benoit.get("/documents/carte-tiers-payant/2024"))).toMatch(/^Erreur – /);
    // A page without error keeps its plain title.
    expect(await titleOf(await benoit.get("/mon-compte/verification"))).toBe(
      "Confirmer votre identité – Espace adhérent",
    );
  });

  test("names the offer's pages, for a visitor and for a member", async ({ server, member: benoit }) => {
    expect(await titleOf(await fetch(server.baseUrl + "/offre"))).toBe("Obtenir un tarif – Espace adhérent");
    expect(await titleOf(await benoit.get("/offre"))).toBe("Mon offre et les autres niveaux – Espace adhérent");
    expect(await titleOf(await benoit.get("/offre/changer-de-niveau?niveau=essentielle"))).toBe(
      "Changer de niveau de garantie – Espace adhérent",
    );
    expect(await titleOf(await benoit.get("/ma-mutuelle/resiliation"))).toBe("Résilier mon contrat – Espace adhérent");
    expect(await titleOf(await fetch(server.baseUrl + "/offre/adherer"))).toBe(
      "Étape 1 sur 10 : Vous – Adhérer en ligne – Espace adhérent",
    );
    expect(await titleOf(await fetch(server.baseUrl + "/offre/adherer/reprendre?jeton=inconnu"))).toBe(
      "Erreur – Reprendre mon adhésion – Espace adhérent",
    );
  });

  test("gives each advisor queue and each message thread its own title", async ({ advisor }) => {
    const claims = await titleOf(await advisor.get("/back-office/demandes?file=remboursements"));
    const quotes = await titleOf(await advisor.get("/back-office/demandes?file=devis"));
    expect(claims).toBe("Demandes de remboursement – Files de traitement – Espace conseiller");
    expect(quotes).toBe("Devis – Files de traitement – Espace conseiller");
    const inbox = await (await advisor.get("/back-office/messagerie")).text();
    const threads = [
      ...new Set([...inbox.matchAll(/href="(\/back-office\/messagerie\/[0-9a-f-]{36})"/g)].map((m) => m[1]!)),
    ];
    expect(threads.length).toBeGreaterThan(0);
    const threadTitle = await titleOf(await advisor.get(threads[0]!));
    expect(threadTitle).toMatch(/^.+ – Message – Espace conseiller$/);
    expect(threadTitle).not.toBe("Message – Espace conseiller");
  });
});

describe("site map and glossary (issue 25, items 14 and 15)", () => {
  test("lists every section under the menu's labels, and explains the jargon the pages mark with <abbr>", async ({
    server,
    member: benoit,
  }) => {
    const visitor = new TestClient(server.baseUrl);
    const map = await visitor.get("/plan-du-site");
    expect(map.status).toBe(200);
    const html = await map.text();
    expect(await titleOf(new Response(html))).toBe("Plan du site – Espace adhérent");
    // The main navigation's labels, each a heading of the map, leading to the same address.
    for (const [label, href] of [
      ["Ma mutuelle", "/ma-mutuelle"],
      ["Prestations", "/remboursements"],
      ["Messagerie", "/messagerie"],
      ["Actualités", "/actualites"],
      ["Mon compte", "/mon-compte"],
    ])
      expect(html).toContain(`<a href="${href}">${label}</a>`);
    for (const href of ["/demandes", "/documents", "/devis/nouveau", "/glossaire", "/accessibilite"])
      expect(html).toContain(`href="${href}"`);
    // The menu's label is in the page's title: "Prestations" leads to "Prestations : mes remboursements".
    expect(await titleOf(await benoit.get("/remboursements"))).toBe(
      "Prestations : mes remboursements – Espace adhérent",
    );
    // Every page's footer links the map and the glossary.
    const home = await benoit.get("/");
    const homeHtml = await home.text();
    expect(homeHtml).toContain('href="/plan-du-site"');
    expect(homeHtml).toContain('href="/glossaire"');

    const glossary = await (await visitor.get("/glossaire")).text();
    expect(await titleOf(new Response(glossary))).toBe("Glossaire – Espace adhérent");
    for (const id of [
      "amo",
      "amc",
      "base-de-remboursement",
      "reste-a-charge",
      "optam",
      "adeli-rpps",
      "critere-secondaire",
    ])
      expect(glossary).toContain(`id="${id}"`);
    expect(await (await benoit.get("/devis/nouveau")).text()).toMatch(
      /<abbr title="Base de remboursement">BR<\/abbr>[\s\S]*href="\/glossaire#base-de-remboursement"/,
    );
    expect(await (await benoit.get(`/documents/carte-tiers-payant/${thisYear}`)).text()).toContain(
      '<abbr title="Assurance maladie complémentaire">AMC</abbr>',
    );
  });
});
