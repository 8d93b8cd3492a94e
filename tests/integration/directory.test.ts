// The partner network (issue 22): the directory's import (rejections, idempotence, withdrawal), the nearest-first
// search and its distances against a brute-force reading of the table, the /professionnels page, and the
// agencies of /aide-contact with their hours at instants a controlled clock gives. PGlite and PostgreSQL.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../app/modules/clock/index.ts";
import { parisDateOf } from "../../app/modules/clock/index.ts";
import { distanceKm } from "../../app/modules/directory/geo.ts";
import { importProfessionals } from "../../app/modules/directory/import.server.ts";
import { requiredColumns } from "../../app/modules/directory/record.ts";
import { healthProfessional } from "../../app/modules/directory/schema.ts";
import { household } from "../../app/modules/households/schema.ts";
import { maxRadiusKm, searchNearest } from "../../app/modules/directory/search.server.ts";
import { readRecords } from "../../app/modules/reimbursements/import/read-records.ts";
import { clockEnv, testClock } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

// The test clock, until a test sets an instant (the agencies' hours).
let pinned: Date | null = null;
const clock: Clock = {
  now: () => pinned ?? testClock.now(),
  today: () => parisDateOf(pinned ?? testClock.now()),
  dateOf: parisDateOf,
};

let server: TestServer;
let benoit: TestClient;
let visitor: TestClient;
beforeAll(async () => {
  server = await startTestServer({ overrides: { clock } });
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
  visitor = new TestClient(server.baseUrl);
});
afterAll(() => server.close());

const lyon3 = { latitude: 45.74906, longitude: 4.84789 }; // 69003 Lyon, as the communes list places it

describe("search", () => {
  it("returns the nearest listed professionals first, with the exact distances a brute-force reading gives", async () => {
    const { db } = server.services;
    const all = await db
      .select()
      .from(healthProfessional)
      .where(and(isNull(healthProfessional.withdrawnAt), sql`'opticien' = any(${healthProfessional.specialties})`));
    expect(all.length).toBeGreaterThan(20);
    const expected = all
      .map((p) => ({ id: p.id, name: p.name, km: distanceKm(lyon3, p) }))
      .sort((a, b) => a.km - b.km || (a.id < b.id ? -1 : 1))
      .filter((e) => e.km <= maxRadiusKm); // the search goes no farther
    expect(expected.length).toBeGreaterThan(10);
    const first = await searchNearest(db, lyon3, { specialty: "opticien", limit: 10 });
    const second = await searchNearest(db, lyon3, { specialty: "opticien", limit: 10, offset: 10 });
    const hits = [...first.hits, ...second.hits];
    expect(hits.map((h) => h.id)).toEqual(expected.slice(0, 20).map((e) => e.id));
    for (const [i, h] of hits.entries()) expect(h.distanceKm).toBeCloseTo(expected[i]!.km, 6);
    expect(hits[0]!.name).toBe("Optique des Pentes");
    expect(hits.every((h) => h.specialties.includes("opticien"))).toBe(true);
  });

  it("widens its radius until the page is full, and counts what lies within it", async () => {
    const { db } = server.services;
    // Lyon's opticians are within a few km; from Mâcon (about 60 km north) the first radius holds none.
    const macon = { latitude: 46.3069, longitude: 4.8287 };
    const result = await searchNearest(db, macon, { specialty: "opticien", limit: 5 });
    expect(result.hits).toHaveLength(5);
    expect(result.radiusKm).toBeGreaterThan(5);
    expect(result.hits[0]!.distanceKm).toBeGreaterThan(55);
    expect(result.total).toBeGreaterThanOrEqual(5);
  });

  it("keeps to partners when asked", async () => {
    const result = await searchNearest(server.services.db, lyon3, { partnersOnly: true, limit: 20 });
    expect(result.hits.length).toBe(20);
    expect(result.hits.every((h) => h.partner)).toBe(true);
  });
});

describe("/professionnels", () => {
  it("searches around the member's address by default", async () => {
    const res = await benoit.get("/professionnels");
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toMatch(/\d+ professionnels près de chez vous \(69003 Lyon\)/);
  });

  it("finds the nearest partner optician by postcode, with its distance, flags and what the guarantees pay there", async () => {
    const res = await benoit.get("/professionnels?lieu=69003&specialite=opticien");
    expect(res.status).toBe(200);
    const html = await res.text();
    // The first result: from its tile to the next one, numbered 1 (as its marker when there is a map).
    const firstHit = html.split(/<li id="pro-[0-9a-f-]+" class="tile">/)[1] ?? "";
    const text = visibleText(firstHit);
    expect(text).toContain("Optique des Pentes");
    expect(text).toMatch(/^1 Optique des Pentes \d+(,\d)? (m|km) · Opticien/);
    expect(text).toContain("Réseau partenaire");
    expect(text).toContain("Offre 100 % Santé");
    expect(text).toContain("Verres et monture : 100 % Santé sans reste à charge chez ce partenaire");
    // The specialty's lines of the member's table, once above the list.
    expect(visibleText(html)).toContain("Ce que vos garanties remboursent pour cette spécialité");
  });

  // What the guarantees pay there follows the level in force today, as Mes garanties does (issue 22, audit item 3):
  // the demo tables (config/guarantees/demo.json) give Optimale 150 € a single-vision lens, 280 € a complex one and
  // 100 € a frame; Équilibre 100 €, 200 € and 80 €; both 100 % Santé.
  it("shows each member what their own level pays at the same partner optician", async () => {
    const claire = new TestClient(server.baseUrl);
    await claire.signIn(demo.claire.number, demo.claire.password);
    const coverage = async (client: TestClient) => {
      const html = await (await client.get("/professionnels?lieu=69003&specialite=opticien")).text();
      const firstHit = visibleText(html.split(/<li id="pro-[0-9a-f-]+" class="tile">/)[1] ?? "");
      expect(firstHit).toMatch(/^1 Optique des Pentes /);
      expect(firstHit).toContain("Verres et monture : 100 % Santé sans reste à charge chez ce partenaire");
      return visibleText(/<details class="directory__coverage">([\s\S]*?)<\/details>/.exec(html)?.[1] ?? "");
    };
    const optimale = await coverage(benoit);
    expect(optimale).toContain(
      "Verres simples (classe B, par verre) 150,00 € par verre, en plus de la Sécurité sociale",
    );
    expect(optimale).toContain("Verres complexes (classe B, par verre) 280,00 € par verre");
    expect(optimale).toContain("Monture (classe B) 100,00 € par monture");
    const equilibre = await coverage(claire);
    expect(equilibre).toContain(
      "Verres simples (classe B, par verre) 100,00 € par verre, en plus de la Sécurité sociale",
    );
    expect(equilibre).toContain("Verres complexes (classe B, par verre) 200,00 € par verre");
    expect(equilibre).toContain("Monture (classe B) 80,00 € par monture");

    // A change to Optimale accepted from today, not yet applied by the nightly job: the contract's recorded level is
    // still Équilibre, the level in force is Optimale, and the page says what Optimale pays.
    const { db } = server.services;
    const [row] = await db
      .select({ id: household.id })
      .from(household)
      .where(eq(household.memberNumber, demo.claire.number));
    await db
      .update(household)
      .set({ pendingCoverageLevel: "Optimale", pendingLevelFrom: clock.today() })
      .where(eq(household.id, row!.id));
    try {
      expect(await coverage(claire)).toContain("Verres simples (classe B, par verre) 150,00 € par verre");
    } finally {
      await db
        .update(household)
        .set({ pendingCoverageLevel: null, pendingLevelFrom: null })
        .where(eq(household.id, row!.id));
    }
  });

  it("pages through the results without JavaScript", async () => {
    const html = await (await benoit.get("/professionnels?lieu=Lyon")).text();
    expect(html).toContain('href="/professionnels?lieu=Lyon+%2869%29&amp;page=2"');
    const page2 = visibleText(await (await benoit.get("/professionnels?lieu=Lyon+%2869%29&page=2")).text());
    expect(page2).toContain("Page 2 sur");
    // Numbered on from the first page's 20 (the map's markers use the same numbers).
    expect(await (await benoit.get("/professionnels?lieu=Lyon+%2869%29&page=2")).text()).toContain(
      '<ol class="directory__list numbered-list" start="21">',
    );
  });

  it("answers a place it does not know with a French message beside the field, and bad input with 400", async () => {
    const unknown = await benoit.get("/professionnels?lieu=Zzyzx-sur-Mer");
    expect(unknown.status).toBe(422);
    expect(visibleText(await unknown.text())).toContain("Commune ou code postal introuvable");
    expect((await benoit.get("/professionnels?page=0")).status).toBe(400);
    expect((await benoit.get("/professionnels?specialite=sorcier")).status).toBe(400);
    expect((await benoit.get("/professionnels?lat=abc&lon=4")).status).toBe(400);
  });

  it("offers a choice between communes of the same name", async () => {
    const text = visibleText(await (await benoit.get("/professionnels?lieu=Valence")).text());
    expect(text).toContain("Plusieurs communes correspondent");
    expect(text).toContain("26000 Valence");
  });

  it("searches around a position (the « Autour de moi » button's link)", async () => {
    const text = visibleText(await (await benoit.get("/professionnels?lat=48.11130&lon=-1.68000")).text());
    expect(text).toMatch(/professionnels? près de votre position/);
    expect(text).toContain("Rennes");
  });

  it("suggests communes while typing", async () => {
    const res = await visitor.get("/professionnels/communes?q=6900");
    expect(await res.json()).toMatchObject({ suggestions: expect.arrayContaining(["69003 Lyon"]) });
  });
});

describe("/aide-contact agencies", () => {
  it("says whether each agency is open now in Paris time, with today's hours", async () => {
    pinned = new Date("2027-01-04T10:00:00Z"); // Monday 11:00 in Paris
    let text = visibleText(await (await visitor.get("/aide-contact")).text());
    expect(text).toContain(
      "Agence de Lyon Part-Dieu Ouvert maintenant · aujourd'hui (lundi) : 9 h – 12 h 30 et 13 h 30 – 17 h 30",
    );
    expect(text).toContain("Agence de Nantes Centre Fermé maintenant · aujourd'hui (lundi) : fermé");
    pinned = new Date("2027-01-04T23:30:00Z"); // already Tuesday 00:30 in Paris
    text = visibleText(await (await visitor.get("/aide-contact")).text());
    expect(text).toContain(
      "Agence de Nantes Centre Fermé maintenant · aujourd'hui (mardi) : 9 h 30 – 13 h et 14 h – 18 h",
    );
    pinned = new Date("2027-07-06T07:45:00Z"); // Tuesday 09:45 in Paris, summer time
    text = visibleText(await (await visitor.get("/aide-contact")).text());
    expect(text).toContain("Agence de Nantes Centre Ouvert maintenant");
    pinned = null;
  });

  it("puts the nearest agency first for a postcode or a town", async () => {
    const text = visibleText(await (await visitor.get("/aide-contact?lieu=35000")).text());
    expect(text).toContain("L'agence la plus proche de 35000 Rennes : Agence de Rennes République");
    const nantes = visibleText(await (await visitor.get("/aide-contact?lieu=Saint-Herblain")).text());
    expect(nantes).toMatch(/L'agence la plus proche de 44800 Saint-Herblain : Agence de Nantes Centre ?, à \d+,\d km/);
    // The "Autour de moi" link: from a position in Rennes's centre, 57 m from the agency at 48.1098 N, 1.6793 W
    // (haversine: 22 m north, 52 m west), shown to the ten metres.
    const here = visibleText(await (await visitor.get("/aide-contact?lat=48.11&lon=-1.68")).text());
    expect(here).toMatch(/L'agence la plus proche de votre position : Agence de Rennes République ?, à 60 m\./);
    const unknown = await visitor.get("/aide-contact?lieu=Zzyzx");
    expect(unknown.status).toBe(422);
    expect(visibleText(await unknown.text())).toContain("Commune ou code postal introuvable");
  });
});

const header = requiredColumns.join(";") + ";phone;partner;offer_100_sante;tiers_payant;accessible";
const line = (id: string, name: string, extra: Partial<Record<string, string>> = {}) => {
  const v = {
    identifier_kind: "rpps",
    identifier: id,
    name,
    specialties: "dentiste",
    address: "1 rue Test",
    postcode: "69003",
    city: "Lyon",
    latitude: "45.75",
    longitude: "4.85",
    phone: "",
    partner: "oui",
    offer_100_sante: "non",
    tiers_payant: "oui",
    accessible: "",
    ...extra,
  };
  return [...requiredColumns, "phone", "partner", "offer_100_sante", "tiers_payant", "accessible"]
    .map((k) => v[k as keyof typeof v])
    .join(";");
};
const run = (csv: string, full: boolean) =>
  importProfessionals(server.services.db, clock, readRecords(Readable.from([csv]), "csv", { requiredColumns }), {
    full,
    source: "cli",
  });

describe("import", () => {
  it("takes the good lines, refuses the bad ones with their line number and a French reason", async () => {
    const csv = [
      header,
      line("11000000001", "Dr Un"),
      line("11000000002", "Dr Deux", { latitude: '"45,75"' }),
      line("123", "Dr Trois"),
      line("11000000004", "Dr Quatre", { specialties: "dentiste|sorcier" }),
      line("11000000005", "Dr Cinq"),
    ].join("\n");
    const s = await run(csv, false);
    expect(s).toMatchObject({ read: 5, inserted: 2, updated: 0, unchanged: 0, rejected: 3, withdrawn: 0 });
    expect(s.errors).toEqual([
      { line: 3, reason: "latitude : nombre décimal avec un point attendu (ex. 45.7640)" },
      { line: 4, reason: "identifier : 11 chiffres attendus (RPPS)" },
      { line: 5, reason: "specialties : spécialité inconnue : sorcier" },
    ]);
  });

  it("is idempotent, updates a changed line, and a full import withdraws who it no longer lists", async () => {
    const { db } = server.services;
    const base = [header, line("11000000001", "Dr Un"), line("11000000005", "Dr Cinq")].join("\n");
    expect(await run(base, false)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 0 });
    const changed = [header, line("11000000001", "Dr Un", { partner: "non" }), line("11000000005", "Dr Cinq")];
    expect(await run(changed.join("\n"), false)).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const demoCount = await db.$count(healthProfessional, isNull(healthProfessional.withdrawnAt));
    // A full import listing only Dr Un: everyone else is withdrawn (the demo directory too), but not a
    // professional whose line was refused (Dr Cinq's latitude is wrong: kept as it was).
    const full = await run(
      [
        header,
        line("11000000001", "Dr Un", { partner: "non" }),
        line("11000000005", "Dr Cinq", { latitude: "x" }),
      ].join("\n"),
      true,
    );
    expect(full).toMatchObject({ unchanged: 1, rejected: 1, withdrawn: demoCount - 2 });
    const listed = await db
      .select({ name: healthProfessional.name })
      .from(healthProfessional)
      .where(isNull(healthProfessional.withdrawnAt));
    expect(listed.map((r) => r.name).sort()).toEqual(["Dr Cinq", "Dr Un"]);
    // Withdrawn professionals are no longer found; listed again, they come back.
    const near = await searchNearest(db, lyon3, { limit: 50 });
    expect(near.hits.map((h) => h.name).sort()).toEqual(["Dr Cinq", "Dr Un"]);
    const back = await run(
      [header, line("999690001", "Optique des Pentes", { identifier_kind: "adeli", specialties: "opticien" })].join(
        "\n",
      ),
      false,
    );
    expect(back).toMatchObject({ inserted: 0, updated: 1 });
    const [pentes] = await db.select().from(healthProfessional).where(eq(healthProfessional.identifier, "999690001"));
    expect(pentes!.withdrawnAt).toBeNull();
    expect((await searchNearest(db, lyon3, { specialty: "opticien" })).hits.map((h) => h.name)).toEqual([
      "Optique des Pentes",
    ]);
  });

  it("withdraws nobody when a line without identifier was refused", async () => {
    const s = await run([header, line("11000000001", "Dr Un"), "rpps"].join("\n"), true);
    expect(s.withdrawn).toBe(0);
    expect(s.withdrawalSkipped).toMatch(/sans identifiant lisible : aucun retrait/);
  });
});

describe("npm run import:professionnels", () => {
  it(
    "imports the documented example into a new database, in French, and exits 1 on a missing file",
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "espace-annuaire-"));
      const cli = (args: string[]) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          execFile(
            process.execPath,
            ["scripts/import-professionnels.ts", ...args],
            { env: { ...process.env, ...clockEnv, DATABASE_URL: "", DATA_DIR: dir, LOG_LEVEL: "silent" } },
            (error, stdout, stderr) => {
              resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
            },
          );
        });
      try {
        const ok = await cli(["docs/examples/professionnels-exemple.csv"]);
        expect(ok.stderr).toBe("");
        expect(ok.stdout).toContain("6 lignes lues — 6 ajoutés, 0 modifiés, 0 inchangés, 0 retirés, 0 rejetées.");
        expect(ok.code).toBe(0);
        const missing = await cli([join(dir, "absent.csv")]);
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain("fichier introuvable");
        expect(missing.stderr).not.toMatch(/^\s+at /m);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
