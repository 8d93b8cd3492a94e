// Worked cases for what decides whether anything is paid: waiting periods, coverage start, missing lines,
// table versions (never retroactive), and invalid input.
import { describe, expect, it } from "vitest";
import { usageCounters } from "./counters.ts";
import type { GuaranteeTable } from "./model.ts";
import { act, nonResponsibleTable, plain, run, testTable } from "./test-fixtures.ts";
import { selectTableVersion } from "./versions.ts";

const joinedMidJanuary = { birthDate: "1980-06-15", coverageStart: "2026-01-15" };
// Dental prostheses: AMO 60 % of the BR since 01/10/2023 (avenant 2 à la convention nationale des chirurgiens-
// dentistes, arrêté du 20 juillet 2023) → 60 % × 107,50 = 64,50.
const crown = (careDate: string) =>
  act("dentaire_prothese_libre", { careDate, amountChargedCents: 80000, baseCents: 10750, amoCents: 6450 });
const braces = (careDate: string) =>
  act("dentaire_orthodontie", { careDate, amountChargedCents: 60000, baseCents: 19350, amoCents: 19350 });

describe("waiting periods (stage)", () => {
  it("65. crown one day before the end of a 6-month waiting period: the ticket modérateur only", () => {
    // 15/01/2026 + 6 months = 15/07/2026 > 14/07/2026: the line's 300 % does not apply yet. A responsible
    // contract covers at least the ticket modérateur on care the AMO reimburses (R871-2 1° CSS); the law does
    // not say a waiting period may suspend that floor: reading that favours the member →
    // TM = 100 % × 107,50 − 64,50 = 43,00 ; RAC 800 − 64,50 − 43,00 = 692,50
    const r = run(crown("2026-07-14"), { beneficiary: joinedMidJanuary });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([4300, 69250, "waitingPeriod"]);
    expect(plain(r.limitedBy!.label)).toContain("à partir du 15/07/2026");
    expect(plain(r.steps.join(" "))).toContain("ticket modérateur, et lui seul");
  });

  it("65b. the same crown on a contract that is not responsible: nothing during the waiting period", () => {
    // no legal floor outside the contrat responsable → 0 ; RAC 800 − 64,50 = 735,50
    const r = run(crown("2026-07-14"), { beneficiary: joinedMidJanuary, table: nonResponsibleTable });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([0, 73550, "waitingPeriod"]);
  });

  it("66. crown on the first covered day", () => {
    // 300 % × 107,50 = 322,50 − 64,50 = 258,00 ; RAC 800 − 64,50 − 258,00 = 477,50
    const r = run(crown("2026-07-15"), { beneficiary: joinedMidJanuary });
    expect([r.amcCents, r.remainingCents]).toEqual([25800, 47750]);
  });

  it("67. orthodontics, 90-day waiting period: day 89 pays nothing (the AMO already pays 100 %, TM 0)", () => {
    // 15/01 + 90 days = 15/04/2026 (16 days of January, 28 of February, 31 of March, 15 of April) → 14/04:
    // ticket modérateur only, and a child's orthodontics on prior approval has none (AMO 100 %) → 0
    const r = run(braces("2026-04-14"), { beneficiary: joinedMidJanuary });
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([0, "waitingPeriod"]);
  });

  it("68. orthodontics on day 90: 200 % BR y compris RO", () => {
    // child treatment: AMO 100 % = 193,50 ; 200 % = 387 − 193,50 = 193,50 ; RAC 600 − 193,50 − 193,50 = 213
    const r = run(braces("2026-04-15"), { beneficiary: joinedMidJanuary });
    expect([r.amcCents, r.remainingCents]).toEqual([19350, 21300]);
  });

  it("69. a line without waiting period pays from the first day", () => {
    // radiology 100 %: 30 − 21 = 9
    const r = run(
      act("radiologie", { careDate: "2026-01-15", amountChargedCents: 3000, baseCents: 3000, amoCents: 2100 }),
      { beneficiary: joinedMidJanuary },
    );
    expect(r.amcCents).toBe(900);
  });
});

describe("no guarantee", () => {
  it("70. care before the coverage start", () => {
    // 10/01/2026 < 15/01/2026 → 0 ; RAC 30 − 21 = 9
    const r = run(
      act("radiologie", { careDate: "2026-01-10", amountChargedCents: 3000, baseCents: 3000, amoCents: 2100 }),
      { beneficiary: joinedMidJanuary },
    );
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([0, 900, "beforeCoverage"]);
  });

  it("71. a category the level does not cover", () => {
    // no sophrologie line → 0 ; RAC 50 − 0 = 50
    const r = run(act("sophrologie", { amountChargedCents: 5000 }));
    expect([r.amcCents, r.remainingCents, r.appliedLine, r.limitedBy?.kind]).toEqual([0, 5000, null, "noGuarantee"]);
    expect(r.limitedBy?.label).toContain("Sophrologie");
  });

  it("72. an unknown category code", () => {
    // → 0 ; RAC 40 − 10 = 30
    const r = run(act("implant_dentaire", { amountChargedCents: 4000, baseCents: 1000, amoCents: 1000 }));
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([0, 3000, "noGuarantee"]);
  });

  it("73. a rate under 100 % y compris RO can leave nothing on top of the AMO", () => {
    // non-responsible table with radiology at 60 % y compris RO: 60 % × 30 = 18 < 21 → 0 ; RAC 30 − 21 = 9
    const table: GuaranteeTable = {
      ...nonResponsibleTable,
      lines: [{ id: "radio", category: "radiologie", rule: { kind: "percentOfBaseIncludingAmo", rateBp: 6000 } }],
    };
    const r = run(act("radiologie", { amountChargedCents: 3000, baseCents: 3000, amoCents: 2100 }), { table });
    expect([r.amcCents, r.remainingCents]).toEqual([0, 900]);
    expect(plain(r.steps.join("\n"))).toContain("la Sécurité sociale couvre déjà ce niveau");
  });
});

describe("table versions", () => {
  const v2025 = { ...testTable, effectiveFrom: "2025-01-01" };
  const v2026 = { ...testTable, effectiveFrom: "2026-01-01", effectiveTo: "2026-12-31" };
  const versions = [v2026, v2025];

  it("74. picks the version in effect on the care date, never a later one", () => {
    // 31/12/2025 → 2025 ; 01/01/2026 → 2026 ; 2024 → none ; 2027 → none (2026 ends 31/12/2026)
    expect(selectTableVersion(versions, "2025-12-31")).toBe(v2025);
    expect(selectTableVersion(versions, "2026-01-01")).toBe(v2026);
    expect(selectTableVersion(versions, "2024-12-31")).toBeUndefined();
    expect(selectTableVersion(versions, "2027-01-01")).toBeUndefined();
  });

  it("75. refuses to price an act with a version not yet in effect", () => {
    expect(() => run(act("radiologie", { careDate: "2025-06-01" }), { table: v2026 })).toThrow(/selectTableVersion/);
  });
});

describe("invalid input is a programming error", () => {
  it.each([
    ["negative amount", { amountChargedCents: -1 }],
    ["fractional cents", { amountChargedCents: 10.5 }],
    ["AMO above the expense", { amountChargedCents: 1000, amoCents: 1001 }],
    ["zero quantity", { quantity: 0 }],
    ["impossible date", { careDate: "2026-02-30" }],
  ])("76. %s", (_, fields) => {
    expect(() => run(act("radiologie", fields))).toThrow(RangeError);
  });
});

describe("usage meters without a new act", () => {
  it("77. what is left on 01/07/2026", () => {
    // médecines douces: 75 used of 150, 1 of 4 sessions ; psychologue 2 of 6 ; optique: last 02/03/2025 → 02/03/2027
    const history = [
      { category: "chiropractie", careDate: "2026-05-28", amcCents: 7500 },
      { category: "psychologue", careDate: "2026-02-01", amcCents: 5000, quantity: 2 },
      { category: "optique_monture", careDate: "2025-03-02", amcCents: 10000 },
    ];
    const counters = usageCounters({
      table: testTable,
      beneficiary: { birthDate: "1980-06-15", coverageStart: "2020-01-01" },
      history,
      asOf: "2026-07-01",
    });
    expect(counters.find((c) => c.id === "forfait:md")).toMatchObject({
      usedCents: 7500,
      remainingCents: 7500,
      sessionsLeft: 3,
    });
    expect(counters.find((c) => c.id === "sessions:psychologue")).toMatchObject({ sessionsUsed: 2, sessionsLeft: 4 });
    expect(counters.find((c) => c.id === "renewal:optique:frame")).toMatchObject({ nextEligibleDate: "2027-03-02" });
    // Lenses renewed separately keep their own period (LPP titre II ch. 2): none reimbursed, possible now
    const lenses = counters.find((c) => c.id === "renewal:optique:lenses");
    expect(lenses).toMatchObject({ kind: "renewal" });
    expect(lenses).not.toHaveProperty("nextEligibleDate");
    expect(counters.find((c) => c.id === "days:hospitalisation_chambre_particuliere")).toMatchObject({
      sessionsLeft: 10,
    });
  });
});
