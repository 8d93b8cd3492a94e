// Imaging is billed by doctors (radiologists), so the OPTAM distinction and the non-OPTAM ceiling of a
// contrat responsable apply to it: art. R871-2 1° CSS, dépassements of doctors not adhering to OPTAM covered
// « dans la double limite de 100 % du tarif de responsabilité et du montant pris en charge pour les
// dépassements des médecins ayant adhéré … minoré d'un montant égal à 20 % du tarif » — so at most
// min(200 %, OPTAM rate − 20 %) of the BR, Sécurité sociale included. Demo table, computed by hand.
import { describe, expect, it } from "vitest";
import { computeReimbursement } from "./compute.ts";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import type { CareAct } from "./model.ts";
import { selectLevelTable } from "./versions.ts";

const catalog = loadDemoGuaranteeTables();
const adult = { birthDate: "1984-09-02", coverageStart: "2025-01-01" };
// Scan charged 150 €, BR 60 €: AMO 70 % = 42,00 − 2,00 participation forfaitaire = 40,00 paid; share 42,00.
const scan = (optam: boolean): CareAct => ({
  category: "radiologie",
  careDate: "2026-03-02",
  amountChargedCents: 15000,
  baseCents: 6000,
  amoCents: 4000,
  deductibleCents: 200,
  optam,
});
const price = (level: string, optam: boolean) =>
  computeReimbursement({
    table: selectLevelTable(catalog, level, "2026-03-02")!,
    act: scan(optam),
    beneficiary: adult,
    history: [],
  });

describe("imaging: OPTAM and non-OPTAM radiologists (R871-2 1° CSS)", () => {
  it("Optimale: OPTAM 200 % → 78,00 ; non-OPTAM 180 % (not 200 %) → 66,00", () => {
    // 200 % × 60 = 120 − 42 = 78 ; 180 % × 60 = 108 − 42 = 66
    expect(price("Optimale", true).amcCents).toBe(7800);
    expect(price("Optimale", false)).toMatchObject({ amcCents: 6600, appliedLine: { id: "radiologie-non-optam" } });
  });

  it("Équilibre: OPTAM 125 % → 33,00 ; non-OPTAM 105 % (not 125 %) → 21,00", () => {
    // 125 % × 60 = 75 − 42 = 33 ; 105 % × 60 = 63 − 42 = 21
    expect(price("Équilibre", true).amcCents).toBe(3300);
    expect(price("Équilibre", false).amcCents).toBe(2100);
  });

  it("a table pricing a non-OPTAM radiologist like an OPTAM one is still capped at OPTAM − 20 %", () => {
    const table = selectLevelTable(catalog, "Optimale", "2026-03-02")!;
    const generous = {
      ...table,
      lines: table.lines.map((l) =>
        l.id === "radiologie-non-optam"
          ? { ...l, rule: { kind: "percentOfBaseIncludingAmo" as const, rateBp: 20000 } }
          : l,
      ),
    };
    // 200 % → 78 ; cap min(200, 200 − 20) = 180 % × 60 = 108 − 42 = 66
    const r = computeReimbursement({ table: generous, act: scan(false), beneficiary: adult, history: [] });
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([6600, "responsibleCap"]);
  });
});
