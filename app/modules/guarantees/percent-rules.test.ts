// Worked cases for percentage rules: "y compris RO", "hors RO", OPTAM / non-OPTAM, participations.
// Each expectation is computed by hand in the comment above it (amounts in euros, cents in the code).
import { describe, expect, it } from "vitest";
import { act, nonResponsibleTable, plain, run } from "./test-fixtures.ts";

// A GP visit: BR 30 €, AMO 70 % × 30 € = 21 € − 2 € participation forfaitaire = 19 € paid.
const gp = (amountChargedCents: number, optam?: boolean) =>
  act("generaliste", {
    amountChargedCents,
    baseCents: 3000,
    amoCents: 1900,
    deductibleCents: 200,
    ...(optam === undefined ? {} : { optam }),
  });

describe("percentage of BR y compris RO (consultations)", () => {
  it("1. OPTAM GP at the BR: 200 % BR would give more than the expense, capped, the 2 € stay", () => {
    // 200 % × 30 = 60 ; 60 − 21 (AMO 19 + participation 2) = 39 ; cap 30 − 21 = 9 → AMC 9 ; RAC 30 − 19 − 9 = 2
    const r = run(gp(3000, true));
    expect([r.amcCents, r.remainingCents]).toEqual([900, 200]);
    expect(r.limitedBy?.kind).toBe("amountCharged");
    expect(r.appliedLine?.id).toBe("gp-optam");
  });

  it("2. OPTAM GP charging 50 €: cap at the expense still binds", () => {
    // 60 − 21 = 39 ; cap 50 − 21 = 29 → AMC 29 ; RAC 50 − 19 − 29 = 2
    const r = run(gp(5000, true));
    expect([r.amcCents, r.remainingCents]).toEqual([2900, 200]);
  });

  it("3. OPTAM GP charging 80 €: the guarantee binds", () => {
    // 60 − 21 = 39 ; cap 80 − 21 = 59 → AMC 39 ; RAC 80 − 19 − 39 = 22
    const r = run(gp(8000, true));
    expect([r.amcCents, r.remainingCents]).toEqual([3900, 2200]);
    expect(r.limitedBy).toBeUndefined();
  });

  it("4. non-OPTAM GP charging 80 €: the lower non-OPTAM line applies", () => {
    // 180 % × 30 = 54 ; 54 − 21 = 33 ; responsible ceiling min(200 %, 200 % − 20 %) = 180 % → 33 ; RAC 80 − 19 − 33 = 28
    const r = run(gp(8000, false));
    expect([r.amcCents, r.remainingCents]).toEqual([3300, 2800]);
    expect(r.appliedLine?.id).toBe("gp-non-optam");
  });

  it("5. practitioner unknown counts as non-OPTAM (the lower guarantee)", () => {
    // same as case 4: 54 − 21 = 33
    const r = run(gp(8000));
    expect([r.amcCents, r.appliedLine?.id]).toEqual([3300, "gp-non-optam"]);
  });

  it("6. specialist at 250 % BR, OPTAM", () => {
    // BR 50, AMO 70 % = 35 − 2 = 33 paid ; 250 % × 50 = 125 ; 125 − 35 = 90 ; cap 150 − 35 = 115 → 90 ; RAC 150 − 33 − 90 = 27
    const r = run(
      act("specialiste", {
        amountChargedCents: 15000,
        baseCents: 5000,
        amoCents: 3300,
        deductibleCents: 200,
        optam: true,
      }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([9000, 2700]);
  });

  it("7. same specialist non-OPTAM: responsible ceiling of 200 % BR y compris RO", () => {
    // 125 − 35 = 90 ; ceiling min(200 %, 250 % − 20 % = 230 %) = 200 % → 100 − 35 = 65 ; RAC 150 − 33 − 65 = 52
    const r = run(
      act("specialiste", {
        amountChargedCents: 15000,
        baseCents: 5000,
        amoCents: 3300,
        deductibleCents: 200,
        optam: false,
      }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([6500, 5200]);
    expect(r.limitedBy?.kind).toBe("responsibleCap");
    expect(plain(r.limitedBy!.label)).toContain("200 % de la BR");
  });

  it("8. surgeon non-OPTAM: must stay 20 % BR under the OPTAM guarantee", () => {
    // BR 200, AMO 100 % = 200 ; 150 % × 200 = 300 − 200 = 100 ; ceiling max(100 %, min(200 %, 150 % − 20 %)) = 130 %
    // → 260 − 200 = 60 ; RAC 400 − 200 − 60 = 140
    const r = run(act("hospitalisation_honoraires", { amountChargedCents: 40000, baseCents: 20000, amoCents: 20000 }));
    expect([r.amcCents, r.remainingCents]).toEqual([6000, 14000]);
    expect(plain(r.limitedBy!.label)).toContain("130 %");
  });

  it("9. same surgeon OPTAM: full 150 %", () => {
    // 300 − 200 = 100 ; cap 400 − 200 = 200 → 100 ; RAC 400 − 200 − 100 = 100
    const r = run(
      act("hospitalisation_honoraires", { amountChargedCents: 40000, baseCents: 20000, amoCents: 20000, optam: true }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([10000, 10000]);
  });

  it("10. hospital stay already paid 100 % by the AMO: nothing left for the AMC", () => {
    // 100 % × 1 500 = 1 500 ; 1 500 − 1 500 = 0 ; RAC 1 500 − 1 500 − 0 = 0
    const r = run(
      act("hospitalisation_frais_sejour", { amountChargedCents: 150000, baseCents: 150000, amoCents: 150000 }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([0, 0]);
    expect(plain(r.steps.join("\n"))).toContain(
      "= 1 500,00 € − 1 500,00 € déjà versés par la Sécurité sociale = 0,00 €",
    );
  });

  it("11. the explanation shows the arithmetic in French", () => {
    // 100 % × 30 = 30 ; 30 − 21 = 9 (radiology line at 100 %)
    const r = run(act("radiologie", { amountChargedCents: 3000, baseCents: 3000, amoCents: 2100 }));
    expect(r.amcCents).toBe(900);
    expect(plain(r.steps.join("\n"))).toContain(
      "Votre garantie : 100 % de la BR de 30,00 € y compris Sécurité sociale = 30,00 € − 21,00 € déjà versés par la Sécurité sociale = 9,00 €",
    );
  });
});

describe("pharmacy", () => {
  it("12. 65 % drug: the mutuelle pays the ticket modérateur", () => {
    // BR 12,60 ; AMO 65 % = 8,19 ; 100 % × 12,60 − 8,19 = 4,41 ; RAC 0
    const r = run(act("pharmacie_65", { amountChargedCents: 1260, baseCents: 1260, amoCents: 819 }));
    expect([r.amcCents, r.remainingCents]).toEqual([441, 0]);
  });

  it("13. 30 % drug with a 0,50 € franchise: the franchise stays to pay", () => {
    // AMO 30 % × 10 = 3 − 0,50 franchise = 2,50 ; 100 % × 10 − 3 = 7 ; cap 10 − 3 = 7 ; RAC 10 − 2,50 − 7 = 0,50
    const r = run(
      act("pharmacie_30", { amountChargedCents: 1000, baseCents: 1000, amoCents: 250, deductibleCents: 50 }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([700, 50]);
    expect(plain(r.steps.join("\n"))).toContain("0,50 € restent à votre charge");
  });

  it("14. 15 % drug priced hors RO: 50 % of the BR on top of the AMO", () => {
    // AMO 15 % × 10 = 1,50 ; 50 % × 10 = 5 ; cap 10 − 1,50 = 8,50 → 5 ; RAC 10 − 1,50 − 5 = 3,50
    const r = run(act("pharmacie_15", { amountChargedCents: 1000, baseCents: 1000, amoCents: 150 }));
    expect([r.amcCents, r.remainingCents]).toEqual([500, 350]);
    expect(plain(r.steps.join("\n"))).toContain("50 % de la BR de 10,00 € en plus de la Sécurité sociale = 5,00 €");
  });

  it("15. rounding half-up: 50 % of 10,01 € = 5,005 € → 5,01 €", () => {
    // AMO 15 % × 10,01 = 1,5015 → 1,50 ; 50 % × 1 001 c = 500,5 c → 501 c ; cap 10,01 − 1,50 = 8,51 ; RAC 10,01 − 1,50 − 5,01 = 3,50
    const r = run(act("pharmacie_15", { amountChargedCents: 1001, baseCents: 1001, amoCents: 150 }));
    expect([r.amcCents, r.remainingCents]).toEqual([501, 350]);
  });
});

describe("percentage of BR hors RO (auxiliaires médicaux at 50 % hors RO)", () => {
  it("16. would exceed the expense: capped so that AMO + AMC = charged", () => {
    // AMO 60 % × 10 = 6 ; 50 % × 10 = 5 ; 6 + 5 = 11 > 10 → cap 10 − 6 = 4 ; RAC 0
    const r = run(act("auxiliaires_medicaux", { amountChargedCents: 1000, baseCents: 1000, amoCents: 600 }));
    expect([r.amcCents, r.remainingCents]).toEqual([400, 0]);
    expect(r.amoCents + r.amcCents).toBe(r.amountChargedCents);
    expect(r.limitedBy?.kind).toBe("amountCharged");
  });

  it("17. with an overrun the full 50 % is paid", () => {
    // 50 % × 10 = 5 ; cap 15 − 6 = 9 → 5 ; RAC 15 − 6 − 5 = 4
    const r = run(act("auxiliaires_medicaux", { amountChargedCents: 1500, baseCents: 1000, amoCents: 600 }));
    expect([r.amcCents, r.remainingCents]).toEqual([500, 400]);
  });
});

describe("responsible versus non-responsible contracts", () => {
  it("18. a responsible contract never pays the participation forfaitaire", () => {
    // radiology 100 %: 30 − (19 + 2) = 9 ; RAC 30 − 19 − 9 = 2
    const r = run(
      act("radiologie", { amountChargedCents: 3000, baseCents: 3000, amoCents: 1900, deductibleCents: 200 }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([900, 200]);
  });

  it("19. a non-responsible contract builds on the AMO actually paid, so it covers it", () => {
    // 30 − 19 = 11 ; cap 30 − 19 = 11 ; RAC 0
    const r = run(
      act("radiologie", { amountChargedCents: 3000, baseCents: 3000, amoCents: 1900, deductibleCents: 200 }),
      { table: nonResponsibleTable },
    );
    expect([r.amcCents, r.remainingCents]).toEqual([1100, 0]);
  });

  it("20. a non-responsible contract has no non-OPTAM ceiling", () => {
    // non-OPTAM specialist at 250 %: the AMO share is the 33 € paid (participation not added back):
    // 125 − 33 = 92 (no 200 % ceiling) ; cap 150 − 33 = 117 → 92 ; RAC 150 − 33 − 92 = 25
    const r = run(
      act("specialiste", { amountChargedCents: 15000, baseCents: 5000, amoCents: 3300, deductibleCents: 200 }),
      { table: nonResponsibleTable },
    );
    expect([r.amcCents, r.remainingCents]).toEqual([9200, 2500]);
  });
});
