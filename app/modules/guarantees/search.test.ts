import { describe, expect, it } from "vitest";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import { matchesQuery, normalize } from "./search.ts";
import { selectLevelTable } from "./versions.ts";

const table = selectLevelTable(loadDemoGuaranteeTables(), "Optimale", "2026-06-01")!;
const found = (q: string) => table.lines.filter((l) => matchesQuery(l, q)).map((l) => l.category);

describe("guarantee search", () => {
  it("understands everyday words, with or without accents", () => {
    expect(found("lunettes")).toEqual(expect.arrayContaining(["optique_verres_complexes", "optique_monture"]));
    expect(found("lunettes")).not.toContain("dentaire_soins");
    expect(found("ostéopathe")).toContain("osteopathie");
    expect(found("OSTEO")).toContain("osteopathie");
    expect(found("dentiste")).toContain("dentaire_soins");
    expect(found("kiné")).toContain("auxiliaires_medicaux");
  });

  it("matches everything for an empty query and nothing for nonsense", () => {
    expect(found("")).toHaveLength(table.lines.length);
    expect(found("zzzz")).toEqual([]);
    expect(normalize("Éléphant Ôté")).toBe("elephant ote");
  });
});
