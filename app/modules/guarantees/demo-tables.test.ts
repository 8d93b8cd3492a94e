// The demo file (config/guarantees/demo.json) against the demo households' payment lines
// (app/modules/demo/demo-households.ts): the engine must find the same amounts.
import { describe, expect, it } from "vitest";
import { computeReimbursement } from "./compute.ts";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import type { CareAct, GuaranteeTable, PastAct } from "./model.ts";
import { selectLevelTable } from "./versions.ts";

const catalog = loadDemoGuaranteeTables();
const table = (level: string, careDate: string): GuaranteeTable => {
  const found = selectLevelTable(catalog, level, careDate);
  if (!found) throw new Error(`no ${level} table on ${careDate}`);
  return found;
};
const benoitHousehold = { birthDate: "1984-09-02", coverageStart: "2025-01-01" };
const price = (level: string, act: CareAct, history: PastAct[] = []) =>
  computeReimbursement({ table: table(level, act.careDate), act, beneficiary: benoitHousehold, history });
const gpVisit = (careDate: string, amountChargedCents = 3000): CareAct => ({
  category: "generaliste",
  careDate,
  amountChargedCents,
  baseCents: 3000,
  amoCents: 1900,
  deductibleCents: 200,
  optam: true,
});

describe("demo guarantee tables", () => {
  it("78. has the three levels, Optimale in two versions", () => {
    const levels = catalog.products[0]!.levels;
    expect(levels.map((l) => `${l.label}:${l.versions.length}`)).toEqual([
      "Essentielle:1",
      "Équilibre:1",
      "Optimale:2",
    ]);
  });

  it("79. Optimale 2026, chiropractie charged 80 € with no AMO: 75 €", () => {
    // frais réels 80 ; cap 75 €/séance ; forfait 150 €/an → 75 ; RAC 5
    const r = price("Optimale", {
      category: "chiropractie",
      careDate: "2026-05-28",
      amountChargedCents: 8000,
      baseCents: 0,
      amoCents: 0,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([7500, 500]);
  });

  it("80. Optimale 2025, ostéopathie charged 60 €: 50 €", () => {
    // 2025 version: frais réels 60 ; cap 50 €/séance ; forfait 120 €/an → 50 ; RAC 10
    const r = price("Optimale", {
      category: "osteopathie",
      careDate: "2025-07-21",
      amountChargedCents: 6000,
      baseCents: 0,
      amoCents: 0,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([5000, 1000]);
  });

  it("81. never retroactive: the same chiropractie session in 2025 is priced by the 2025 table", () => {
    // 2025 version: cap 60 €/séance → 60 ; RAC 20
    const r = price("Optimale", {
      category: "chiropractie",
      careDate: "2025-12-31",
      amountChargedCents: 8000,
      baseCents: 0,
      amoCents: 0,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([6000, 2000]);
  });

  it.each(["Essentielle", "Équilibre", "Optimale"])(
    "82. %s, GP visit at 30 €: 9 €, the 2 € participation stays",
    (level) => {
      // every level ≥ 100 % BR: (rate × 30) − 21 ≥ 9 ; cap 30 − 21 = 9 ; RAC 30 − 19 − 9 = 2
      const r = price(level, gpVisit("2026-07-06"));
      expect([r.amcCents, r.remainingCents]).toEqual([900, 200]);
    },
  );

  it("83. GP at 31 €: Optimale 10 €, Essentielle 9 €", () => {
    // Optimale 200 %: 60 − 21 = 39 ; cap 31 − 21 = 10 → 10 ; Essentielle 100 %: 30 − 21 = 9 ; RAC 31 − 19 − 9 = 3
    expect(price("Optimale", gpVisit("2026-06-26", 3100)).amcCents).toBe(1000);
    expect(price("Essentielle", gpVisit("2026-06-26", 3100)).remainingCents).toBe(300);
  });

  it("84. Optimale, physiotherapy 41,25 €: 16,50 €", () => {
    // 150 % × 41,25 = 61,875 → 61,88 − 24,75 = 37,13 ; cap 41,25 − 24,75 = 16,50 → 16,50 ; RAC 0
    const r = price("Optimale", {
      category: "auxiliaires_medicaux",
      careDate: "2026-06-24",
      amountChargedCents: 4125,
      baseCents: 4125,
      amoCents: 2475,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([1650, 0]);
  });

  it("85. Optimale, dental care 120 € on a BR of 60 €: 84 €", () => {
    // AMO 60 % of the BR for dental care since 01/10/2023 (arrêté du 26/09/2023) = 36 ;
    // 200 % × 60 = 120 − 36 = 84 ; cap 120 − 36 = 84 ; RAC 0
    const r = price("Optimale", {
      category: "dentaire_soins",
      careDate: "2026-03-10",
      amountChargedCents: 12000,
      baseCents: 6000,
      amoCents: 3600,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([8400, 0]);
  });

  it("86. Équilibre, crown at controlled price 90 € on a BR of 23 €: 36,80 €", () => {
    // AMO 60 % × 23 = 13,80 ; 220 % × 23 = 50,60 − 13,80 = 36,80 ; RAC 90 − 13,80 − 36,80 = 39,40
    // (member since 01/03/2024: no waiting period left)
    const r = computeReimbursement({
      table: table("equilibre", "2026-05-19"),
      act: {
        category: "dentaire_prothese_tarif_maitrise",
        careDate: "2026-05-19",
        amountChargedCents: 9000,
        baseCents: 2300,
        amoCents: 1380,
      },
      beneficiary: { birthDate: "1990-06-30", coverageStart: "2024-03-01" },
      history: [],
    });
    expect([r.amcCents, r.remainingCents]).toEqual([3680, 3940]);
  });

  it("87. Essentielle has no médecines douces", () => {
    const r = price("Essentielle", {
      category: "osteopathie",
      careDate: "2026-05-28",
      amountChargedCents: 6000,
      baseCents: 0,
      amoCents: 0,
    });
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([0, "noGuarantee"]);
  });

  it("88. Optimale, class II hearing aid in the first 12 months: waiting period, ticket modérateur only", () => {
    // covered from 01/01/2025 + 12 months = 01/01/2026 ; act on 31/12/2025: the 1 400 € line does not apply yet,
    // the responsible floor does (R871-2 1° CSS): TM = 400 − 240 = 160,00
    const r = price("Optimale", {
      category: "audiologie_classe_2",
      careDate: "2025-12-31",
      amountChargedCents: 150000,
      baseCents: 40000,
      amoCents: 24000,
    });
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([16000, "waitingPeriod"]);
  });

  it("89. Équilibre non-OPTAM specialist at 130 %: 9 € on a 50 € visit", () => {
    // BR 30, AMO 19 (+2) ; 130 % × 30 = 39 − 21 = 18 ; ceiling min(200 %, 150 % − 20 %) = 130 % → 18 ; cap 50 − 21 = 29 → 18
    // RAC 50 − 19 − 18 = 13
    const r = price("Équilibre", {
      category: "specialiste",
      careDate: "2026-03-02",
      amountChargedCents: 5000,
      baseCents: 3000,
      amoCents: 1900,
      deductibleCents: 200,
      optam: false,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([1800, 1300]);
  });
});
