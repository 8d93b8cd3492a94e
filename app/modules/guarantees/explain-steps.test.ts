// "Pourquoi ce montant ?": the engine's steps name the rule, cap or counter that decided the amount, with the
// arithmetic of every step, so that a member (or an advisor on the phone) can redo it by hand.
import { describe, expect, it } from "vitest";
import { act, child, plain, run } from "./test-fixtures.ts";

const text = (r: ReturnType<typeof run>) => plain(r.steps.join("\n"));

describe("explanation steps", () => {
  it("a frame capped at 100 €: the guarantee, the cap with its article and arithmetic, and what decided", () => {
    // test table: 150,00 € per frame ; cap 100,00 € (R871-2) ; charged 200 − 0,03 → 100,00
    const r = run(act("optique_monture", { amountChargedCents: 20000, baseCents: 5, amoCents: 3 }));
    expect(text(r)).toContain("Votre garantie : 150,00 € par acte.");
    expect(text(r)).toContain(
      "Plafond du contrat responsable (100,00 € pour la monture, art. R871-2 du code de la sécurité sociale) : 100,00 € ; 150,00 € ramenés à 100,00 €.",
    );
    expect(text(r)).toContain("Ce qui a fixé le montant : Plafond du contrat responsable : 100,00 € pour la monture.");
  });

  it("a class II hearing aid for a child: 1 700,00 − 840,00 = 860,00", () => {
    // under 20: BR 1 400, AMO 60 % = 840 ; test table 1 600,00 per aid ; cap 1 700 − 840 = 860
    const r = run(
      act("audiologie_classe_2", { amountChargedCents: 200000, baseCents: 140000, amoCents: 84000, ear: "left" }),
    );
    expect(r.amcCents).toBe(86000);
    expect(text(r)).toContain("1 700,00 € − 840,00 € (Sécurité sociale) = 860,00 € ; 1 600,00 € ramenés à 860,00 €");
  });

  it("two lenses: the per-lens cap multiplied by the units", () => {
    const r = run(
      act("optique_verres_simples", { amountChargedCents: 50000, baseCents: 17, amoCents: 10, quantity: 2 }),
    );
    expect(text(r)).toContain("160,00 € × 2 = 320,00 € ; 400,00 € ramenés à 320,00 €");
  });

  it("a non-OPTAM doctor: the ceiling's percentage of the BR, minus the Sécurité sociale", () => {
    // specialist, test line 250 % for every doctor ; BR 30, AMO 70 % − 2 = 19, share 21 ; 250 % × 30 = 75 − 21 = 54 ;
    // non-OPTAM ceiling min(200 %, 250 % − 20 %) = 200 % → 60 − 21 = 39
    const r = run(
      act("specialiste", {
        amountChargedCents: 9000,
        baseCents: 3000,
        amoCents: 1900,
        deductibleCents: 200,
        optam: false,
      }),
    );
    expect(text(r)).toMatch(
      /Plafond du contrat responsable \(200 % de la BR y compris Sécurité sociale pour un médecin non adhérent à l'OPTAM, art\. R871-2 du code de la sécurité sociale\) : 200 % de 30,00 € = 60,00 € − 21,00 € \(Sécurité sociale\) = 39,00 € ; 54,00 € ramenés à 39,00 €\./,
    );
  });

  it("nothing capped: the guarantee line is named as what decided", () => {
    const r = run(
      act("generaliste", {
        amountChargedCents: 3000,
        baseCents: 3000,
        amoCents: 1900,
        deductibleCents: 200,
        optam: true,
      }),
    );
    expect(text(r)).toContain("Ce qui a fixé le montant : Le remboursement ne dépasse jamais la dépense réelle.");
    const uncapped = run(act("pharmacie_15", { amountChargedCents: 1000, baseCents: 1000, amoCents: 150 }));
    expect(text(uncapped)).toContain(
      "Ce qui a fixé le montant : la garantie « Médicaments remboursés à 15 % », sans plafond atteint.",
    );
  });

  it("a renewal refusal shows its date arithmetic: 20/04/2026 + 2 ans = 20/04/2028", () => {
    // One optical equipment every 2 years from 16 (LPP titre II ch. 2, arrêté du 3 décembre 2018; R871-2 CSS):
    // frame reimbursed 20/04/2026 ; another frame 01/06/2026 < 20/04/2028 → 0
    const r = run(
      act("optique_monture", { careDate: "2026-06-01", amountChargedCents: 20000, baseCents: 5, amoCents: 3 }),
      {
        history: [{ category: "optique_monture", careDate: "2026-04-20", amcCents: 10000 }],
      },
    );
    expect(r.amcCents).toBe(0);
    expect(plain(r.limitedBy!.label)).toBe(
      "Renouvellement de l'équipement optique : un équipement tous les 2 ans ; prochain remboursement possible à partir du 20/04/2028 (20/04/2026 + 2 ans = 20/04/2028).",
    );
    expect(text(r)).toContain("(20/04/2026 + 2 ans = 20/04/2028)");
  });

  it("the 100 % Santé step shows the limit as unit × quantity: 1 400,00 × 2 = 2 800,00", () => {
    // Two class I aids for a child (under 20: 1 400 € per ear, LPP titre II ch. 3) ; BR 2 × 1 400, AMO 60 % = 1 680 ;
    // 2 800 − 1 680 = 1 120,00 ; RAC 0 (R871-2 CSS, décret 2019-21)
    const r = run(
      act("audiologie_classe_1", {
        amountChargedCents: 280000,
        baseCents: 280000,
        amoCents: 168000,
        quantity: 2,
        ear: "both",
        priceLimitCents: 280000,
      }),
      { beneficiary: child },
    );
    expect([r.amcCents, r.remainingCents]).toEqual([112000, 0]);
    expect(text(r)).toContain(
      "dépense 2 800,00 € ≤ prix limite de vente 1 400,00 € × 2 = 2 800,00 € ; 2 800,00 € − 1 680,00 € (Sécurité sociale) = 1 120,00 €",
    );
  });
});
