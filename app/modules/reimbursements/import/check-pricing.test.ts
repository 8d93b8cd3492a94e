// The guarantee engine's check of an imported line (ADR 0020), to the cent, on the engine's test table
// (responsible contract). Each case cites the rule its amount comes from.
import { describe, expect, it } from "vitest";
import type { GuaranteeCatalog } from "../../guarantees/index.ts";
import { loadDemoGuaranteeTables } from "../../guarantees/index.server.ts";
import { adult, plain, testTable } from "../../guarantees/test-fixtures.ts";
import { type CheckedLine, checkLine } from "./check-pricing.ts";

const catalog: GuaranteeCatalog = {
  formatVersion: 1,
  products: [
    {
      id: "test",
      label: "Contrat de test",
      responsible: true,
      levels: [{ id: "test", label: "Test", versions: [testTable] }],
    },
  ],
};

function line(fields: Partial<CheckedLine>): CheckedLine {
  return {
    id: "l1",
    version: 1,
    beneficiaryId: "p1",
    sourceLineId: "NOE-1",
    category: "generaliste",
    careDate: "2026-03-02",
    paymentDate: "2026-03-06",
    chargedCents: 3000,
    baseCents: 3000,
    amoCents: 1900,
    amoDeductibleCents: 200,
    amcCents: 900,
    quantity: 1,
    optam: true,
    outOfPathway: false,
    outOfPathwayOverrunCents: 0,
    pathwayAmoRateBp: null,
    priceLimitCents: null,
    ear: null,
    ...fields,
  };
}

describe("checkLine", () => {
  it("a GP visit paid 9,00 € matches the engine: its steps become the line's explanation", () => {
    // OPTAM GP, 30 € charged, BR 30: AMO 70 % × 30 = 21 − 2 € participation forfaitaire (L160-13 II CSS) =
    // 19,00 ; 200 % BR y compris RO = 60 − 21 = 39 ; limited to the expense 30 − 21 = 9,00 (the participation
    // stays with the member on a contrat responsable, L871-1 CSS).
    const outcome = checkLine(catalog, "test", adult, line({}), []);
    expect(outcome.status).toBe("matches");
    expect(outcome.review).toBeNull();
    expect(outcome.explanation?.limit?.kind).toBe("amountCharged");
    const steps = outcome.explanation!.steps.map(plain);
    expect(steps).toContain(
      "Limité à la dépense : 30,00 € − 21,00 € (Sécurité sociale, participation et franchises comprises) = 9,00 €.",
    );
    expect(steps).toContain("Reste à charge : 30,00 € − 19,00 € (Sécurité sociale) − 9,00 € (mutuelle) = 2,00 €.");
  });

  it("a GP visit paid 11,00 € (the participation paid back) differs: flagged with the engine's 9,00 €, no explanation", () => {
    const outcome = checkLine(catalog, "test", adult, line({ amcCents: 1100 }), []);
    expect(outcome.status).toBe("differs");
    expect(outcome.explanation).toBeNull();
    expect(outcome.review?.engineAmcCents).toBe(900);
    expect(outcome.review?.steps?.length).toBeGreaterThan(3);
  });

  it("an OPTAM specialist priced on the OPTAM line (demo Optimale): 150 € on BR 60 → 78,00 €", () => {
    // AMO 70 % × 60 = 42 − 2 = 40 ; 200 % × 60 = 120 − 42 = 78 (R871-2 1° caps only non-OPTAM dépassements).
    const demo = loadDemoGuaranteeTables();
    const paid = line({
      category: "specialiste",
      chargedCents: 15000,
      baseCents: 6000,
      amoCents: 4000,
      amcCents: 7800,
    });
    expect(checkLine(demo, "optimale", adult, paid, []).status).toBe("matches");
    // The same visit with a non-OPTAM doctor: 180 % × 60 = 108 − 42 = 66,00 € (a core system paying 78 differs).
    const nonOptam = checkLine(demo, "optimale", adult, { ...paid, optam: false }, []);
    expect(nonOptam).toMatchObject({ status: "differs", review: { engineAmcCents: 6600 } });
  });

  it("hors parcours: the majoration stays with the member (L162-5-3, L871-1, R871-1 CSS)", () => {
    // GP 30 €, AMO at 30 % out of pathway: 9 − 2 = 7,00 ; normal rate 70 % × 30 = 21 ; 30 − 21 = 9,00 paid by
    // the mutuelle; the 12,00 € of majoration stay with the member.
    const outcome = checkLine(catalog, "test", adult, line({ amoCents: 700, outOfPathway: true }), []);
    expect(outcome.status).toBe("matches");
    expect(outcome.explanation?.limit?.kind).toBe("outOfPathway");
  });

  it("hors parcours in ALD: priced on the pathway rate the décompte gives, so a correct line is not flagged", () => {
    // GP 30 €, BR 30, in ALD: within the pathway the AMO would have paid 100 % × 30 = 30,00, which leaves no ticket
    // modérateur to cover: 200 % BR y compris RO = 60 − 30 = 30, limited to the expense 30 − 30 = 0,00 (L871-1 CSS:
    // the TM at the normal rate, never the majoration of L162-5-3). The AMO's 16,00 is the décompte's figure.
    const ald = line({ amoCents: 1600, amcCents: 0, outOfPathway: true, pathwayAmoRateBp: 10_000 });
    expect(checkLine(catalog, "test", adult, ald, []).status).toBe("matches");
    // Without the rate, the doctors' 70 %: share 21,00 ; 60 − 21 = 39, limited to 30 − 21 = 9,00 — a false flag.
    expect(checkLine(catalog, "test", adult, { ...ald, pathwayAmoRateBp: null }, [])).toMatchObject({
      status: "differs",
      review: { engineAmcCents: 900 },
    });
  });

  it("is not computed without the inputs the engine needs, and says which", () => {
    expect(checkLine(catalog, "test", adult, line({ optam: null }), [])).toEqual({
      status: "notComputed",
      explanation: null,
      review: { reason: "statut OPTAM du médecin non transmis (optam)" },
    });
    expect(checkLine(catalog, "test", adult, line({ category: null }), []).review?.reason).toBe(
      "ligne sans catégorie de garantie",
    );
    const basket = line({ category: "audiologie_classe_1", optam: null, chargedCents: 95000, baseCents: 40000 });
    expect(checkLine(catalog, "test", adult, basket, []).review?.reason).toBe(
      "prix limite de vente 100 % Santé non transmis (price_limit_cents)",
    );
    expect(checkLine(catalog, "autre", adult, line({}), []).review?.reason).toBe(
      "pas de tableau de garanties « autre » le 02/03/2026",
    );
  });

  it("a class I hearing aid within its price limit: the whole reste à charge is paid (R871-2 3°, 100 % Santé)", () => {
    // Charged 950 € = the HLF, BR 400: AMO 60 % × 400 = 240 ; AMC 950 − 240 = 710,00 ; RAC 0.
    const basket = line({
      category: "audiologie_classe_1",
      optam: null,
      chargedCents: 95000,
      baseCents: 40000,
      amoCents: 24000,
      amoDeductibleCents: 0,
      amcCents: 71000,
      priceLimitCents: 95000,
      ear: "left",
    });
    expect(checkLine(catalog, "test", adult, basket, []).status).toBe("matches");
  });

  it("a class I aid for a 13-year-old sent with the adult 950 € limit is priced on the legal 1 400 € and flagged (LPP titre II ch. 3)", () => {
    // Born 10/03/2012: 13 on 02/03/2026 → 1 400 € per ear. Charged 1 400, BR 1 400, AMO 60 % = 840 ;
    // the core system paid 950 − 840 = 110 ; the law's limit: 1 400 − 840 = 560,00, RAC 0 (R871-2 CSS).
    const young = { birthDate: "2012-03-10", coverageStart: "2020-01-01" };
    const basket = line({
      category: "audiologie_classe_1",
      optam: null,
      chargedCents: 140000,
      baseCents: 140000,
      amoCents: 84000,
      amoDeductibleCents: 0,
      amcCents: 11000,
      priceLimitCents: 95000,
      ear: "left",
    });
    const outcome = checkLine(catalog, "test", young, basket, []);
    expect(outcome.status).toBe("differs");
    expect(outcome.review?.engineAmcCents).toBe(56000);
    expect(plain(outcome.review!.reason!)).toBe(
      "prix limite de vente transmis 950,00 €, différent du prix légal d'une aide auditive de classe I pour l'âge du bénéficiaire le 02/03/2026 : 1 400,00 €",
    );
    // Even when the amount paid is the engine's: the figure sent is still wrong, an advisor looks at it.
    const paidRight = checkLine(catalog, "test", young, { ...basket, amcCents: 56000 }, []);
    expect(paidRight).toMatchObject({ status: "differs", review: { engineAmcCents: 56000 } });
    // The legal figure sent: it matches.
    expect(checkLine(catalog, "test", young, { ...basket, amcCents: 56000, priceLimitCents: 140000 }, []).status).toBe(
      "matches",
    );
  });

  describe("history: only the lines paid before this one count, per ear (renewal every 4 years, R871-2 3°)", () => {
    // Class II aid, right ear, 1 500 € on BR 400: AMO 240 ; 1 600 € per aid, limited to 1 500 − 240 = 1 260,00.
    const aid = line({
      id: "aid",
      sourceLineId: "NOE-AID",
      category: "audiologie_classe_2",
      optam: null,
      careDate: "2026-03-02",
      paymentDate: "2026-03-10",
      chargedCents: 150000,
      baseCents: 40000,
      amoCents: 24000,
      amoDeductibleCents: 0,
      amcCents: 126000,
      ear: "right",
    });
    const earlier = { ...aid, id: "old", sourceLineId: "NOE-OLD", careDate: "2024-05-10", paymentDate: "2024-05-20" };

    it("an aid for the same ear paid two years before: the engine pays 0, so the 1 260,00 € paid differ", () => {
      const outcome = checkLine(catalog, "test", adult, aid, [earlier]);
      expect(outcome).toMatchObject({ status: "differs", review: { engineAmcCents: 0, limit: { kind: "renewal" } } });
    });

    it("the other ear two years before does not block it", () => {
      const outcome = checkLine(catalog, "test", adult, aid, [{ ...earlier, ear: "left" }]);
      expect(outcome.status).toBe("matches");
    });

    it("the same ear paid after this line (it was checked first) does not block it", () => {
      const later = { ...earlier, careDate: "2026-01-10", paymentDate: "2026-04-02" };
      expect(checkLine(catalog, "test", adult, aid, [later]).status).toBe("matches");
      // The same payment date: the earlier care date counts as paid first.
      const sameDay = { ...earlier, careDate: "2026-01-10", paymentDate: aid.paymentDate };
      expect(checkLine(catalog, "test", adult, aid, [sameDay]).status).toBe("differs");
    });
  });
});
