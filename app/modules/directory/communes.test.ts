import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { buildCommunes, placeCommunes } from "../../../scripts/build-communes-data.ts";
import data from "./communes.data.json" with { type: "json" };
import { findPlace, normalizePlace, suggestPlaces } from "./communes.ts";
import { distanceKm } from "./geo.ts";

const etalab = createRequire(import.meta.url)("@etalab/decoupage-administratif/data/communes.json") as {
  nom: string;
  type: string;
  zone: string;
  codesPostaux?: string[];
}[];

describe("findPlace", () => {
  it("finds a postcode, a town, and both", () => {
    expect(findPlace("69003")).toMatchObject({ kind: "found", place: { label: "69003 Lyon" } });
    expect(findPlace("35000 Rennes")).toMatchObject({ kind: "found", place: { label: "35000 Rennes" } });
    expect(findPlace("saint etienne")).toMatchObject({ kind: "found", place: { label: "Saint-Étienne (42)" } });
    expect(findPlace("Lyon")).toMatchObject({ kind: "found", place: { label: "Lyon (69)" } });
  });
  it("offers a choice between homonyms, and each choice is found", () => {
    const valence = findPlace("Valence");
    expect(valence.kind).toBe("ambiguous");
    if (valence.kind !== "ambiguous") return;
    expect(valence.choices.map((c) => c.label)).toContain("26000 Valence");
    for (const c of valence.choices) expect(findPlace(c.label)).toMatchObject({ kind: "found", place: c });
  });
  // Communes GeoNames does not name as La Poste does (a commune nouvelle, a renamed town, an English name) and a
  // postcode whose most populous commune was missing (38300 went to Domarin, 1,800 inhabitants).
  it("finds the communes GeoNames names otherwise, and a postcode's most populous commune", () => {
    const found = (query: string) => {
      const result = findPlace(query);
      return result.kind === "found" ? result.place : null;
    };
    expect(found("59140")?.label).toBe("59140 Dunkerque");
    expect(found("Dunkerque")?.label).toBe("Dunkerque (59)");
    expect(found("50100 Cherbourg-en-Cotentin")?.label).toBe("50100 Cherbourg-en-Cotentin");
    expect(found("91000")?.label).toBe("91000 Évry-Courcouronnes");
    expect(found("93400")?.label).toBe("93400 Saint-Ouen-sur-Seine");
    expect(found("38300")?.label).toBe("38300 Bourgoin-Jallieu");
    // Where they are (town halls, to the kilometre): Dunkerque 51.034 N 2.377 E, Cherbourg 49.639 N 1.616 W,
    // Évry 48.624 N 2.429 E, Saint-Ouen 48.912 N 2.334 E, Bourgoin-Jallieu 45.586 N 5.274 E (the last one placed at
    // the centre of its postcode's other communes: within a few kilometres).
    const near = (query: string, latitude: number, longitude: number, km: number) => {
      expect(distanceKm(found(query)!, { latitude, longitude }), query).toBeLessThan(km);
    };
    near("59140", 51.034, 2.377, 2);
    near("50100", 49.639, -1.616, 4);
    near("91000", 48.624, 2.429, 2);
    near("93400", 48.912, 2.334, 2);
    near("38300", 45.586, 5.274, 5);
  });

  it("resolves every metropolitan postcode of @etalab/decoupage-administratif", () => {
    const postcodes = new Set(
      etalab.filter((c) => c.type === "commune-actuelle" && c.zone === "metro").flatMap((c) => c.codesPostaux ?? []),
    );
    expect(postcodes.size).toBeGreaterThan(5000);
    const missing = [...postcodes].filter((p) => findPlace(p).kind !== "found");
    expect(missing).toEqual([]);
  });

  it("places every commune with a postcode, most of the others near their neighbours", () => {
    const placed = placeCommunes();
    const withPostcode = etalab.filter(
      (c) => c.type === "commune-actuelle" && c.zone !== "com" && (c.codesPostaux?.length ?? 0) > 0,
    );
    expect(placed.filter((p) => p.commune.zone !== "com").length).toBe(withPostcode.length);
    // Never farther than its département's centre: only a handful are placed that coarsely.
    expect(placed.filter((p) => p.by === "département").length).toBeLessThan(50);
  });

  it("says when nothing matches", () => {
    expect(findPlace("99999").kind).toBe("unknown");
    expect(findPlace("Zzyzx-sur-Mer").kind).toBe("unknown");
  });
  it("suggests by postcode or town start", () => {
    expect(suggestPlaces("6900")).toContain("69003 Lyon");
    expect(suggestPlaces("renn")[0]).toBe("35000 Rennes");
    expect(suggestPlaces("r")).toEqual([]);
  });
  it("normalizes names", () => {
    expect(normalizePlace("  Saint-Étienne ")).toBe("saint etienne");
    expect(normalizePlace("L'Haÿ-les-Roses")).toBe("l hay les roses");
  });
});

describe("communes.data.json", () => {
  it("is what scripts/build-communes.ts makes from the installed packages (regenerate after an update)", () => {
    expect(JSON.parse(JSON.stringify(buildCommunes()))).toEqual(data);
  });
});
