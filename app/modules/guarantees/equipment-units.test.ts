// One equipment holds one frame, two lenses, one hearing aid per ear (LPP titre II ch. 2 and 3; R871-2 CSS caps
// and renewal are per equipment). Units beyond, or a second full equipment the same day, are flagged and not
// paid. Test table: frame 150 € (cap 100 €), simple lenses 200 € each (cap 160 €).
import { describe, expect, it } from "vitest";
import { act, plain, run } from "./test-fixtures.ts";

describe("equipment units", () => {
  it("a frame billed with quantity 2 is paid once (100,00, not 2 × 100,00), and says why", () => {
    // 1 unit: 150 → cap 100 ; charged 300 − 0,06 → 100,00 ; RAC 300 − 0,06 − 100 = 199,94
    const r = run(act("optique_monture", { amountChargedCents: 30000, baseCents: 10, amoCents: 6, quantity: 2 }));
    expect([r.amcCents, r.remainingCents]).toEqual([10000, 19994]);
    expect(plain(r.steps.join("\n"))).toContain(
      "Un équipement comprend au plus une monture : 1 monture sur 2 est prise en charge.",
    );
  });

  it("a second full equipment the same day is flagged and not paid", () => {
    // frame and 2 lenses reimbursed on 02/03/2026 ; 2 more lenses the same day → 0, limit equipmentUnits
    const history = [
      { category: "optique_monture", careDate: "2026-03-02", amcCents: 10000 },
      { category: "optique_verres_simples", careDate: "2026-03-02", amcCents: 32000, quantity: 2 },
    ];
    const r = run(
      act("optique_verres_simples", { amountChargedCents: 40000, baseCents: 10, amoCents: 6, quantity: 2 }),
      { history },
    );
    expect([r.amcCents, r.limitedBy?.kind]).toEqual([0, "equipmentUnits"]);
    expect(plain(r.limitedBy!.label)).toBe(
      "Un équipement par période : deux verres déjà remboursés le 02/03/2026 pour ce bénéficiaire ; un second équipement le même jour n'est pas pris en charge.",
    );
  });

  it("frame and lenses of one equipment the same day are both paid (not a second equipment)", () => {
    // lenses 2 × 200 → cap 2 × 160 = 320 ; ≤ 400 − 0,06 = 399,94 → 320,00
    const history = [{ category: "optique_monture", careDate: "2026-03-02", amcCents: 10000 }];
    expect(
      run(act("optique_verres_simples", { amountChargedCents: 40000, baseCents: 10, amoCents: 6, quantity: 2 }), {
        history,
      }).amcCents,
    ).toBe(32000);
  });
});
