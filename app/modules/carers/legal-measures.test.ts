import { describe, expect, it } from "vitest";
import { legalMeasureEndError, scopesForMeasure } from "./legal-measures.ts";

describe("legal measures", () => {
  it("gives a tutor reading, filing and messages, a curator reading and messages, never bank details", () => {
    expect(scopesForMeasure("tutelle")).toEqual(["read", "file", "messages"]);
    expect(scopesForMeasure("curatelle")).toEqual(["read", "messages"]);
    for (const m of ["tutelle", "curatelle"] as const) expect(scopesForMeasure(m)).not.toContain("bank");
  });

  it("wants a measure in force, for at most 20 years", () => {
    expect(legalMeasureEndError("2027-01-01", "2026-12-02")).toBeNull();
    expect(legalMeasureEndError("2046-12-02", "2026-12-02")).toBeNull();
    expect(legalMeasureEndError("2046-12-03", "2026-12-02")).toContain("au plus 20 ans");
    expect(legalMeasureEndError("2026-12-02", "2026-12-02")).toContain("à venir");
  });
});
