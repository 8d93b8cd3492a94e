// 100 % Santé baskets, computed by hand. Art. R871-2 CSS, as amended by décret n° 2019-21 du 11 janvier
// 2019: a responsible contract covers the 100 % Santé items in full up to the prix limite de vente (LPP,
// art. L165-3) or honoraire limite de facturation (CCAM) of each item — the item's own limit, never a single
// figure of the guarantee table. Hearing aids class I: 950 € per ear from the 20th birthday,
// 1 400 € before (LPP, arrêté du 14 novembre 2018).
import { describe, expect, it } from "vitest";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import { estimateQuote } from "./estimate.ts";
import { hearingAidClass1PriceLimitCents } from "./legal-limits.ts";
import { act, run } from "./test-fixtures.ts";
import { selectLevelTable } from "./versions.ts";

const under20 = { birthDate: "2012-05-04", coverageStart: "2020-01-01" };
const adult = { birthDate: "1984-09-02", coverageStart: "2020-01-01" };

describe("100 % Santé: the item's own price limit (R871-2 CSS, décret 2019-21)", () => {
  it("refuses to price a basket act without its item's limit (no table figure stands in)", () => {
    expect(() =>
      run(act("audiologie_classe_1", { amountChargedCents: 140000, baseCents: 140000, amoCents: 84000 })),
    ).toThrow(/price limit/);
    expect(() =>
      run(act("optique_100_sante", { amountChargedCents: 17000, baseCents: 17000, amoCents: 10200 })),
    ).toThrow(/price limit/);
  });

  it("class I hearing aid under 20: limit 1 400 €, nothing left to pay (the table's 950 € left 450 €)", () => {
    // born 04/05/2012, 13 on 02/03/2026 → limit 1 400 ; BR 1 400, AMO 60 % = 840 ; 1 400 − 840 = 560 ; RAC 0
    const priceLimitCents = hearingAidClass1PriceLimitCents(under20.birthDate, "2026-03-02");
    expect(priceLimitCents).toBe(140000);
    const r = run(
      act("audiologie_classe_1", { amountChargedCents: 140000, baseCents: 140000, amoCents: 84000, priceLimitCents }),
      { beneficiary: under20 },
    );
    expect([r.amcCents, r.remainingCents]).toEqual([56000, 0]);
  });

  it("two class I hearing aids for an adult: 2 × 950 €", () => {
    // limit 950 × 2 = 1 900 ; BR 400 × 2, AMO 60 % = 480 ; 1 900 − 480 = 1 420 ; RAC 0
    const priceLimitCents = hearingAidClass1PriceLimitCents(adult.birthDate, "2026-03-02") * 2;
    const r = run(
      act("audiologie_classe_1", {
        amountChargedCents: 190000,
        baseCents: 80000,
        amoCents: 48000,
        quantity: 2,
        priceLimitCents,
      }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([142000, 0]);
  });

  it("the 20th birthday: 1 400 € up to and including it (the reading that favours the member), 950 € the day after", () => {
    expect(hearingAidClass1PriceLimitCents("2006-03-02", "2026-03-01")).toBe(140000);
    expect(hearingAidClass1PriceLimitCents("2006-03-02", "2026-03-02")).toBe(140000);
    expect(hearingAidClass1PriceLimitCents("2006-03-02", "2026-03-03")).toBe(95000);
    // born 29/02/2008: the 20th birthday is 29/02/2028 (a leap year too)
    expect(hearingAidClass1PriceLimitCents("2008-02-29", "2028-02-29")).toBe(140000);
    expect(hearingAidClass1PriceLimitCents("2008-02-29", "2028-03-01")).toBe(95000);
  });

  it("class A equipment with complex lenses at its 235 € limit: nothing left (the table's 170 € left 65 €)", () => {
    // limit 235 ; BR 141, AMO 60 % = 84,60 ; 235 − 84,60 = 150,40 ; RAC 0
    const r = run(
      act("optique_100_sante", { amountChargedCents: 23500, baseCents: 14100, amoCents: 8460, priceLimitCents: 23500 }),
    );
    expect([r.amcCents, r.remainingCents]).toEqual([15040, 0]);
  });
});

describe("quote estimate: the 100 % Santé alternative per equipment", () => {
  const table = selectLevelTable(loadDemoGuaranteeTables(), "Optimale", "2026-11-26")!;

  it("frame + two lenses are one class A equipment: one alternative at 170 €, not 170 + 2 × 170 = 510 €", () => {
    const { lines } = estimateQuote({
      table,
      lines: [
        { category: "optique_monture", chargedCents: 15000, baseCents: 5, quantity: 1 },
        { category: "optique_verres_simples", chargedCents: 30000, baseCents: 10, quantity: 2 },
      ],
      beneficiary: adult,
      history: [],
      today: "2026-11-26",
    });
    const alternatives = lines.flatMap((l) => (l.alternative ? [l.alternative] : []));
    expect(alternatives).toEqual([
      { label: "Équipement optique 100 % Santé (classe A)", priceCents: 17000, remainingCents: 0 },
    ]);
  });

  it("hearing aids are per ear, at the legal limit for the age: two class II aids for a child → 2 × 1 400 €", () => {
    const { lines } = estimateQuote({
      table,
      lines: [{ category: "audiologie_classe_2", chargedCents: 360000, baseCents: 280000, quantity: 2 }],
      beneficiary: under20,
      history: [],
      today: "2026-11-26",
    });
    expect(lines[0]!.alternative).toMatchObject({ priceCents: 280000, remainingCents: 0 });
  });

  it("a class I aid quoted for a child is estimated at its legal limit: nothing left", () => {
    // BR 1 400, AMO 60 % = 840 ; limit 1 400 (under 20) ; 1 400 − 840 = 560 ; RAC 0
    const { lines } = estimateQuote({
      table,
      lines: [{ category: "audiologie_classe_1", chargedCents: 140000, baseCents: 140000, quantity: 1 }],
      beneficiary: under20,
      history: [],
      today: "2026-11-26",
    });
    expect(lines[0]).toMatchObject({ amoCents: 84000, amcCents: 56000, remainingCents: 0 });
  });
});
