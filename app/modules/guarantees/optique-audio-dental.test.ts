// Worked cases for equipment: contrat-responsable optical caps, renewal periods (adult 2 years, under 16
// 1 year), 100 % Santé baskets (zero reste à charge), hearing aids. Test table: verres simples 200 €/verre,
// complexes 250 €/verre, monture 150 € (all above the legal caps on purpose), 100 % Santé optique ≤ 170 €.
import { describe, expect, it } from "vitest";
import type { PastAct } from "./model.ts";
import { act, adult, child, plain, run } from "./test-fixtures.ts";

// Optical acts carry a symbolic BR (0,05 € for a frame) and an AMO of 60 % of it.
const frame = (careDate: string, amountChargedCents = 20000) =>
  act("optique_monture", { careDate, amountChargedCents, baseCents: 5, amoCents: 3 });
const simpleLenses = (careDate: string) =>
  act("optique_verres_simples", { careDate, amountChargedCents: 50000, baseCents: 17, amoCents: 10, quantity: 2 });
const boughtFrame = (careDate: string): PastAct => ({ category: "optique_monture", careDate, amcCents: 10000 });
/** A whole equipment as stored: frame and lenses on the same day (components are renewed each on its own period). */
const boughtEquipment = (careDate: string): PastAct[] => [
  boughtFrame(careDate),
  { category: "optique_verres_simples", careDate, amcCents: 32000, quantity: 2 },
];
const renewal = (r: ReturnType<typeof run>) => r.counters.find((c) => c.kind === "renewal");

describe("contrat responsable optical caps", () => {
  it("45. frame: 150 € guaranteed, capped at 100 €", () => {
    // 150 → cap 100 ; expense 200 − 0,03 = 199,97 ≥ 100 → 100 ; RAC 200 − 0,03 − 100 = 99,97
    const r = run(frame("2026-03-02"));
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([10000, 9997, "responsibleCap"]);
    expect(plain(r.limitedBy!.label)).toContain("100,00 € pour la monture");
  });

  it("46. frame charged 80 €: after the 100 € cap, AMO + AMC still cannot exceed 80 €", () => {
    // 150 → 100 (cap) → 80 − 0,03 = 79,97 (expense) ; AMO + AMC = 0,03 + 79,97 = 80 ; RAC 0
    const r = run(frame("2026-03-02", 8000));
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([7997, 0, "amountCharged"]);
    expect(r.amoCents + r.amcCents).toBe(8000);
  });

  it("47. two simple lenses: 2 × 200 € capped at 2 × 160 €", () => {
    // 200 × 2 = 400 → cap 160 × 2 = 320 ; RAC 500 − 0,10 − 320 = 179,90
    const r = run(simpleLenses("2026-03-02"));
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([32000, 17990, "responsibleCap"]);
  });

  it("48. two complex lenses: 2 × 250 € is under the 2 × 300 € cap", () => {
    // 250 × 2 = 500 ≤ 600 ; expense 800 − 0,20 ; RAC 800 − 0,20 − 500 = 299,80
    const r = run(
      act("optique_verres_complexes", { amountChargedCents: 80000, baseCents: 33, amoCents: 20, quantity: 2 }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([50000, 29980]);
    expect(r.limitedBy).toBeUndefined();
  });
});

describe("optical renewal", () => {
  it("49. frame and lenses billed the same day are one equipment", () => {
    // frame reimbursed on 02/03/2026, lenses the same day: not a renewal → 320 (as case 47)
    const r = run(simpleLenses("2026-03-02"), { history: [boughtFrame("2026-03-02")] });
    expect(r.amcCents).toBe(32000);
    expect(renewal(r)).toMatchObject({
      lastEquipmentDate: "2026-03-02",
      nextEligibleDate: "2028-03-02",
      periodYears: 2,
    });
  });

  it("50. adult, one day before the 2 years: refused", () => {
    // last equipment 02/03/2025 + 2 years = 02/03/2027 > 01/03/2027 → 0 ; RAC 500 − 0,10 = 499,90
    const r = run(simpleLenses("2027-03-01"), { history: boughtEquipment("2025-03-02") });
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([0, 49990, "renewal"]);
    expect(plain(r.limitedBy!.label)).toContain("à partir du 02/03/2027");
    expect(renewal(r)).toMatchObject({ lastEquipmentDate: "2025-03-02", nextEligibleDate: "2027-03-02" });
  });

  it("51. adult, exactly 2 years later: reimbursed", () => {
    // 02/03/2027 ≥ 02/03/2027 → 320 as in case 47 ; next renewal 02/03/2029
    const r = run(simpleLenses("2027-03-02"), { history: boughtEquipment("2025-03-02") });
    expect(r.amcCents).toBe(32000);
    expect(renewal(r)).toMatchObject({ lastEquipmentDate: "2027-03-02", nextEligibleDate: "2029-03-02" });
  });

  it("52. child under 16, one day before 1 year: refused", () => {
    // born 10/03/2015, 11 years old ; last 15/09/2025 + 1 year = 15/09/2026 > 14/09/2026 → 0
    const r = run(frame("2026-09-14"), { beneficiary: child, history: [boughtFrame("2025-09-15")] });
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([0, "renewal"]);
    expect(renewal(r)).toMatchObject({ periodYears: 1, nextEligibleDate: "2026-09-15" });
  });

  it("53. child under 16, exactly 1 year later: reimbursed", () => {
    // 15/09/2026 → 150 → cap 100
    const r = run(frame("2026-09-15"), { beneficiary: child, history: [boughtFrame("2025-09-15")] });
    expect(r.amcCents).toBe(10000);
  });

  it("54. a teenager who turned 16 is under the adult rule on the new care date", () => {
    // born 01/05/2010: 15 at the last equipment (01/09/2025), 16 on 01/09/2026 → 2 years → next 01/09/2027 → 0
    const teen = { birthDate: "2010-05-01", coverageStart: "2020-01-01" };
    const r = run(frame("2026-09-01"), { beneficiary: teen, history: [boughtFrame("2025-09-01")] });
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([0, "renewal"]);
    expect(renewal(r)).toMatchObject({ periodYears: 2, nextEligibleDate: "2027-09-01" });
  });

  it("55. a refused earlier equipment (0 €) does not start a period", () => {
    // the 2025 line paid nothing → no last equipment → 100
    const r = run(frame("2026-03-02"), {
      history: [{ category: "optique_verres_simples", careDate: "2025-06-01", amcCents: 0 }],
    });
    expect(r.amcCents).toBe(10000);
  });

  it("56. the 100 % Santé equipment shares the period with class B components", () => {
    // lenses 01/06/2025 + 2 years = 01/06/2027 > 01/06/2026 → 0 ; RAC 150 − 90 = 60
    const r = run(
      act("optique_100_sante", {
        careDate: "2026-06-01",
        amountChargedCents: 15000,
        baseCents: 15000,
        amoCents: 9000,
        priceLimitCents: 17000,
      }),
      {
        history: [{ category: "optique_verres_simples", careDate: "2025-06-01", amcCents: 32000, quantity: 2 }],
      },
    );
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([0, 6000, "renewal"]);
  });
});

describe("100 % Santé baskets", () => {
  it("57. class A glasses: zero reste à charge", () => {
    // item's limit 170 ; min(150, 170) − 90 = 60 ; RAC 150 − 90 − 60 = 0
    const r = run(
      act("optique_100_sante", { amountChargedCents: 15000, baseCents: 15000, amoCents: 9000, priceLimitCents: 17000 }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([6000, 0]);
  });

  it("58. class A glasses billed above the price limit: only the excess stays", () => {
    // min(180, 170) − 90 = 80 ; RAC 180 − 90 − 80 = 10
    const r = run(
      act("optique_100_sante", { amountChargedCents: 18000, baseCents: 15000, amoCents: 9000, priceLimitCents: 17000 }),
    );
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([8000, 1000, "priceLimit"]);
  });

  it("59. the act's own regulated price limit is the one applied", () => {
    // limit 120 (given by the act) ; min(130, 120) − 72 = 48 ; RAC 130 − 72 − 48 = 10
    const r = run(
      act("optique_100_sante", { amountChargedCents: 13000, baseCents: 12000, amoCents: 7200, priceLimitCents: 12000 }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([4800, 1000]);
  });

  it("60. 100 % Santé crown: zero reste à charge", () => {
    // BR 120, AMO 60 % (dental since 01/10/2023) = 72 ; item's limit 500 ; min(500, 500) − 72 = 428 ; RAC 0
    const r = run(
      act("dentaire_prothese_100_sante", {
        amountChargedCents: 50000,
        baseCents: 12000,
        amoCents: 7200,
        priceLimitCents: 50000,
      }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([42800, 0]);
  });

  it("61. two class I hearing aids: zero reste à charge", () => {
    // limit 950 × 2 = 1 900 ; BR 400 × 2, AMO 60 % = 480 ; 1 900 − 480 = 1 420 ; RAC 0
    const r = run(
      act("audiologie_classe_1", {
        amountChargedCents: 190000,
        baseCents: 80000,
        amoCents: 48000,
        quantity: 2,
        priceLimitCents: 190000,
      }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([142000, 0]);
    expect(renewal(r)).toMatchObject({ periodYears: 4, nextEligibleDate: "2030-03-02" });
  });
});

describe("hearing aids class II and dental", () => {
  it("62. class II hearing aid: 1 700 € per ear, Sécurité sociale included", () => {
    // 1 600 guaranteed ; cap 1 700 − 240 = 1 460 → 1 460 ; RAC 2 000 − 240 − 1 460 = 300
    const r = run(act("audiologie_classe_2", { amountChargedCents: 200000, baseCents: 40000, amoCents: 24000 }));
    expect([r.amcCents, r.remainingCents, r.limitedBy?.kind]).toEqual([146000, 30000, "responsibleCap"]);
  });

  it("63. hearing aid renewed after 3 years: refused (4-year period)", () => {
    // 02/03/2023 + 4 years = 02/03/2027 > 02/03/2026 → 0
    const r = run(act("audiologie_classe_2", { amountChargedCents: 200000, baseCents: 40000, amoCents: 24000 }), {
      history: [{ category: "audiologie_classe_1", careDate: "2023-03-02", amcCents: 71000 }],
    });
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([0, "renewal"]);
  });

  it("64. free-priced crown at 300 % BR y compris RO", () => {
    // BR 107,50 ; AMO 60 % (dental since 01/10/2023) = 64,50 ; 300 % = 322,50 − 64,50 = 258,00 ;
    // RAC 800 − 64,50 − 258,00 = 477,50
    const r = run(act("dentaire_prothese_libre", { amountChargedCents: 80000, baseCents: 10750, amoCents: 6450 }), {
      beneficiary: adult,
    });
    expect([r.amcCents, r.remainingCents]).toEqual([25800, 47750]);
  });
});

describe("hearing aids: renewal per ear (LPP titre II ch. 3, arrêté du 14/11/2018 § V.2.1: 4 years between two aids, for each ear)", () => {
  // class II aid, charged 2 000, BR 400, AMO 60 % = 240 ; 1 600 guaranteed → cap 1 700 − 240 = 1 460
  const aid = (ear?: "left" | "right" | "both") =>
    act("audiologie_classe_2", {
      amountChargedCents: 200000,
      baseCents: 40000,
      amoCents: 24000,
      ...(ear ? { ear } : {}),
    });
  const rightEar2023: PastAct = {
    category: "audiologie_classe_2",
    careDate: "2023-05-10",
    amcCents: 146000,
    ear: "right",
  };

  it("a right ear fitted in 2023 does not block the left ear in 2026", () => {
    const r = run(aid("left"), { history: [rightEar2023] });
    expect([r.amcCents, r.remainingCents]).toEqual([146000, 30000]);
  });

  it("the same ear within 4 years is refused; both ears, or an ear not stated, count as that ear too", () => {
    // 10/05/2023 + 4 years = 10/05/2027 > 02/03/2026 → 0
    expect(run(aid("right"), { history: [rightEar2023] }).limitedBy?.kind).toBe("renewal");
    // Both ears: only the free left ear is paid, on its half (ears.test.ts): 2 000 ÷ 2 − 240 ÷ 2 = 880,00 (the expense)
    expect(run(aid("both"), { history: [rightEar2023] })).toMatchObject({ amcCents: 88000, paidEar: "left" });
    expect(run(aid(), { history: [rightEar2023] }).limitedBy?.kind).toBe("renewal");
    expect(run(aid("left"), { history: [{ ...rightEar2023, ear: "both" }] }).limitedBy?.kind).toBe("renewal");
    expect(run(aid("left"), { history: [{ ...rightEar2023, ear: undefined }] }).limitedBy?.kind).toBe("renewal");
  });
});
