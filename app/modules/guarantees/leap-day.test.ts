// 29 February on every date path of the engine: waiting periods, ages, renewal meters, counters. Every
// window goes through clock/calendar.ts (addMonths / addYears turn a missing 29/02 into 28/02), never through
// "year − n" string surgery.
import { describe, expect, it } from "vitest";
import { usageCounters } from "./counters.ts";
import type { GuaranteeTable } from "./model.ts";
import { act, run, testTable } from "./test-fixtures.ts";

const joinedOnLeapDay = { birthDate: "1980-06-15", coverageStart: "2024-02-29" };
const withYearWait: GuaranteeTable = {
  ...testTable,
  lines: testTable.lines.map((l) => (l.id === "audio-2" ? { ...l, waitingPeriod: { months: 12 } } : l)),
};
const aid = (careDate: string) =>
  act("audiologie_classe_2", { careDate, amountChargedCents: 200000, baseCents: 40000, amoCents: 24000, ear: "left" });

describe("29 February", () => {
  it("a 12-month waiting period from 29/02/2024 ends on 28/02/2025 (that day covered)", () => {
    expect(run(aid("2025-02-27"), { table: withYearWait, beneficiary: joinedOnLeapDay }).limitedBy?.kind).toBe(
      "waitingPeriod",
    );
    // 1 600 → cap 1 700 − 240 = 1 460
    expect(run(aid("2025-02-28"), { table: withYearWait, beneficiary: joinedOnLeapDay }).amcCents).toBe(146000);
  });

  it("a 6-month waiting period from 29/02/2024 ends on 29/08/2024", () => {
    // dental AMO 60 % since 01/10/2023 (avenant 2 à la convention dentaire): 60 % × 107,50 = 64,50
    const crown = (careDate: string) =>
      act("dentaire_prothese_libre", { careDate, amountChargedCents: 80000, baseCents: 10750, amoCents: 6450 });
    expect(run(crown("2024-08-28"), { beneficiary: joinedOnLeapDay }).limitedBy?.kind).toBe("waitingPeriod");
    // 300 % × 107,50 = 322,50 − 64,50 = 258,00
    expect(run(crown("2024-08-29"), { beneficiary: joinedOnLeapDay }).amcCents).toBe(25800);
  });

  it("a child born on 29/02/2012 is 16 on 29/02/2028 and 15 the day before (optical period 1 year → 2 years)", () => {
    const leapChild = { birthDate: "2012-02-29", coverageStart: "2020-01-01" };
    const frame = (careDate: string) =>
      act("optique_monture", { careDate, amountChargedCents: 20000, baseCents: 5, amoCents: 3 });
    const history = [{ category: "optique_monture", careDate: "2027-02-27", amcCents: 10000 }];
    // 28/02/2028: 15 → 1 year → 27/02/2028 ≤ 28/02/2028 → paid ; 01/03/2028: 16 → 2 years → 27/02/2029 → refused
    expect(run(frame("2028-02-28"), { beneficiary: leapChild, history }).amcCents).toBe(10000);
    expect(run(frame("2028-03-01"), { beneficiary: leapChild, history }).limitedBy?.kind).toBe("renewal");
  });

  it("meters on 29/02/2028: counter years and the next renewal date exist", () => {
    const counters = usageCounters({
      table: testTable,
      beneficiary: joinedOnLeapDay,
      history: [
        { category: "optique_monture", careDate: "2026-02-28", amcCents: 10000 },
        { category: "optique_lentilles", careDate: "2027-03-01", amcCents: 3000 },
      ],
      asOf: "2028-02-29",
    });
    // lentilles: membership year from the 29/02 anniversary → 29/02/2028 … 27/02/2029 (the 2027 lenses are in the year before)
    expect(counters.find((c) => c.id === "forfait:lentilles")).toMatchObject({
      periodStart: "2028-02-29",
      periodEnd: "2029-02-27",
      usedCents: 0,
    });
    expect(counters.find((c) => c.id === "renewal:optique:frame")).toMatchObject({
      lastEquipmentDate: "2026-02-28",
      nextEligibleDate: "2028-02-28",
    });
  });
});
