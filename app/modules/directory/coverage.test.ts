import { describe, expect, it } from "vitest";
import { loadDemoGuaranteeTables } from "../guarantees/index.server.ts";
import { coverageNotes, specialtyCoverage } from "./coverage.ts";

const catalog = loadDemoGuaranteeTables();
const table = catalog.products
  .flatMap((p) => p.levels.flatMap((l) => l.versions))
  .find((t) => t.lines.some((l) => l.category === "optique_100_sante" && l.rule.kind === "hundredPercentSante"));

describe("coverageNotes", () => {
  it("says 100 % Santé without reste à charge at a partner optician offering it", () => {
    expect(table).toBeDefined();
    expect(coverageNotes(table!, ["opticien"], { partner: true, offer100Sante: true, tiersPayant: true })).toEqual([
      "verres et monture : 100 % Santé sans reste à charge chez ce partenaire",
      "tarifs négociés du réseau partenaire",
      "tiers payant : pas d'avance des frais remboursés",
    ]);
  });
  it("says nothing of 100 % Santé where it is not offered", () => {
    expect(coverageNotes(table!, ["opticien"], { partner: false, offer100Sante: false, tiersPayant: false })).toEqual(
      [],
    );
  });
  it("lists the table's lines of a specialty", () => {
    const lines = specialtyCoverage(table!, "opticien");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.text.includes("100 % Santé"))).toBe(true);
    expect(specialtyCoverage(null, "opticien")).toEqual([]);
  });
});
