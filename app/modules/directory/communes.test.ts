import { describe, expect, it } from "vitest";
import { buildCommunes } from "../../../scripts/build-communes-data.ts";
import data from "./communes.data.json" with { type: "json" };
import { findPlace, normalizePlace, suggestPlaces } from "./communes.ts";

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
