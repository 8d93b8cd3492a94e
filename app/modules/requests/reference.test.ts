import { describe, expect, it } from "vitest";
import { demoHouseholds } from "../demo/demo-households.ts";
import { newReference, referencePattern } from "./reference.ts";

describe("one reference format (issue 20, item 15)", () => {
  it("gives every démarche PREFIX-YEAR-eight characters, the demo's included", () => {
    for (const prefix of ["DR", "DV", "RIB", "BEN"] as const)
      expect(newReference(prefix, 2026)).toMatch(referencePattern);
    const { benoit, second } = demoHouseholds("2026-12-02");
    const references = [...benoit.requests, ...second.requests].map((r) => r.reference);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference).toMatch(referencePattern);
  });
});
