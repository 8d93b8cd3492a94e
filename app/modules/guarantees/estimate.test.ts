import { describe, expect, it } from "vitest";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import { estimateQuote } from "./estimate.ts";
import { selectLevelTable } from "./versions.ts";

const table = selectLevelTable(loadDemoGuaranteeTables(), "Optimale", "2026-11-26")!;
const adult = { birthDate: "1984-09-02", coverageStart: "2025-01-01" };

describe("estimateQuote", () => {
  it("prices a dental crown at tarif libre with the engine, and shows the 100% Santé crown at no cost", () => {
    // Crown 800,00 €, BR 120,00: AMO 60 % = 72,00; Optimale 300 % BR y.c. RO = 360,00 − 72,00 = 288,00;
    // reste à charge 800,00 − 72,00 − 288,00 = 440,00.
    const { lines, totals } = estimateQuote({
      table,
      lines: [{ category: "dentaire_prothese_libre", chargedCents: 80000, baseCents: 12000, quantity: 1 }],
      beneficiary: adult,
      history: [],
      today: "2026-11-26",
    });
    expect(lines[0]).toMatchObject({ amoCents: 7200, amcCents: 28800, remainingCents: 44000 });
    expect(lines[0]!.alternative).toMatchObject({ remainingCents: 0 });
    expect(totals).toEqual({ chargedCents: 80000, amoCents: 7200, amcCents: 28800, remainingCents: 44000 });
  });

  it("prices a pair of complex lenses and a frame as one equipment, every cent accounted for", () => {
    // Verres complexes 2 × 250,00 (BR 0,05 each: AMO 60 % = 0,03 each → 0,06); Optimale 280,00 per lens, capped
    // by the contrat responsable and the price; monture 120,00 (AMO 0,03), 100,00 € from the mutuelle at most.
    const { lines, totals } = estimateQuote({
      table,
      lines: [
        { category: "optique_verres_complexes", chargedCents: 50000, baseCents: 10, quantity: 2 },
        { category: "optique_monture", chargedCents: 12000, baseCents: 5, quantity: 1 },
      ],
      beneficiary: adult,
      history: [],
      today: "2026-11-26",
    });
    expect(lines.map((l) => l.amoCents)).toEqual([6, 3]);
    expect(lines[1]!.amcCents).toBe(10000); // frame: 100,00 € from the mutuelle, the contrat responsable maximum
    for (const l of lines) expect(l.amoCents + l.amcCents + l.remainingCents).toBe(l.chargedCents);
    expect(totals.chargedCents).toBe(62000);
    expect(totals.amoCents + totals.amcCents + totals.remainingCents).toBe(62000);
    // One class A equipment replaces frame and lenses together: one alternative, on the first line.
    expect(lines.map((l) => l.alternative?.remainingCents ?? null)).toEqual([0, null]);
  });

  it("takes the beneficiary's history into account: glasses reimbursed in July 2026 are not renewed in November", () => {
    const { lines } = estimateQuote({
      table,
      lines: [{ category: "optique_verres_complexes", chargedCents: 25000, baseCents: 5, quantity: 1 }],
      beneficiary: adult,
      history: [{ category: "optique_verres_complexes", careDate: "2026-07-18", amcCents: 40923, quantity: 2 }],
      today: "2026-11-26",
    });
    expect(lines[0]).toMatchObject({ amcCents: 0, remainingCents: 25000 - 3 });
    expect(lines[0]!.steps.join(" ")).toMatch(/2028/);
  });
});

// Low 18: the quote uses the Sécurité sociale's rate of each category, not a flat 60 %.
describe("estimateQuote: the AMO rate per category", () => {
  const child = { birthDate: "2014-05-10", coverageStart: "2025-01-01" };
  it("child orthodontics (treatment started before 16): AMO 100 % of the BR", () => {
    // semester of ODF 700,00 €, BR 193,50 ; AMO 100 % = 193,50 (was 60 % = 116,10) ; Optimale 300 % × 193,50 = 580,50
    // − 193,50 = 387,00 ; RAC 700,00 − 193,50 − 387,00 = 119,50
    const { lines } = estimateQuote({
      table,
      lines: [{ category: "dentaire_orthodontie", chargedCents: 70000, baseCents: 19350, quantity: 1 }],
      beneficiary: child,
      history: [],
      today: "2026-11-26",
    });
    expect(lines[0]).toMatchObject({ amoCents: 19350, amcCents: 38700, remainingCents: 11950 });
  });

  it("orthodontics from 16: nothing from the Sécurité sociale", () => {
    // adult: AMO 0 ; 300 % × 193,50 = 580,50 − 0 = 580,50 ; RAC 700 − 580,50 = 119,50
    const { lines } = estimateQuote({
      table,
      lines: [{ category: "dentaire_orthodontie", chargedCents: 70000, baseCents: 19350, quantity: 1 }],
      beneficiary: adult,
      history: [],
      today: "2026-11-26",
    });
    expect(lines[0]).toMatchObject({ amoCents: 0, amcCents: 58050, remainingCents: 11950 });
  });
});
