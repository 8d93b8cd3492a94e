import { describe, expect, it } from "vitest";
import { formatRate } from "../shared/format.ts";
import { explainLine } from "./explain.ts";
import { groupByMonth, monthLabel } from "./group-by-month.ts";

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const explain = (line: Parameters<typeof explainLine>[0]) => explainLine(line).map(spaces);

describe("explainLine", () => {
  it("explains a GP visit: 70 % of 30 € minus the participation forfaitaire, 2 € left to pay", () => {
    // AMO: 70 % × 30,00 = 21,00 − 2,00 = 19,00; AMC 9,00; 30,00 − 19,00 − 9,00 = 2,00 (the participation).
    expect(
      explain({
        chargedCents: 3000,
        baseCents: 3000,
        amoRateBp: 7000,
        amoDeductibleCents: 200,
        amoCents: 1900,
        amcCents: 900,
        remainingCents: 200,
        guaranteeLabel: "200 % BR y compris Sécurité sociale",
      }),
    ).toEqual([
      "Vous avez payé 30,00 €.",
      "Sécurité sociale : 70 % de 30,00 € (base de remboursement) = 21,00 € − 2,00 € de participation forfaitaire ou franchise = 19,00 €.",
      "Votre garantie : 200 % BR y compris Sécurité sociale. Votre mutuelle a versé 9,00 €.",
      "Il vous reste 2,00 € : la participation forfaitaire ou la franchise, qu'un contrat responsable ne rembourse jamais.",
    ]);
  });

  it("explains a pharmacy line fully covered", () => {
    // 65 % × 128,57 = 83,57 (83,5705 rounded); AMC 45,00; 83,57 + 45,00 = 128,57.
    expect(
      explain({
        chargedCents: 12857,
        baseCents: 12857,
        amoRateBp: 6500,
        amoDeductibleCents: 0,
        amoCents: 8357,
        amcCents: 4500,
        remainingCents: 0,
        guaranteeLabel: "100 % BR y compris Sécurité sociale",
      }),
    ).toEqual([
      "Vous avez payé 128,57 €.",
      "Sécurité sociale : 65 % de 128,57 € (base de remboursement) = 83,57 €.",
      "Votre garantie : 100 % BR y compris Sécurité sociale. Votre mutuelle a versé 45,00 €.",
      "À vous deux, la Sécurité sociale et votre mutuelle vous ont remboursé tout ce que vous avez payé.",
    ]);
  });

  it("explains care the Sécurité sociale does not cover, with what is left", () => {
    // Chiropractie: no BR, 80,00 paid, forfait 75,00: 80,00 − 0,00 − 75,00 = 5,00.
    expect(
      explain({
        chargedCents: 8000,
        baseCents: 0,
        amoRateBp: null,
        amoDeductibleCents: 0,
        amoCents: 0,
        amcCents: 7500,
        remainingCents: 500,
        guaranteeLabel: "Médecines douces : 75 € par séance",
      }),
    ).toEqual([
      "Vous avez payé 80,00 €.",
      "Ce soin n'est pas remboursé par la Sécurité sociale : il n'a pas de base de remboursement.",
      "Votre garantie : Médecines douces : 75 € par séance. Votre mutuelle a versé 75,00 €.",
      "Reste à votre charge : 80,00 € − 0,00 € − 75,00 € = 5,00 €.",
    ]);
  });

  it("still explains a line whose rate and guarantee the core system did not send", () => {
    // Optique: BR 0,15, AMO 0,09, AMC 409,23: 600,00 − 0,09 − 409,23 = 190,68.
    expect(
      explain({
        chargedCents: 60000,
        baseCents: 15,
        amoRateBp: null,
        amoDeductibleCents: 0,
        amoCents: 9,
        amcCents: 40923,
        remainingCents: 19068,
        guaranteeLabel: null,
      }),
    ).toEqual([
      "Vous avez payé 600,00 €.",
      "Sécurité sociale : 0,09 € sur une base de remboursement de 0,15 €.",
      "Votre mutuelle a versé 409,23 €.",
      "Reste à votre charge : 600,00 € − 0,09 € − 409,23 € = 190,68 €.",
    ]);
  });

  it("charged below the BR: the AMO rate applies to the expense, so the arithmetic adds up (60 % de 18,00 € = 10,80 €)", () => {
    // Dental care, AMO 60 % since 01/10/2023 (arrêté du 10/08/2023); BR 20,00 but 18,00 charged: the AMO pays
    // 60 % × 18,00 = 10,80 (never more than the expense; the engine prices on the same base, compute.ts
    // amoBasis). The old text read "60 % de 20,00 € = 10,80 €", which is false (60 % × 20,00 = 12,00).
    const steps = explain({
      chargedCents: 1800,
      baseCents: 2000,
      amoRateBp: 6000,
      amoDeductibleCents: 0,
      amoCents: 1080,
      amcCents: 720,
      remainingCents: 0,
      guaranteeLabel: "100 % BR y compris Sécurité sociale",
    });
    expect(steps[1]).toBe(
      "Sécurité sociale : 60 % de 18,00 € (votre dépense, inférieure à la base de remboursement de 20,00 €) = 10,80 €.",
    );
    expect(steps.join(" ")).not.toContain("60 % de 20,00 €");
  });

  it("a rate whose arithmetic matches neither the BR nor the expense is stated without arithmetic", () => {
    // 70 % × 30,00 = 21,00 and 70 % × 25,00 = 17,50: neither is 15,00 (e.g. a core-system correction)
    const steps = explain({
      chargedCents: 2500,
      baseCents: 3000,
      amoRateBp: 7000,
      amoDeductibleCents: 0,
      amoCents: 1500,
      amcCents: 0,
      remainingCents: 1000,
      guaranteeLabel: null,
    });
    expect(steps[1]).toBe("Sécurité sociale : 15,00 € au taux de 70 % sur une base de remboursement de 30,00 €.");
  });

  it("a line the back-office decided shows the engine's stored steps, the deciding limit among them", () => {
    const pricingExplanation = {
      steps: [
        "Garantie appliquée : Monture (classe B).",
        "Ce qui a fixé le montant : Plafond du contrat responsable : 100,00 € pour la monture.",
      ],
      limit: { kind: "responsibleCap", label: "Plafond du contrat responsable : 100,00 € pour la monture." },
    };
    const line = {
      chargedCents: 20000,
      baseCents: 5,
      amoRateBp: null,
      amoDeductibleCents: 0,
      amoCents: 3,
      amcCents: 10000,
      remainingCents: 9997,
      guaranteeLabel: "Monture (classe B)",
      pricingExplanation,
    };
    expect(explain(line)).toEqual(pricingExplanation.steps);
    // A damaged or absent value falls back to the line's own figures.
    expect(explain({ ...line, pricingExplanation: { steps: [] } })[0]).toBe("Vous avez payé 200,00 €.");
    expect(explain({ ...line, pricingExplanation: null })[0]).toBe("Vous avez payé 200,00 €.");
  });

  it("formats rates the French way", () => {
    expect(formatRate(7000)).toBe("70\u00a0%");
    expect(formatRate(1250)).toBe("12,5\u00a0%");
  });
});

describe("groupByMonth", () => {
  it("groups newest first across a year boundary, keeping order within a month", () => {
    const lines = [
      { id: "a", paymentDate: "2026-01-12" },
      { id: "b", paymentDate: "2026-01-03" },
      { id: "c", paymentDate: "2025-12-31" },
      { id: "d", paymentDate: "2025-11-02" },
    ];
    expect(groupByMonth(lines).map((g) => [g.label, g.lines.map((l) => l.id)])).toEqual([
      ["Janvier 2026", ["a", "b"]],
      ["Décembre 2025", ["c"]],
      ["Novembre 2025", ["d"]],
    ]);
  });

  it("names every month in French", () => {
    expect(monthLabel("2026-08")).toBe("Août 2026");
    expect(monthLabel("2026-02")).toBe("Février 2026");
    expect(groupByMonth([])).toEqual([]);
  });
});
