// The help centre (/aide) and the messagerie by category (issue 22): an administrateur writes, previews,
// publishes and withdraws articles and their illustrations; members read only what is published, search it in
// French with or without accents, best match first, and see it where they need it ("Besoin d'aide ?", before
// writing a message); the member's message list filters by category and status, within their household only.
// Over HTTP against the built server, on PGlite and on PostgreSQL.
import { readFileSync } from "node:fs";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpArticle } from "../../app/modules/help/schema.ts";
import { household } from "../../app/modules/households/schema.ts";
import { messageThread } from "../../app/modules/messaging/schema.ts";
import { startBackOfficeCast } from "../support/back-office-cast.ts";
import { testClock } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import type { TestServer } from "../support/test-server.ts";

let server: TestServer;
let benoit: TestClient;
let conseiller: TestClient;
let admin: TestClient;
let visitor: TestClient;

beforeAll(async () => {
  ({ server, benoit, conseiller, admin } = await startBackOfficeCast());
  visitor = new TestClient(server.baseUrl);
}, 120_000);
afterAll(() => server.close());

const adminPage = "/back-office/administration/aide";
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1]?.replace(/&#x27;/g, "'") ?? "";
/** The article addresses of a search result list, in their order. */
const resultSlugs = (html: string) => {
  const list = /<ol class="item-list help-results">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/href="\/aide\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
};
const search = async (words: string) => {
  const res = await benoit.get(`/aide?q=${encodeURIComponent(words)}`);
  expect(res.status).toBe(200);
  return resultSlugs(await res.text());
};

function article(overrides: Record<string, string | string[]> = {}) {
  const base: Record<string, string | string[]> = {
    title: "Article de test",
    slug: "article-de-test",
    theme: "remboursements",
    summary: "Un résumé de l'article de test.",
    body: "Le texte de l'article de test, assez long.",
    pages: [],
    position: "50",
    ...overrides,
  };
  return base;
}

/** Posts an article form (the "pages" checkboxes repeat), as a browser does. */
async function postArticle(client: TestClient, path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return fetch(server.baseUrl + path, {
    method: "POST",
    redirect: "manual",
    body,
    headers: {
      cookie: (client as unknown as { cookieHeader(): string }).cookieHeader(),
      origin: server.baseUrl,
      "sec-fetch-site": "same-origin",
      "content-type": "application/x-www-form-urlencoded",
    },
  });
}

async function createAndGetId(fields: Record<string, string | string[]>): Promise<string> {
  const res = await postArticle(admin, adminPage, fields);
  expect(res.status).toBe(302);
  const id = /\/aide\/([0-9a-f-]{36})\?fait=cree$/.exec(res.headers.get("location") ?? "")?.[1];
  expect(id).toBeTruthy();
  return id!;
}

describe("help centre: reading", () => {
  it("lists the demo's published articles by theme, for members and for visitors who cannot sign in", async () => {
    const res = await visitor.get("/aide");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(titleOf(html)).toBe("Aide : questions fréquentes – Espace adhérent");
    const text = visibleText(html);
    for (const theme of ["Remboursements", "Carte de tiers payant et attestations", "Contrat, bénéficiaires et RIB"])
      expect(text).toContain(theme);
    expect(text).toContain("Modifier mon RIB (coordonnées bancaires)");
    const page = await benoit.get("/aide/modifier-son-rib");
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(titleOf(body)).toBe("Modifier mon RIB (coordonnées bancaires) – Aide – Espace adhérent");
    // Markdown rendered: numbered steps, headings under the page's h1, links to the site's pages.
    expect(body).toContain("<h2>Les étapes</h2>");
    expect(body).toMatch(/<ol>\s*<li>Ouvrez <a href="\/ma-mutuelle\/coordonnees-bancaires">/);
    expect((await benoit.get("/aide/n-existe-pas")).status).toBe(404);
  });

  it("searches in French, with or without accents and capitals, best match first", async () => {
    expect((await search("télécharger la carte"))[0]).toBe("obtenir-sa-carte-de-tiers-payant");
    expect((await search("telecharger la carte"))[0]).toBe("obtenir-sa-carte-de-tiers-payant");
    expect((await search("BÉNÉFICIAIRE"))[0]).toBe("ajouter-un-beneficiaire");
    expect((await search("beneficiaire"))[0]).toBe("ajouter-un-beneficiaire");
    // A hyphen inside a word is a space: "tiers-payant" finds the article that writes "tiers payant".
    expect((await search("carte tiers-payant"))[0]).toBe("obtenir-sa-carte-de-tiers-payant");
    expect(await search("tiers-payant")).toContain("obtenir-sa-carte-de-tiers-payant");
    // Stemming: "remboursements" finds articles that say "remboursement".
    expect(await search("remboursements")).toContain("demander-un-remboursement");
    const none = await benoit.get(`/aide?q=${encodeURIComponent("xylophone")}`);
    expect(visibleText(await none.text())).toContain("Aucun article ne répond à « xylophone »");
    // Anything typed is accepted (no syntax error reaches the database); too long is a French 400.
    expect((await benoit.get(`/aide?q=${encodeURIComponent('"carte -(( or & !')}`)).status).toBe(200);
    const long = await benoit.get(`/aide?q=${"a".repeat(201)}`);
    expect(long.status).toBe(400);
    expect(visibleText(await long.text())).toContain("Votre recherche fait 200 caractères au plus.");
  });

  it("shows « Besoin d'aide ? » on the member's pages, and suggests articles and services before writing", async () => {
    const pages: [string, string][] = [
      ["/remboursements", "/aide/demander-un-remboursement"],
      [`/documents/carte-tiers-payant/${testClock.today().slice(0, 4)}`, "/aide/obtenir-sa-carte-de-tiers-payant"],
      ["/demandes", "/aide/suivre-mes-demarches"],
      ["/devis/nouveau", "/aide/envoyer-un-devis"],
      ["/ma-mutuelle/coordonnees-bancaires", "/aide/modifier-son-rib"],
      ["/ma-mutuelle/beneficiaires", "/aide/ajouter-un-beneficiaire"],
      ["/messagerie", "/aide/ecrire-a-ma-mutuelle"],
      // Issue 22's "on each member page": the two pages the picker offered without a box, then the others.
      ["/demandes/nouvelle", "/aide/demander-un-remboursement"],
      ["/mon-compte", "/aide/se-connecter-mot-de-passe-oublie"],
      ["/", "/aide/obtenir-sa-carte-de-tiers-payant"],
      ["/remboursements/synthese", "/aide/lire-un-remboursement"],
      ["/professionnels", "/aide/trouver-un-professionnel-de-sante"],
      ["/documents/attestation-de-droits", "/aide/attestation-de-droits"],
      ["/ma-mutuelle", "/aide/comprendre-mes-garanties"],
      ["/ma-mutuelle/garanties", "/aide/comprendre-mes-garanties"],
      ["/offre", "/aide/comprendre-mes-garanties"],
      // The pages the accessibility review found without the box: the résiliation first.
      ["/ma-mutuelle/resiliation", "/aide/resilier-mon-contrat"],
      [`/documents/echeancier/${testClock.today().slice(0, 4)}`, "/aide/modifier-son-rib"],
      ["/offre/changer-de-niveau?niveau=equilibre", "/aide/comprendre-mes-garanties"],
      ["/messagerie/nouveau", "/aide/ecrire-a-ma-mutuelle"],
    ];
    // The detail pages, at the first item each list links to.
    const firstLink = async (list: string, pattern: RegExp) => {
      const path = pattern.exec(await (await benoit.get(list)).text())?.[1];
      expect(path, list).toBeTruthy();
      return path!;
    };
    const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    pages.push(
      [
        await firstLink("/remboursements", new RegExp(`href="(/remboursements/${uuid})"`)),
        "/aide/lire-un-remboursement",
      ],
      [await firstLink("/demandes", new RegExp(`href="(/demandes/${uuid})"`)), "/aide/suivre-mes-demarches"],
      [await firstLink("/messagerie", new RegExp(`href="(/messagerie/${uuid})"`)), "/aide/suivre-mes-messages"],
    );
    for (const [path, link] of pages) {
      const res = await benoit.get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      // A complementary landmark named by its heading (three links at most, then the help centre).
      const box = /<aside class="help-links card" aria-labelledby="besoin-d-aide">([\s\S]*?)<\/aside>/.exec(html)?.[1];
      expect(box, path).toContain(`<h2 id="besoin-d-aide">Besoin d&#x27;aide ?</h2>`);
      expect(box, path).toContain(`href="${link}"`);
      expect([...box!.matchAll(/href="\/aide\/[a-z0-9-]+"/g)].length, path).toBeLessThanOrEqual(3);
      // No other link of the page has the same words and leads elsewhere (RGAA 6.1: « Demander un remboursement »
      // is the form's link on the dashboard and Mes démarches; the article is « Comment demander un remboursement »).
      const linkTexts = (part: string) =>
        [...part.matchAll(/<a [^>]*>([\s\S]*?)<\/a>/g)].map((m) => visibleText(m[1]!).trim());
      const outside = new Set(linkTexts(html.replace(box!, "")));
      expect(
        linkTexts(box!).filter((t) => outside.has(t)),
        path,
      ).toEqual([]);
    }
    // The dashboard's « Bon à savoir », as in the source document, leads to the tutorials.
    expect(visibleText(await (await benoit.get("/")).text())).toContain("Bon à savoir : découvrez les tutos");
    const service = await (
      await benoit.get("/messagerie/nouveau?categorie=modification-contrat&sujet=ajout-beneficiaires")
    ).text();
    expect(visibleText(service)).toContain("Bon à savoir ! Un service en ligne « Ajout de bénéficiaires »");
    expect(service).toContain('href="/aide/ajouter-un-beneficiaire"');
    const compose = await (
      await benoit.get("/messagerie/nouveau?categorie=modification-contrat&sujet=coordonnees-bancaires&ecrire=1")
    ).text();
    expect(visibleText(compose)).toContain("Avant d'écrire");
    expect(compose).toContain('href="/aide/modifier-son-rib"');
    expect(compose).toContain('href="/ma-mutuelle/coordonnees-bancaires"');
  });
});

describe("help centre: writing", () => {
  it("keeps a draft from members, previews it without saving, publishes it dated today, and withdraws it", async () => {
    expect((await conseiller.get(adminPage)).status).toBe(404);
    expect((await benoit.get(adminPage)).status).toBe(404);
    const bad = await postArticle(admin, adminPage, article({ title: "", slug: "Pas Bon", theme: "x" }));
    expect(bad.status).toBe(400);
    const errors = visibleText(await bad.text());
    expect(errors).toContain("Saisissez un titre");
    expect(errors).toContain("L'adresse s'écrit en minuscules");
    expect(errors).toContain("Choisissez un thème.");
    const taken = await postArticle(admin, adminPage, article({ slug: "modifier-son-rib" }));
    expect(taken.status).toBe(409);
    expect(visibleText(await taken.text())).toContain("Un autre article a déjà cette adresse.");

    const id = await createAndGetId(
      article({
        title: "Ostéodensitométrie : ce qui est pris en charge",
        slug: "osteodensitometrie",
        body: "## L'examen\n\nL'ostéodensitométrie mesure la densité des os.",
        pages: ["remboursements", "demandes"],
        position: "1", // first in the page's box (three articles at most)
      }),
    );
    // A draft: not on /aide, not found at its address, not in search, not on the pages it is attached to.
    expect(visibleText(await (await benoit.get("/aide")).text())).not.toContain("Ostéodensitométrie");
    expect((await benoit.get("/aide/osteodensitometrie")).status).toBe(404);
    expect(await search("osteodensitometrie")).toEqual([]);
    expect(await (await benoit.get("/demandes")).text()).not.toContain("/aide/osteodensitometrie");

    const here = `${adminPage}/${id}`;
    const preview = await postArticle(admin, here, {
      ...article({ title: "Ostéodensitométrie", slug: "osteodensitometrie", body: "## Aperçu seulement\n\n**Gras**" }),
      intent: "preview",
    });
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain("Aperçu (non enregistré)");
    expect(previewHtml).toContain("<h2>Aperçu seulement</h2>");
    const [stored] = await server.services.db
      .select({ body: helpArticle.body, status: helpArticle.status })
      .from(helpArticle)
      .where(eq(helpArticle.id, id));
    expect(stored).toEqual({ body: "## L'examen\n\nL'ostéodensitométrie mesure la densité des os.", status: "draft" });

    expect((await admin.post(here, { intent: "publish" })).headers.get("location")).toBe(`${here}?fait=publie`);
    const [published] = await server.services.db
      .select({ publishedOn: helpArticle.publishedOn })
      .from(helpArticle)
      .where(eq(helpArticle.id, id));
    expect(published!.publishedOn).toBe(testClock.today());
    const page = await benoit.get("/aide/osteodensitometrie");
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain("L'ostéodensitométrie mesure la densité des os.");
    expect(await search("ostéodensitométrie")).toEqual(["osteodensitometrie"]);
    expect(await (await benoit.get("/demandes")).text()).toContain('href="/aide/osteodensitometrie"');

    await admin.post(here, { intent: "unpublish" });
    expect((await benoit.get("/aide/osteodensitometrie")).status).toBe(404);
    expect(await search("osteodensitometrie")).toEqual([]);
  });

  it("ranks an article whose title matches above one that only mentions the word", async () => {
    const inText = await createAndGetId(
      article({
        title: "Cures thermales",
        slug: "cures-thermales",
        summary: "Les séjours en station thermale.",
        body: "Une cure peut aussi soulager une lombalgie chronique, sur prescription.",
      }),
    );
    const inTitle = await createAndGetId(
      article({
        title: "Lombalgie : quels soins sont remboursés ?",
        slug: "lombalgie",
        summary: "Kinésithérapie, ostéopathie et examens.",
        body: "Le médecin traitant oriente vers le bon professionnel.",
      }),
    );
    for (const id of [inText, inTitle]) await admin.post(`${adminPage}/${id}`, { intent: "publish" });
    expect(await search("lombalgie")).toEqual(["lombalgie", "cures-thermales"]);
    expect(await search("LOMBALGIES")).toEqual(["lombalgie", "cures-thermales"]);
  });

  it("neutralises HTML, scripts and unsafe links typed into an article", async () => {
    const body = [
      "<script>alert('xss')</script>",
      '<img src="x" onerror="alert(1)">',
      "[Cliquez](javascript:alert(1))",
      "[Données](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "![Pixel](https://tracker.example/p.png)",
      '<a href="javascript:alert(1)">lien</a>',
      "[Page sûre](/remboursements)",
    ].join("\n\n");
    const id = await createAndGetId(article({ title: "Essai de sécurité", slug: "essai-securite", body }));
    const preview = await (
      await postArticle(admin, `${adminPage}/${id}`, {
        ...article({ slug: "essai-securite" }),
        body,
        intent: "preview",
      })
    ).text();
    await admin.post(`${adminPage}/${id}`, { intent: "publish" });
    const page = await (await benoit.get("/aide/essai-securite")).text();
    for (const html of [page, preview]) {
      const articleHtml = /<div class="help-article__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
      expect(articleHtml).toContain("&lt;script&gt;");
      expect(articleHtml).not.toMatch(/<script|<img|href="(javascript|data)|\sonerror="/i);
      expect(articleHtml).toContain('<a href="/remboursements">Page sûre</a>');
    }
  });

  it("takes illustrations as JPEG or PNG only, checked by content, and shows them in articles", async () => {
    const illustrations = `${adminPage}/illustrations`;
    expect((await conseiller.get(illustrations)).status).toBe(404);
    const png = readFileSync("tests/fixtures/small.png");
    const noAlt = await admin.postMultipart(illustrations, { alt: "" }, [
      { name: "ecran.png", bytes: png, type: "image/png" },
    ]);
    expect(noAlt.status).toBe(400);
    expect(visibleText(await noAlt.text())).toContain("Décrivez l'image en quelques mots");
    const fake = await admin.postMultipart(illustrations, { alt: "Une fausse image" }, [
      { name: "faux.png", bytes: Buffer.from("<html><script>alert(1)</script></html>"), type: "image/png" },
    ]);
    expect(fake.status).toBe(400);
    expect(visibleText(await fake.text())).toContain("n'est ni un PDF, ni une photo JPEG ou PNG");
    const pdf = await admin.postMultipart(illustrations, { alt: "Un PDF" }, [
      {
        name: "doc.pdf",
        bytes: Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
        type: "application/pdf",
      },
    ]);
    expect(pdf.status).toBe(400);
    expect(visibleText(await pdf.text())).toContain("n'est pas une image JPEG ou PNG");

    const ok = await admin.postMultipart(illustrations, { alt: "Le bouton Saisir un RIB" }, [
      { name: "ecran.png", bytes: png, type: "image/png" },
    ]);
    expect(ok.status).toBe(302);
    const list = await (await admin.get(illustrations)).text();
    const id = /\/aide\/illustrations\/([0-9a-f-]{36})\)/.exec(list)?.[1];
    expect(id).toBeTruthy();
    const image = await visitor.get(`/aide/illustrations/${id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect((await visitor.get("/aide/illustrations/00000000-0000-4000-8000-000000000000")).status).toBe(404);

    const articleId = await createAndGetId(
      article({
        title: "Avec une image",
        slug: "avec-image",
        body: `Regardez :\n\n![Le bouton Saisir un RIB](/aide/illustrations/${id})`,
      }),
    );
    await admin.post(`${adminPage}/${articleId}`, { intent: "publish" });
    expect(await (await benoit.get("/aide/avec-image")).text()).toContain(
      `<img src="/aide/illustrations/${id}" alt="Le bouton Saisir un RIB"`,
    );
  });
});

describe("messagerie by category", () => {
  it("lists the categories with their counts, filters by category and status, and stays within the household", async () => {
    const db = server.services.db;
    const homeOf = async (number: string) =>
      (await db.select({ id: household.id }).from(household).where(eq(household.memberNumber, number)))[0]!.id;
    const benoitHome = await homeOf(demo.benoit.number);
    const claireHome = await homeOf(demo.claire.number);
    const at = testClock.now();
    const thread = (householdId: string, category: string, subject: string, status: "open" | "answered") => ({
      householdId,
      category,
      subject,
      status,
      startedBy: "member" as const,
      createdAt: at,
      lastMessageAt: at,
    });
    await db.insert(messageThread).values([
      thread(benoitHome, "cotisations", "echeancier", "open"),
      thread(benoitHome, "cotisations", "prelevement", "answered"),
      thread(benoitHome, "etranger", "depart-etranger", "answered"),
      // Another household's: never counted, never listed for Benoit.
      thread(claireHome, "cotisations", "montant-cotisation", "open"),
      thread(claireHome, "accident", "declarer-accident", "open"),
    ]);
    const expected = async (where = sql`true`) =>
      (
        await db
          .select({ n: count() })
          .from(messageThread)
          .where(and(eq(messageThread.householdId, benoitHome), where))
      )[0]!.n;
    const total = await expected();
    const inCategory = (key: string) => expected(eq(messageThread.category, key));
    const messages = (n: number) => `${n} ${n === 1 ? "message" : "messages"}`;
    const all = await benoit.get("/messagerie");
    const allText = visibleText(await all.text());
    expect(allText).toContain(`Toutes les catégories ${total}`);
    for (const [label, key] of [
      ["Cotisations", "cotisations"],
      ["Information contrat à l'étranger", "etranger"],
      ["Accident", "accident"],
    ])
      expect(allText).toContain(`${label} ${messages(await inCategory(key!))}`);
    // Claire's accident thread is not Benoit's.
    expect(await inCategory("accident")).toBe(0);
    expect(allText).toContain(`Tous les messages (${total})`);

    const cotisations = await inCategory("cotisations");
    expect(cotisations).toBeGreaterThanOrEqual(2);
    const filtered = await benoit.get("/messagerie?categorie=cotisations");
    const html = await filtered.text();
    expect(titleOf(html)).toBe("Cotisations – Messagerie – Espace adhérent");
    const listed = /<ul class="thread-list card"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
    expect([...listed.matchAll(/<li>/g)]).toHaveLength(cotisations);
    expect(visibleText(listed)).not.toMatch(/Montant de ma cotisation|Attestation/);
    expect(visibleText(html)).toContain(`Cotisations (${cotisations})`);
    expect(html).toContain('href="/messagerie?categorie=cotisations&amp;statut=traite"');
    // The page being read is the category's link, not "Tous les messages" above the filters.
    expect(/<nav aria-label="Messagerie">[\s\S]*?<\/nav>/.exec(html)?.[0]).not.toContain("aria-current");
    expect(html).toMatch(/<a href="\/messagerie\?categorie=cotisations" aria-current="page">/);

    const answeredCount = await expected(
      and(eq(messageThread.category, "cotisations"), eq(messageThread.status, "answered")),
    );
    const answered = await (await benoit.get("/messagerie?categorie=cotisations&statut=traite")).text();
    const answeredList = /<ul class="thread-list card"[\s\S]*?<\/ul>/.exec(answered)?.[0] ?? "";
    expect([...answeredList.matchAll(/<li>/g)]).toHaveLength(answeredCount);
    expect(visibleText(answeredList)).not.toContain("En cours");
    expect(visibleText(answeredList)).toContain("Prélèvement des cotisations");
    expect(visibleText(answered)).toContain(`Cotisations · Traité (${answeredCount})`);

    const open = visibleText(await (await benoit.get("/messagerie?statut=en-cours")).text());
    expect(open).toContain(`Tous les messages · En cours (${await expected(eq(messageThread.status, "open"))})`);

    const unknown = await benoit.get("/messagerie?categorie=inconnue&statut=ouvert");
    expect(unknown.status).toBe(400);
    const unknownText = visibleText(await unknown.text());
    expect(unknownText).toContain("Cette catégorie n'existe pas : voici tous vos messages.");
    expect(unknownText).toContain(`Tous les messages (${total})`);
  });
});
