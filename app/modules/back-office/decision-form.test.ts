import { describe, expect, it } from "vitest";
import { parseDecision } from "./decision-form.ts";
import { computeReimbursement } from "../guarantees/compute.ts";
import { adult, testTable } from "../guarantees/test-fixtures.ts";
import { pricedAct, pricingInputs } from "./decision-pricing.ts";

describe("parseDecision", () => {
  it("reads a gestionnaire's acceptance of a legal representative (one button, nothing typed)", () => {
    expect(parseDecision("accept_legal_representative", {})).toEqual({
      ok: true,
      decision: { kind: "accept_legal_representative" },
    });
  });

  it("asks for the euro conversion of a claim paid in another currency", () => {
    const form = { category: "chiropractie", base: "0", amo: "" };
    expect(parseDecision("accept_claim", form, 0, "USD")).toEqual({
      ok: false,
      errors: { amountEur: expect.stringContaining("Payé en USD : saisissez la dépense convertie en euros") },
    });
    const parsed = parseDecision("accept_claim", { ...form, amountEur: "92,00" }, 0, "USD");
    expect(parsed.ok && parsed.decision.kind === "accept_claim" && parsed.decision.paidEurCents).toBe(9200);
    expect(
      parsed.ok && parsed.decision.kind === "accept_claim"
        ? pricedAct({ careDate: "2026-03-02", amountCents: 10000, currency: "USD" }, parsed.decision).amountChargedCents
        : null,
    ).toBe(9200);
  });

  it("reads an acceptance with the Sécurité sociale's figures in French amounts", () => {
    expect(parseDecision("accept_claim", { category: "chiropractie", base: "0", amo: "", override: "" })).toEqual({
      ok: true,
      decision: {
        kind: "accept_claim",
        category: "chiropractie",
        baseCents: 0,
        amoCents: 0,
        deductibleCents: 0,
        quantity: 1,
        optam: null,
        outOfPathway: false,
        outOfPathwayOverrunCents: 0,
        pathwayAmoRateBp: null,
        unitPriceLimitCents: null,
        ear: null,
        paidEurCents: null,
        override: undefined,
      },
    });
    expect(
      parseDecision("accept_claim", {
        category: "generaliste",
        base: "30,00",
        amo: "19",
        deductible: "2",
        optam: "oui",
      }),
    ).toMatchObject({
      ok: true,
      decision: { baseCents: 3000, amoCents: 1900, deductibleCents: 200, optam: true },
    });
  });
  it("needs the OPTAM status on doctors' fees (R871-2 CSS: the non-OPTAM ceiling) and nowhere else", () => {
    const optam =
      "Indiquez si le médecin adhère à l'OPTAM ou à l'OPTAM-CO (décompte, ou annuaire santé d'ameli.fr) : le montant en dépend, aucun montant n'est proposé sans cette information.";
    for (const category of ["generaliste", "specialiste", "hospitalisation_honoraires", "radiologie"]) {
      expect(parseDecision("preview_claim", { category, base: "30", amo: "19" })).toEqual({
        ok: false,
        errors: { optam },
      });
    }
    expect(parseDecision("preview_claim", { category: "specialiste", optam: "non" })).toMatchObject({
      ok: true,
      decision: { optam: false },
    });
    expect(parseDecision("preview_claim", { category: "pharmacie_65", optam: "oui" })).toMatchObject({
      ok: true,
      decision: { optam: null },
    });
  });

  it("needs the item's price limit on 100 % Santé baskets, per unit, and multiplies it by the quantity", () => {
    const r = parseDecision("preview_claim", { category: "audiologie_classe_1", quantity: "2" });
    expect(r).toMatchObject({
      ok: false,
      errors: { priceLimit: expect.stringContaining("prix limite de vente 100 % Santé") },
    });
    const ok = parseDecision("preview_claim", {
      category: "audiologie_classe_1",
      base: "800",
      amo: "480",
      quantity: "2",
      priceLimit: "950,00",
      ear: "both",
    });
    expect(ok).toMatchObject({ ok: true, decision: { unitPriceLimitCents: 95000, quantity: 2 } });
    if (!ok.ok || ok.decision.kind !== "accept_claim") throw new Error("parsed");
    // 950 × 2 = 1 900 for the act; the AMO part never above what was charged
    expect(pricedAct({ careDate: "2026-03-02", amountCents: 190000 }, ok.decision)).toEqual({
      category: "audiologie_classe_1",
      careDate: "2026-03-02",
      amountChargedCents: 190000,
      baseCents: 80000,
      amoCents: 48000,
      deductibleCents: 0,
      quantity: 2,
      priceLimitCents: 190000,
      ear: "both",
    });
  });

  it("a class I hearing aid's limit is the law's for the age: empty → the legal figure, another figure refused (LPP titre II ch. 3)", () => {
    // Louise, 14 on the care date: 1 400 € per ear (up to the 20th birthday; 950 € after)
    const louise = { category: "audiologie_classe_1", base: "1400", amo: "840", quantity: "1", ear: "left" };
    const below = parseDecision("preview_claim", { ...louise, priceLimit: "950,00" }, 0, null, 140000);
    expect(below).toEqual({
      ok: false,
      errors: {
        priceLimit:
          "Le prix limite de vente d'une aide auditive de classe I est fixé par la loi : 1\u202f400,00\u00a0€ par oreille pour ce bénéficiaire à la date du soin (jusqu'à son 20ᵉ anniversaire) ; un prix limite plus bas laisserait à l'adhérent ce que la loi couvre. Saisissez 1\u202f400,00 ou laissez le champ vide.",
      },
    });
    expect(parseDecision("preview_claim", { ...louise, priceLimit: "1500" }, 0, null, 140000)).toMatchObject({
      ok: false,
      errors: { priceLimit: expect.stringContaining("un prix limite plus haut paierait au-delà du prix réglementé") },
    });
    expect(parseDecision("preview_claim", { ...louise, priceLimit: "" }, 0, null, 140000)).toMatchObject({
      ok: true,
      decision: { unitPriceLimitCents: 140000 },
    });
    expect(parseDecision("preview_claim", { ...louise, priceLimit: "1 400,00" }, 0, null, 140000)).toMatchObject({
      ok: true,
      decision: { unitPriceLimitCents: 140000 },
    });
    // Other baskets keep the item's own figure (optical class A, dental 100 % Santé): no legal figure applies.
    expect(parseDecision("preview_claim", { category: "optique_100_sante", priceLimit: "" }, 0, null, 140000).ok).toBe(
      false,
    );
  });

  it("refuses a normal rate below 70 %: the majoration would be nothing and the mutuelle would pay it (L162-5-3, L871-1 CSS)", () => {
    const gp = { category: "generaliste", base: "30", amo: "9", optam: "oui", outOfPathway: "oui" };
    for (const typed of ["30", "69,99", "0", "1"])
      expect(parseDecision("preview_claim", { ...gp, pathwayAmoRate: typed })).toMatchObject({
        ok: false,
        errors: { pathwayAmoRate: expect.stringContaining("au moins 70 %") },
      });
  });

  it("reads the AMO's normal rate for care outside the pathway (ALD 100 %), only with the box ticked (L162-5-3 CSS)", () => {
    const gp = { category: "generaliste", base: "30", amo: "9", optam: "oui", outOfPathway: "oui" };
    expect(parseDecision("preview_claim", { ...gp, pathwayAmoRate: "100" })).toMatchObject({
      ok: true,
      decision: { outOfPathway: true, pathwayAmoRateBp: 10000 },
    });
    expect(parseDecision("preview_claim", { ...gp, pathwayAmoRate: "72,5 %" })).toMatchObject({
      ok: true,
      decision: { pathwayAmoRateBp: 7250 },
    });
    expect(parseDecision("preview_claim", { ...gp, pathwayAmoRate: "" })).toMatchObject({
      ok: true,
      decision: { pathwayAmoRateBp: null },
    });
    for (const typed of ["150", "cent", "-5"])
      expect(parseDecision("preview_claim", { ...gp, pathwayAmoRate: typed })).toMatchObject({
        ok: false,
        errors: { pathwayAmoRate: expect.stringContaining("de 70 à 100") },
      });
    expect(parseDecision("preview_claim", { ...gp, pathwayAmoRate: "70" })).toMatchObject({
      ok: true,
      decision: { pathwayAmoRateBp: 7000 },
    });
    expect(parseDecision("preview_claim", { ...gp, outOfPathway: "", pathwayAmoRate: "100" })).toMatchObject({
      ok: false,
      errors: { pathwayAmoRate: expect.stringContaining("hors parcours") },
    });
  });

  it("an ALD GP visit outside the pathway priced on 100 %: 0,00, the majoration stays with the member (L162-5-3, R871-1)", () => {
    // BR 30, AMO paid 30 % × 30 = 9 ; normal rate in ALD 100 % → share 30 ; 200 % × 30 = 60 − 30 = 30 ; ≤ 30 − 30 = 0
    const parsed = parseDecision("preview_claim", {
      category: "generaliste",
      base: "30",
      amo: "9",
      optam: "oui",
      outOfPathway: "oui",
      pathwayAmoRate: "100",
    });
    if (!parsed.ok || parsed.decision.kind !== "accept_claim") throw new Error("parsed");
    const r = computeReimbursement({
      table: testTable,
      act: pricedAct({ careDate: "2026-03-02", amountCents: 3000 }, parsed.decision),
      beneficiary: adult,
      history: [],
    });
    expect([r.amcCents, r.remainingCents]).toEqual([0, 2100]);
    const pathway = pricingInputs({ careDate: "2026-03-02", amountCents: 3000 }, parsed.decision).find(
      (i) => i.label === "Parcours de soins coordonnés",
    );
    expect(pathway?.value.replace(/[\u00a0\u202f]/g, " ")).toBe(
      "hors parcours, taux normal de la Sécurité sociale 100 %",
    );
  });

  it("needs the ear on hearing aids (renewal per ear), consistent with the quantity", () => {
    const base = { category: "audiologie_classe_2", base: "400", amo: "240" };
    expect(parseDecision("preview_claim", base)).toMatchObject({
      ok: false,
      errors: { ear: expect.stringContaining("se compte par oreille") },
    });
    expect(parseDecision("preview_claim", { ...base, quantity: "2", ear: "left" })).toMatchObject({
      ok: false,
      errors: { ear: expect.stringContaining("les deux oreilles") },
    });
    expect(parseDecision("preview_claim", { ...base, quantity: "1", ear: "both" })).toMatchObject({
      ok: false,
      errors: { quantity: expect.stringContaining("Une aide auditive par oreille") },
    });
    expect(parseDecision("preview_claim", { ...base, ear: "left" })).toMatchObject({
      ok: true,
      decision: { ear: "left", quantity: 1 },
    });
    expect(parseDecision("preview_claim", { category: "optique_monture", ear: "left" })).toMatchObject({
      ok: true,
      decision: { ear: null },
    });
  });

  it("reads quantity, hors parcours and its dépassement, with French messages", () => {
    expect(parseDecision("preview_claim", { category: "pharmacie_65", quantity: "0" })).toMatchObject({
      ok: false,
      errors: { quantity: expect.stringContaining("de 1 à 99") },
    });
    expect(parseDecision("preview_claim", { category: "pharmacie_65", quantity: "1,5" }).ok).toBe(false);
    expect(parseDecision("preview_claim", { category: "pharmacie_65", deductible: "deux" })).toMatchObject({
      ok: false,
      errors: { deductible: expect.stringContaining("participation forfaitaire") },
    });
    expect(parseDecision("preview_claim", { category: "pharmacie_65", outOfPathwayOverrun: "5" })).toMatchObject({
      ok: false,
      errors: { outOfPathwayOverrun: expect.stringContaining("suppose un soin hors parcours") },
    });
    // the pathway concerns doctors' fees only: the box is ignored on a pharmacy line
    expect(parseDecision("preview_claim", { category: "pharmacie_65", outOfPathway: "oui" })).toMatchObject({
      ok: true,
      decision: { outOfPathway: false },
    });
    const ok = parseDecision("preview_claim", {
      category: "specialiste",
      optam: "oui",
      outOfPathway: "oui",
      outOfPathwayOverrun: "5,00",
    });
    expect(ok).toMatchObject({ ok: true, decision: { outOfPathway: true, outOfPathwayOverrunCents: 500 } });
    if (!ok.ok || ok.decision.kind !== "accept_claim") throw new Error("parsed");
    expect(pricedAct({ careDate: "2026-03-02", amountCents: 3500 }, ok.decision)).toMatchObject({
      optam: true,
      outOfPathway: true,
      outOfPathwayOverrunCents: 500,
    });
  });

  it("asks for a reason with another amount", () => {
    expect(parseDecision("accept_claim", { category: "chiropractie", override: "40,00", overrideReason: "" })).toEqual({
      ok: false,
      errors: { overrideReason: "Un autre montant que celui proposé demande un motif." },
    });
    expect(
      parseDecision("accept_claim", {
        category: "chiropractie",
        override: "40,00",
        overrideReason: "geste commercial validé",
      }),
    ).toMatchObject({
      ok: true,
      decision: { override: { amcCents: 4000, reason: "geste commercial validé" } },
    });
  });
  it("refuses unknown categories and amounts that are not amounts", () => {
    const r = parseDecision("accept_claim", { category: "inconnue", base: "abc" });
    expect(r).toEqual({
      ok: false,
      errors: {
        category: "Choisissez la ligne de garantie.",
        base: "Saisissez la base de remboursement en euros, par exemple 25,00.",
      },
    });
  });
  it("needs a motive for a refusal and words for a missing document", () => {
    expect(parseDecision("refuse", { reason: "" })).toEqual({
      ok: false,
      errors: { reason: "Choisissez le motif du refus." },
    });
    expect(parseDecision("refuse", { reason: "autre", note: "" })).toEqual({
      ok: false,
      errors: { note: "Précisez le motif du refus." },
    });
    expect(parseDecision("refuse", { reason: "doublon", note: "" })).toEqual({
      ok: true,
      decision: { kind: "refuse", reason: "doublon", note: "" },
    });
    expect(parseDecision("missing_document", { note: "" }).ok).toBe(false);
    expect(parseDecision("missing_document", { note: "La facture détaillée, s'il vous plaît." })).toEqual({
      ok: true,
      decision: { kind: "missing_document", note: "La facture détaillée, s'il vous plaît." },
    });
  });
  it("reads one confirmed amount per quote line", () => {
    expect(parseDecision("answer_quote", { amc_0: "120,50", amc_1: "0", note: "" }, 2)).toEqual({
      ok: true,
      decision: { kind: "answer_quote", amcCents: [12050, 0], note: "" },
    });
    expect(parseDecision("answer_quote", { amc_0: "x" }, 1)).toEqual({
      ok: false,
      errors: { amc_0: "Saisissez le montant pris en charge en euros." },
    });
  });
});
