import { describe, expect, it } from "vitest";
import { summarize } from "./summary.ts";

describe("summarize", () => {
  it("adds every amount to the cent per beneficiary, per category and for the household", () => {
    const rows = [
      {
        beneficiaryId: "b",
        beneficiaryName: "Benoit Brouez",
        careType: "pharmacie",
        chargedCents: 14117,
        amoCents: 9176,
        amcCents: 4941,
        remainingCents: 0,
        count: 2,
      },
      {
        beneficiaryId: "s",
        beneficiaryName: "Sarah Mancion",
        careType: "optique",
        chargedCents: 60000,
        amoCents: 9,
        amcCents: 40923,
        remainingCents: 19068,
        count: 1,
      },
      {
        beneficiaryId: "s",
        beneficiaryName: "Sarah Mancion",
        careType: "pharmacie",
        chargedCents: 4210,
        amoCents: 2737,
        amcCents: 1473,
        remainingCents: 0,
        count: 1,
      },
    ];
    const result = summarize(rows);
    // Sarah: 600,00 + 42,10 = 642,10 charged; 0,09 + 27,37 = 27,46 AMO; 409,23 + 14,73 = 423,96 AMC; 190,68 left.
    expect(result.people.map((p) => [p.beneficiaryName, p.totals])).toEqual([
      ["Sarah Mancion", { chargedCents: 64210, amoCents: 2746, amcCents: 42396, remainingCents: 19068, count: 2 }],
      ["Benoit Brouez", { chargedCents: 14117, amoCents: 9176, amcCents: 4941, remainingCents: 0, count: 2 }],
    ]);
    expect(result.people[0]!.categories.map((c) => c.careType)).toEqual(["optique", "pharmacie"]);
    // Household: 642,10 + 141,17 = 783,27.
    expect(result.household).toEqual({
      chargedCents: 78327,
      amoCents: 11922,
      amcCents: 47337,
      remainingCents: 19068,
      count: 4,
    });
    expect(result.categories.map((c) => [c.careType, c.chargedCents])).toEqual([
      ["optique", 60000],
      ["pharmacie", 18327],
    ]);
  });

  it("is empty for a year without care", () => {
    expect(summarize([])).toEqual({
      people: [],
      household: { chargedCents: 0, amoCents: 0, amcCents: 0, remainingCents: 0, count: 0 },
      categories: [],
    });
  });
});
