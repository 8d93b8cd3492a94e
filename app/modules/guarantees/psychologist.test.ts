// Psychologist sessions on the demo tables. The Sécurité sociale reimburses up to 12 sessions a year with a
// partner psychologist (« Mon soutien psy », art. L162-58 du code de la sécurité sociale; 12 sessions and a 50 €
// tariff since 15/06/2024) at 60 %: a contrat responsable must cover the 40 % ticket modérateur on every one of
// them (art. R871-2 1° CSS: "l'intégralité de la participation de l'assuré"), whatever forfait the level offers
// for sessions the Sécurité sociale does not cover. The two are separate categories, with separate counters.
import { describe, expect, it } from "vitest";
import { computeReimbursement } from "./compute.ts";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import type { CareAct, PastAct } from "./model.ts";
import { selectLevelTable } from "./versions.ts";

const catalog = loadDemoGuaranteeTables();
const adult = { birthDate: "1984-09-02", coverageStart: "2025-01-01" };
const price = (level: string, act: CareAct, history: PastAct[] = []) =>
  computeReimbursement({ table: selectLevelTable(catalog, level, act.careDate)!, act, beneficiary: adult, history });
// One session: 50,00 € charged, BR 50,00, AMO 60 % = 30,00; ticket modérateur 50,00 − 30,00 = 20,00.
const amoSession = (careDate: string): CareAct => ({
  category: "psychologue_soutien_psy",
  careDate,
  amountChargedCents: 5000,
  baseCents: 5000,
  amoCents: 3000,
});
const earlier = (category: string, n: number): PastAct[] =>
  Array.from({ length: n }, (_, i) => ({
    category,
    careDate: `2026-0${1 + Math.floor(i / 4)}-${String(1 + (i % 4) * 7).padStart(2, "0")}`,
    amcCents: 2000,
  }));

describe("psychologist sessions reimbursed by the Sécurité sociale: the ticket modérateur on all of them", () => {
  it.each(["Essentielle", "Équilibre", "Optimale"])(
    "%s pays the 20,00 € ticket modérateur on a session (100 % BR y compris Sécurité sociale)",
    (level) => {
      // 100 % × 50,00 = 50,00 − 30,00 (AMO) = 20,00 ; RAC 50,00 − 30,00 − 20,00 = 0,00
      const r = price(level, amoSession("2026-10-05"));
      expect([r.amcCents, r.remainingCents]).toEqual([2000, 0]);
      expect(r.appliedLine?.id).toBe("psychologue-soutien-psy");
    },
  );

  it("the 12th session of the year is still covered after 11 AMO sessions and 8 forfait sessions (Optimale 2026)", () => {
    // the forfait's 8 sessions count only sessions the AMO does not cover: 20,00 on the 12th AMO session
    const history = [...earlier("psychologue_soutien_psy", 11), ...earlier("psychologue", 8)];
    const r = price("Optimale", amoSession("2026-10-05"), history);
    expect(r.amcCents).toBe(2000);
  });

  it("sessions the AMO does not cover stay on the level's forfait, with its own count (Optimale: 30 € × 8)", () => {
    // 60,00 € with no BR: 30,00 per session ; after 8 such sessions, 0 — the 11 AMO sessions do not use it
    const noAmo: CareAct = {
      category: "psychologue",
      careDate: "2026-10-05",
      amountChargedCents: 6000,
      baseCents: 0,
      amoCents: 0,
    };
    expect(price("Optimale", noAmo, earlier("psychologue_soutien_psy", 11)).amcCents).toBe(3000);
    const spent = price("Optimale", noAmo, earlier("psychologue", 8));
    expect([spent.amcCents, spent.limitedBy?.kind]).toEqual([0, "sessionCount"]);
  });
});
