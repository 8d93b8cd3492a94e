import { describe, expect, it } from "vitest";
import { benoitHousehold, secondHousehold } from "./demo-households.ts";

describe("demo data", () => {
  for (const household of [benoitHousehold, secondHousehold]) {
    it(`household ${household.memberNumber}: every line adds up to the cent`, () => {
      for (const line of household.lines) {
        const remaining = line.chargedCents - line.amoCents - line.amcCents;
        expect(remaining, `${line.careType} ${line.careDate}`).toBeGreaterThanOrEqual(0);
        for (const v of [line.chargedCents, line.baseCents, line.amoCents, line.amcCents]) expect(Number.isInteger(v)).toBe(true);
        expect(line.paymentDate >= line.careDate).toBe(true);
        // The Sécurité sociale part follows from its rate, to the cent (half-up), minus what it withheld.
        if (line.amoRateBp !== null) {
          expect(line.amoCents, `${line.careType} ${line.careDate}`).toBe(Math.round((line.baseCents * line.amoRateBp) / 10000) - line.amoDeductibleCents);
        }
        const names = household.people.map((p) => p.firstName);
        expect(names).toContain(line.beneficiary);
        if (line.paidTo !== "professional") expect(names).toContain(line.paidTo);
      }
    });
  }

  it("has the payments of the source document, with the three latest as the dashboard shows them", () => {
    const byDate = [...benoitHousehold.lines].sort((a, b) => b.paymentDate.localeCompare(a.paymentDate));
    expect(byDate.slice(0, 3).map((l) => [l.careType, l.amcCents, l.paymentDate, l.paidTo])).toEqual([
      ["pharmacie", 4500, "2026-08-25", "Benoit"],
      ["optique", 40923, "2026-07-25", "Sarah"],
      ["pharmacie", 441, "2026-07-03", "Benoit"],
    ]);
    const summer = benoitHousehold.lines.filter((l) => l.paymentDate >= "2026-06-01").map((l) => l.amcCents);
    expect(summer.sort((a, b) => a - b)).toEqual([441, 589, 1000, 1650, 2400, 4500, 7500, 27905, 40923]);
    const history = benoitHousehold.lines.filter((l) => l.paymentDate < "2026-06-01");
    expect(history.length).toBeGreaterThanOrEqual(12);
    expect(history.every((l) => l.paymentDate >= "2025-06-01")).toBe(true);
  });
});
