// Care the Sécurité sociale reimburses that had no category, so their ticket modérateur was never paid:
// sanitary transport (AMO 65 %), LPP devices such as orthoses and dressings (60 %), midwives (70 %). A
// responsible level covers the TM (art. R871-2 1° CSS) and never the franchise (art. L160-13 III CSS; 4 € per
// trip for transport, 1 € per box of drugs or paramedical act, since 31/03/2024, décret n° 2024-114 du 16
// février 2024), which the AMO deducted and which stays with the member (L871-1). Demo tables, by hand.
import { describe, expect, it } from "vitest";
import { computeReimbursement } from "./compute.ts";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import type { CareAct } from "./model.ts";
import { selectLevelTable } from "./versions.ts";

const catalog = loadDemoGuaranteeTables();
const adult = { birthDate: "1984-09-02", coverageStart: "2025-01-01" };
const price = (level: string, act: CareAct) =>
  computeReimbursement({
    table: selectLevelTable(catalog, level, act.careDate)!,
    act,
    beneficiary: adult,
    history: [],
  });

describe("transport, LPP devices, midwives: the ticket modérateur is paid", () => {
  it("an ambulance trip: 65 % AMO less the 4 € franchise; the TM is paid, the franchise stays (Essentielle)", () => {
    // BR 120,00 charged 120,00 ; AMO 65 % = 78,00 − 4,00 franchise = 74,00 ; share 78,00 ; 100 % × 120 = 120 − 78 = 42,00
    // ; RAC 120 − 74 − 42 = 4,00 (the franchise, L160-13 III)
    const r = price("Essentielle", {
      category: "transport",
      careDate: "2026-03-02",
      amountChargedCents: 12_000,
      baseCents: 12_000,
      amoCents: 7_400,
      deductibleCents: 400,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([4_200, 400]);
    expect(r.steps.join("\n").replace(/[\u00a0\u202f]/g, " ")).toContain(
      "Participation forfaitaire et franchises : 4,00 € restent à votre charge",
    );
  });

  it("a knee orthosis (LPP): 60 % AMO, Optimale 200 % BR y compris RO", () => {
    // BR 60,00 charged 150,00 ; AMO 60 % = 36,00 ; 200 % × 60 = 120 − 36 = 84,00 ; RAC 150 − 36 − 84 = 30,00
    const r = price("Optimale", {
      category: "dispositifs_medicaux",
      careDate: "2026-03-02",
      amountChargedCents: 15_000,
      baseCents: 6_000,
      amoCents: 3_600,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([8_400, 3_000]);
  });

  it("a dressing (LPP) at its tariff: the 40 % TM, nothing left (Essentielle)", () => {
    // BR 12,50 ; AMO 60 % = 7,50 ; 100 % × 12,50 − 7,50 = 5,00 ; RAC 0
    const r = price("Essentielle", {
      category: "dispositifs_medicaux",
      careDate: "2026-03-02",
      amountChargedCents: 1_250,
      baseCents: 1_250,
      amoCents: 750,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([500, 0]);
  });

  it("a midwife's consultation: 70 % AMO, no participation forfaitaire (Équilibre 125 %)", () => {
    // L160-13 II CSS: the participation forfaitaire is due on acts and consultations "réalisé[s] par un médecin"
    // and on biology, not on a midwife's (nor is the franchise of L160-13 III, which covers drugs, auxiliaires
    // médicaux' acts and transport: a midwife is a medical profession, not an auxiliary). BR 30,00 charged
    // 30,00 ; AMO 70 % = 21,00 ; 125 % × 30 = 37,50 − 21 = 16,50 ; ≤ 30 − 21 = 9,00 ; RAC 0.
    const r = price("Équilibre", {
      category: "sage_femme",
      careDate: "2026-03-02",
      amountChargedCents: 3_000,
      baseCents: 3_000,
      amoCents: 2_100,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([900, 0]);
  });
});
