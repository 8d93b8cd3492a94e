// Hearing aids, ear by ear, computed by hand on the demo table (Optimale 2026: class II 1 400,00 € per aid).
// Rules: renewal is per ear, 4 years between two aids of the same ear (LPP titre II ch. 3, arrêté du 14 novembre
// 2018 § V.2.1; instruction DSS/SD1C/DGS/PP3/2019/130 du 4 juin 2019); a responsible contract pays a class II aid
// at most 1 700 € per ear, the Sécurité sociale's part included (art. R871-2 CSS); one aid per ear and
// equipment (LPP titre II ch. 3).
import { describe, expect, it } from "vitest";
import { computeReimbursement } from "./compute.ts";
import { usageCounters } from "./counters.ts";
import { toMeter } from "./meters.ts";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import type { BeneficiaryFacts, CareAct, PastAct } from "./model.ts";
import { plain } from "./test-fixtures.ts";
import { selectLevelTable } from "./versions.ts";

const table = selectLevelTable(loadDemoGuaranteeTables(), "Optimale", "2026-03-02")!;
/** Hélia, born 21/05/2005: 20 on 02/03/2026 (adult limits). */
const helia: BeneficiaryFacts = { birthDate: "2005-05-21", coverageStart: "2020-01-01" };
const rightEar2023: PastAct = {
  category: "audiologie_classe_2",
  careDate: "2023-05-10",
  amcCents: 140000,
  ear: "right",
};
const price = (act: CareAct, history: PastAct[]) => computeReimbursement({ table, act, beneficiary: helia, history });
const text = (steps: string[]) => plain(steps.join("\n"));

describe("both ears at once, one ear within its renewal period (per-ear renewal, R871-2 cap per ear)", () => {
  const bothEars: CareAct = {
    category: "audiologie_classe_2",
    careDate: "2026-03-02",
    amountChargedCents: 360000,
    baseCents: 80000,
    amoCents: 48000,
    quantity: 2,
    ear: "both",
  };

  it("the left ear is paid on its half: 1 400,00 ≤ 1 700 − 240 = 1 460,00 ; reste à charge 3 600 − 480 − 1 400 = 1 720,00", () => {
    // right ear fitted 10/05/2023: 10/05/2023 + 4 ans = 10/05/2027 > 02/03/2026 → right ear refused.
    // Left ear: charged 3 600 ÷ 2 = 1 800, BR 800 ÷ 2 = 400, AMO 480 ÷ 2 = 240 ; Optimale 1 400,00 per aid ;
    // R871-2 cap 1 700 − 240 = 1 460 ≥ 1 400 → 1 400,00 ; RAC 3 600 − 480 − 1 400 = 1 720,00 (was 0 paid, 3 120 left).
    const r = price(bothEars, [rightEar2023]);
    expect([r.amcCents, r.remainingCents, r.paidEar]).toEqual([140000, 172000, "left"]);
    expect([r.amountChargedCents, r.amoCents]).toEqual([360000, 48000]);
    // Nothing capped on the left ear: what decided is the right ear's renewal.
    expect(r.limitedBy?.kind).toBe("renewal");
    const steps = text(r.steps);
    expect(steps).toContain(
      "Aides auditives des deux oreilles, l'oreille droite non prise en charge : Renouvellement des aides auditives : un équipement tous les 4 ans ; prochain remboursement possible à partir du 10/05/2027 (10/05/2023 + 4 ans = 10/05/2027).",
    );
    expect(steps).toContain(
      "Seule l'oreille gauche est prise en charge, sur sa moitié de l'acte : dépense 3 600,00 € ÷ 2 = 1 800,00 €, BR 800,00 € ÷ 2 = 400,00 €, Sécurité sociale 480,00 € ÷ 2 = 240,00 €.",
    );
    expect(steps).toContain(
      "Reste à charge : 3 600,00 € − 480,00 € (Sécurité sociale) − 1 400,00 € (mutuelle) = 1 720,00 €.",
    );
    // The left ear's renewal starts now: 02/03/2026 + 4 ans = 02/03/2030.
    expect(r.counters.find((c) => c.kind === "renewal")).toMatchObject({ nextEligibleDate: "2030-03-02" });
  });

  it("the free ear keeps its own 1 700 € cap: a dearer pair pays the left ear 1 700 − 240 = 1 460,00 at most (Essentielle-like lines aside)", () => {
    // 4 400 charged ÷ 2 = 2 200 ; 1 400 per aid ≤ 1 460 → still 1 400 ; the cap is per ear, not 2 × 1 700 − 480 on one ear
    const r = price({ ...bothEars, amountChargedCents: 440000 }, [rightEar2023]);
    expect([r.amcCents, r.remainingCents]).toEqual([140000, 440000 - 48000 - 140000]);
  });

  it("both ears blocked: nothing paid", () => {
    const r = price(bothEars, [rightEar2023, { ...rightEar2023, ear: "left", careDate: "2024-01-10" }]);
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([0, "renewal"]);
  });

  it("both ears free: both aids paid, each within 1 700 − 240 (2 × 1 400,00 = 2 800,00)", () => {
    const r = price(bothEars, []);
    expect([r.amcCents, r.remainingCents, r.paidEar]).toEqual([280000, 360000 - 48000 - 280000, undefined]);
  });
});

describe("a second aid for the same ear on the same day (one aid per ear and equipment, LPP titre II ch. 3)", () => {
  const oneEar = (ear: "left" | "right"): CareAct => ({
    category: "audiologie_classe_2",
    careDate: "2026-03-02",
    amountChargedCents: 180000,
    baseCents: 40000,
    amoCents: 24000,
    quantity: 1,
    ear,
  });
  const rightToday: PastAct = {
    category: "audiologie_classe_2",
    careDate: "2026-03-02",
    amcCents: 140000,
    ear: "right",
  };

  it("another right-ear aid the same day: 0,00, flagged equipmentUnits", () => {
    // RAC 1 800 − 240 = 1 560,00
    const r = price(oneEar("right"), [rightToday]);
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([0, 156000, "equipmentUnits"]);
    expect(plain(r.limitedBy!.label)).toBe(
      "Un équipement par période : une aide auditive pour l'oreille droite déjà remboursée le 02/03/2026 pour ce bénéficiaire ; une seconde aide pour la même oreille le même jour n'est pas prise en charge.",
    );
  });

  it("a left-ear aid the same day: paid 1 400,00 (≤ 1 700 − 240 = 1 460)", () => {
    const r = price(oneEar("left"), [rightToday]);
    expect([r.amcCents, r.remainingCents]).toEqual([140000, 16000]);
  });

  it("both ears the same day after the right one: only the left ear is paid, on its half", () => {
    // left half: 1 800, BR 400, AMO 240 → 1 400,00 ; RAC 3 600 − 480 − 1 400 = 1 720,00
    const r = price(
      { ...oneEar("left"), ear: "both", quantity: 2, amountChargedCents: 360000, baseCents: 80000, amoCents: 48000 },
      [rightToday],
    );
    expect([r.amcCents, r.remainingCents, r.paidEar]).toEqual([140000, 172000, "left"]);
  });
});

describe("renewal meters per ear and per optical component (Mes garanties)", () => {
  it("on 02/03/2026 with only a right-ear aid of 10/05/2023: left ear possible, right ear from 10/05/2027", () => {
    // 10/05/2023 + 4 ans = 10/05/2027 for the right ear ; the left ear has no aid reimbursed
    const meters = usageCounters({ table, beneficiary: helia, history: [rightEar2023], asOf: "2026-03-02" })
      .filter((c) => c.kind === "renewal")
      .map((c) => toMeter(c, "2026-03-02"));
    expect(meters.map((m) => [m.id, plain(m.label), plain(m.text)])).toEqual([
      [
        "renewal:equipement-optique:frame",
        "Renouvellement de la monture",
        "Un nouvel équipement peut être remboursé dès maintenant.",
      ],
      [
        "renewal:equipement-optique:lenses",
        "Renouvellement des verres",
        "Un nouvel équipement peut être remboursé dès maintenant.",
      ],
      [
        "renewal:aide-auditive:left",
        "Renouvellement de l'aide auditive, oreille gauche",
        "Un nouvel équipement peut être remboursé dès maintenant.",
      ],
      [
        "renewal:aide-auditive:right",
        "Renouvellement de l'aide auditive, oreille droite",
        "Dernière aide auditive de cette oreille remboursée le 10/05/2023 : la prochaine sera remboursée à partir du 10/05/2027.",
      ],
    ]);
  });

  it("frame renewed, lenses not: each component its own date (LPP titre II ch. 2, components renewed separately)", () => {
    // frame 20/04/2025 → 20/04/2025 + 2 ans = 20/04/2027 ; lenses 01/02/2024 → 01/02/2026, already passed
    const counters = usageCounters({
      table,
      beneficiary: helia,
      history: [
        { category: "optique_monture", careDate: "2025-04-20", amcCents: 10000 },
        { category: "optique_verres_simples", careDate: "2024-02-01", amcCents: 20000, quantity: 2 },
      ],
      asOf: "2026-03-02",
    });
    expect(counters.find((c) => c.id === "renewal:equipement-optique:frame")).toMatchObject({
      nextEligibleDate: "2027-04-20",
    });
    expect(counters.find((c) => c.id === "renewal:equipement-optique:lenses")).toMatchObject({
      lastEquipmentDate: "2024-02-01",
      nextEligibleDate: "2026-02-01",
    }); // Each meter says its own part: "Dernière monture…", "Derniers verres…" (read before 01/02/2026 for the lenses).
    const frame = counters.find((c) => c.id === "renewal:equipement-optique:frame")!;
    const lenses = counters.find((c) => c.id === "renewal:equipement-optique:lenses")!;
    expect(plain(toMeter(frame, "2026-03-02").text)).toBe(
      "Dernière monture remboursée le 20/04/2025 : la prochaine sera remboursée à partir du 20/04/2027.",
    );
    expect(plain(toMeter(lenses, "2026-01-15").text)).toBe(
      "Derniers verres remboursés le 01/02/2024 : les prochains seront remboursés à partir du 01/02/2026.",
    );
  });
});
