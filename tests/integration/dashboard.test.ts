import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import type { MemberViewer } from "../../app/modules/accounts/viewer.server.ts";
import { readDashboardLists } from "../../app/modules/dashboard/dashboard.server.ts";
import { memberDocument } from "../../app/modules/documents/schema.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { listPayments } from "../../app/modules/reimbursements/queries.server.ts";
import { listRequests } from "../../app/modules/requests/queries.server.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { demoData, fr, moved, thisYear } from "../support/clock.ts";
import { describe, expect, test } from "../support/fixtures.ts";

describe("dashboard (Accueil)", () => {
  test("shows the member, the contract, démarches, latest payments and documents from the database", async ({
    member: benoit,
  }) => {
    const res = await benoit.get("/");
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    for (const expected of [
      "Bonjour Benoit",
      "Identifiant 10000001",
      "Ma couverture Optimale",
      "Que souhaitez-vous faire aujourd'hui ?",
      "Demander un remboursement",
      "Envoyer un devis",
      "Une question ?",
      "Documents à télécharger",
      `Carte de tiers payant ${thisYear - 1} (expirée)`,
      `Carte de tiers payant ${thisYear}`,
      "Mes garanties",
      `Soins dentaires le ${fr(moved("2026-06-04"))} pour Léa Statut : Acceptée`,
      `Soins optiques le ${fr(moved("2026-02-12"))} pour Sarah Statut : En cours`,
      "Voir toutes mes démarches",
      `Pharmacie 45,00 € versé le ${fr(moved("2026-08-25")).slice(0, 5)} à Benoit`,
      `Optique 409,23 € versé le ${fr(moved("2026-07-25")).slice(0, 5)} à Sarah`,
      `Pharmacie 4,41 € versé le ${fr(moved("2026-07-03")).slice(0, 5)} à Benoit`,
      "Consulter tous mes remboursements",
      "Vos offres et services",
      "Zéro papier",
    ]) {
      expect(text).toContain(expected);
    }
    // Only the three latest payments appear on the dashboard.
    expect(text).not.toContain("Chiropractie");
  });

  test("shows the navigation and a skip link", async ({ member: benoit }) => {
    const html = await (await benoit.get("/")).text();
    expect(html).toContain('href="#contenu"');
    const text = visibleText(html);
    for (const item of ["Accueil", "Ma mutuelle", "Prestations", "Messagerie", "Aide / contact", "Mon compte"]) {
      expect(text).toContain(item);
    }
    expect(html).toMatch(/<nav aria-label="Navigation principale"[\s\S]*href="\/actualites"[^>]*>Actualités</);
  });

  test("leads from each news item and offer to the news and offers page (issue 20, item 13)", async ({
    member: benoit,
  }) => {
    const html = await (await benoit.get("/")).text();
    const text = visibleText(html);
    // The demo's two news items, each with its "Lire l'actualité".
    expect(text).toContain(
      "Actualités de votre mutuelle Votre attestation de cotisations pour la déclaration de revenus",
    );
    expect(text).toContain("Envoyez vos devis en ligne");
    const newsLinks = [...html.matchAll(/href="(\/actualites#actualite-[0-9a-f-]{36})">Lire l&#x27;actualité/g)].map(
      (m) => m[1]!,
    );
    expect(newsLinks).toHaveLength(2);
    // The offer's link leads to its section.
    expect(html).toContain('href="/actualites#offre-0">Lire l&#x27;actualité<span class="visually-hidden">');
    expect(text).toContain("Lire l'actualité : Vos offres et services");
    const page = await (await benoit.get("/actualites")).text();
    for (const link of newsLinks) expect(page).toContain(`id="${link.split("#")[1]}"`);
    expect(page).toContain('id="offre-0"');
    const pageText = visibleText(page);
    expect(pageText).toContain("Vos offres et services");
    expect(pageText).toContain("remises sur les abonnements sportifs");
    expect(pageText).toContain("Votre attestation de cotisations pour la déclaration de revenus");
  });

  test("shows another household only its own data", async ({ server }) => {
    const claire = new TestClient(server.baseUrl);
    await claire.signIn(demo.claire.number, demo.claire.password);
    const text = visibleText(await (await claire.get("/")).text());
    expect(text).toContain("Bonjour Claire");
    expect(text).toContain("Identifiant 10000002");
    expect(text).toContain("Ma couverture Équilibre");
    for (const foreign of ["Benoit", "Sarah", "Léa", "10000001", "409,23"]) expect(text).not.toContain(foreign);
  });

  test("keeps members out of the back-office and advisors out of member pages, with 404", async ({
    server,
    member: benoit,
  }) => {
    expect((await benoit.get("/back-office")).status).toBe(404);
    const advisor = new TestClient(server.baseUrl);
    await advisor.signIn(demo.advisor.username, demo.advisor.password);
    const res = await advisor.get("/");
    expect(res.status).toBe(404);
    expect(visibleText(await res.text())).toContain("Page introuvable");
  });

  test("answers unknown pages with a French 404", async ({ member: benoit }) => {
    const res = await benoit.get("/ceci-n-existe-pas");
    expect(res.status).toBe(404);
    expect(visibleText(await res.text())).toContain("Page introuvable");
  });
});

describe("the dashboard's lists, read in one statement", () => {
  const viewerOf = async (db: TestServer["services"]["db"], memberNumber: string) => {
    const [row] = await db
      .select({ householdId: person.householdId, personId: person.id })
      .from(person)
      .innerJoin(household, eq(household.id, person.householdId))
      .where(and(eq(household.memberNumber, memberNumber), eq(person.role, "member")));
    return { kind: "member", householdId: row!.householdId, personId: row!.personId } as MemberViewer;
  };

  test("are the first items of the full lists, in their pages' order, with the same fields", async ({ server }) => {
    const db = server.services.db;
    for (const number of [demo.benoit.number, demo.claire.number]) {
      const viewer = await viewerOf(db, number);
      const lists = await readDashboardLists(db, viewer);
      const requests = (await listRequests(db, viewer)).slice(0, 2);
      expect(lists.requests.map(({ createdAt, ...r }) => ({ ...r, createdAt: new Date(createdAt) }))).toEqual(
        requests.map(
          ({ id, reference, kind, careType, careDate, subject, status, beneficiaryFirstName, createdAt }) => ({
            id,
            reference,
            kind,
            careType,
            careDate,
            subject,
            status,
            beneficiaryFirstName,
            createdAt,
          }),
        ),
      );
      expect(lists.payments).toEqual((await listPayments(db, viewer, { limit: 3 })).lines);
      const documents = await db
        .select({
          id: memberDocument.id,
          kind: memberDocument.kind,
          year: memberDocument.year,
          title: memberDocument.title,
        })
        .from(memberDocument)
        .where(eq(memberDocument.householdId, viewer.householdId));
      const shown = documents.filter((d) => d.kind === "tiers_payant_card" || d.kind === "guarantee_table");
      // Tiers payant cards first, oldest year first, then the guarantee table.
      expect(lists.documents).toEqual(
        shown.sort((a, b) =>
          a.kind === b.kind ? (a.year ?? 0) - (b.year ?? 0) : a.kind === "tiers_payant_card" ? -1 : 1,
        ),
      );
    }
    const benoit = await readDashboardLists(db, await viewerOf(db, demo.benoit.number));
    expect(benoit.requests).toHaveLength(2);
    expect(benoit.payments.map((p) => [p.amcCents, p.paymentDate, p.paidTo, p.paidToFirstName])).toEqual([
      [4500, moved("2026-08-25"), "member", "Benoit"],
      [40923, moved("2026-07-25"), "beneficiary", "Sarah"],
      [441, moved("2026-07-03"), "member", "Benoit"],
    ]);
    expect(benoit.documents.map((d) => d.kind)).toEqual(["tiers_payant_card", "tiers_payant_card", "guarantee_table"]);
  });

  test("are empty for a household id that is not one, never another household's", async ({ server }) => {
    const lists = await readDashboardLists(server.services.db, {
      kind: "member",
      householdId: "00000000-0000-4000-8000-000000000000",
    } as MemberViewer);
    expect(lists).toEqual({ requests: [], payments: [], documents: [] });
  });
});

describe("Aide / contact", () => {
  test("shows quick accesses, phone numbers and agencies from the configuration, even signed out", async ({
    server,
  }) => {
    const client = new TestClient(server.baseUrl);
    const res = await client.get("/aide-contact");
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    const { brand } = server.services;
    for (const phone of brand.phones) {
      expect(text).toContain(phone.label);
      expect(text).toContain(phone.number);
    }
    for (const agency of brand.agencies) {
      expect(text).toContain(agency.name);
      expect(text).toContain(`${agency.postcode} ${agency.city}`);
      for (const h of agency.hours) expect(text).toContain(h.hours);
    }
    expect(text).toContain("Demander un remboursement");
    expect(text).toContain("Connectez-vous");
  });
});

describe("white label", () => {
  test("takes the mutuelle's name, colours and logo from BRAND_CONFIG", async () => {
    const { mkdtemp, writeFile, readFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const demoBrand = JSON.parse(await readFile("config/mutuelle.demo.json", "utf8"));
    const file = join(await mkdtemp(join(tmpdir(), "brand-")), "brand.json");
    await writeFile(
      file,
      JSON.stringify({
        ...demoBrand,
        name: "Mutuelle des Tests",
        legal: { publisher: "Mutuelle des Tests" },
        logo: "/brand/autre.svg",
        colors: { ...demoBrand.colors, primary: "#7a1f5c" },
      }),
    );
    const branded = await startTestServer({ env: { BRAND_CONFIG: file } });
    try {
      const html = await (await new TestClient(branded.baseUrl).get("/connexion")).text();
      expect(visibleText(html)).toContain("Mutuelle des Tests");
      expect(html).toContain("--brand:#7a1f5c");
      expect(html).toContain('src="/brand/autre.svg"');
      expect(html).not.toContain("Mutuelle Démo");
    } finally {
      await branded.close();
    }
  });
});

describe("Ma mutuelle", () => {
  test("summarises the contract and the people it covers, for the signed-in household only", async ({
    server,
    member,
  }) => {
    const text = visibleText(await (await member.get("/ma-mutuelle")).text());
    expect(text).toContain("Numéro d'adhérent 10000001");
    expect(text).toContain("Niveau de garantie Optimale");
    expect(text).toContain(`Début du contrat ${fr(demoData.benoit.coverageStart)}`);
    for (const name of [
      "Benoit Brouez Adhérent",
      "Sarah Mancion Conjoint",
      "Hélia Brouez Enfant",
      "Louise Brouez Enfant",
      "Léa Brouez Enfant",
    ])
      expect(text).toContain(name);
    expect(text).toContain(`Début de couverture : ${fr(demoData.benoit.coverageStart)}`);
    const other = new TestClient(server.baseUrl);
    await other.signIn(demo.claire.number, demo.claire.password);
    expect(visibleText(await (await other.get("/ma-mutuelle")).text())).not.toContain("Sarah");
  });
});
