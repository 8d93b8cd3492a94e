// The tariff file refusals: each names the place and the reason, in French.
import { describe, expect, it } from "vitest";
import { loadDemoGuaranteeTables } from "../guarantees/demo-tables.server.ts";
import { checkTariffCatalog, parseTariffFile, TariffFileError } from "./tariff-file.ts";
import { demoTariffsDir, loadTariffs } from "./tariffs.server.ts";
import { fixtureTariff } from "./test-fixtures.ts";

const valid = () => JSON.parse(JSON.stringify({ formatVersion: 1, ...fixtureTariff, level: "essentielle" }));

function issuesOf(mutate: (file: any) => void) {
  const file = valid();
  mutate(file);
  const result = parseTariffFile(file);
  if (result.ok) throw new Error("accepted");
  return result.issues.map((i) => `${i.path} : ${i.message}`);
}

describe("tariff files", () => {
  it("the demo's three levels load, in rank order", () => {
    const tariffs = loadTariffs(demoTariffsDir, loadDemoGuaranteeTables());
    expect(tariffs.map((t) => t.label)).toEqual(["Essentielle", "Équilibre", "Optimale"]);
  });
  it("the fixture is valid", () => {
    expect(parseTariffFile(valid()).ok).toBe(true);
  });
  it("invalid JSON", () => {
    const r = parseTariffFile("{");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]!.message).toMatch(/^JSON invalide/);
  });
  it("a missing field", () => {
    expect(issuesOf((f) => delete f.label)).toEqual(["label : champ obligatoire manquant"]);
  });
  it("an unknown field (a typo)", () => {
    expect(
      issuesOf((f) => {
        f.versions[0].discount = {};
      }),
    ).toEqual(["versions[0] : champ inconnu : discount"]);
  });
  it("a negative or non-integer price", () => {
    expect(issuesOf((f) => (f.versions[0].ageBands[1].monthlyCents.A = -1))).toEqual([
      "versions[0].ageBands[1].monthlyCents.A : valeur négative interdite (reçu -1)",
    ]);
    expect(issuesOf((f) => (f.versions[0].ageBands[1].monthlyCents.A = 12.5))[0]).toMatch(
      /^versions\[0\]\.ageBands\[1\]\.monthlyCents\.A : type invalide : nombre entier attendu/,
    );
  });
  it("an invalid date, an end before its start, overlapping versions", () => {
    expect(issuesOf((f) => (f.versions[0].effectiveFrom = "2026-02-30"))).toEqual([
      "versions[0].effectiveFrom : date invalide (format AAAA-MM-JJ attendu)",
    ]);
    expect(issuesOf((f) => (f.versions[0].effectiveTo = "2025-12-31"))).toContain(
      "versions[0].effectiveTo : fin d'effet antérieure au début d'effet",
    );
    expect(issuesOf((f) => (f.versions[0].effectiveTo = "2027-01-01"))).toEqual([
      "versions[1].effectiveFrom : périodes d'effet qui se chevauchent avec versions[0]",
    ]);
  });
  it("age bands with a gap, not from 0, or open before the last", () => {
    expect(issuesOf((f) => (f.versions[0].ageBands[1].from = 19))).toEqual([
      "versions[0].ageBands[1].from : tranches d'âge non contiguës : 18 ans attendu après la tranche précédente, reçu 19",
    ]);
    expect(issuesOf((f) => (f.versions[0].ageBands[0].from = 1))).toContain(
      "versions[0].ageBands[0].from : la première tranche doit commencer à 0 an (reçu 1)",
    );
    expect(issuesOf((f) => (f.versions[0].ageBands[3].to = 99))).toEqual([
      "versions[0].ageBands[3].to : la dernière tranche ne doit pas avoir d'âge de fin (elle couvre tous les âges suivants)",
    ]);
  });
  it("a zone without a price, a price for an unknown zone", () => {
    expect(issuesOf((f) => delete f.versions[1].ageBands[2].monthlyCents.B)).toEqual([
      "versions[1].ageBands[2].monthlyCents.B : prix manquant pour la zone « B »",
    ]);
    expect(issuesOf((f) => (f.versions[0].ageBands[0].monthlyCents.C = 10))).toEqual([
      "versions[0].ageBands[0].monthlyCents.C : zone inconnue « C »",
    ]);
  });
  it("an unknown département, one in two zones, no default zone", () => {
    expect(issuesOf((f) => f.versions[0].zones[0].departements.push("20"))).toEqual([
      "versions[0].zones[0].departements[3] : département inconnu « 20 » (codes : 01 à 95, 2A, 2B, 971 à 976)",
    ]);
    expect(issuesOf((f) => f.versions[0].zones[1].departements.push("75"))).toEqual([
      "versions[0].zones[1].departements[0] : département « 75 » déjà dans la zone « A »",
    ]);
    expect(issuesOf((f) => (f.versions[0].zones[1].default = false))).toEqual([
      "versions[0].zones : aucune zone par défaut (« default »: true) pour les départements non listés",
    ]);
  });
  it("a discount above 100 %, an unknown change rule", () => {
    expect(issuesOf((f) => (f.versions[0].discounts.couple.rateBp = 10001))).toEqual([
      "versions[0].discounts.couple.rateBp : valeur trop grande (maximum 10000, reçu 10001)",
    ]);
    expect(issuesOf((f) => (f.change.effective = "tomorrow"))[0]).toMatch(
      /^change\.effective : valeur inconnue « tomorrow »/,
    );
  });
  it("the levels together: unknown to the guarantee tables, duplicate level or rank", () => {
    const t = fixtureTariff;
    expect(
      checkTariffCatalog(
        [
          { name: "a.json", tariff: t },
          { name: "b.json", tariff: t },
        ],
        ["essentielle"],
      ).map((i) => `${i.path} : ${i.message}`),
    ).toEqual([
      "a.json: level : niveau « test » absent des tableaux de garanties (niveaux : essentielle)",
      "b.json: level : niveau « test » déjà tarifé par a.json",
      "b.json: rank : rang 1 déjà pris par a.json",
      "b.json: level : niveau « test » absent des tableaux de garanties (niveaux : essentielle)",
    ]);
  });
  it("a missing folder throws a TariffFileError", () => {
    expect(() => loadTariffs("config/nulle-part", loadDemoGuaranteeTables())).toThrow(TariffFileError);
  });
});
