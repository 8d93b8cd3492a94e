import { describe, expect, it } from "vitest";
import { parseDecision } from "./decision-form.ts";

describe("parseDecision", () => {
  it("reads an acceptance with the Sécurité sociale's figures in French amounts", () => {
    expect(parseDecision("accept_claim", { category: "chiropractie", base: "0", amo: "", override: "" })).toEqual({
      ok: true,
      decision: { kind: "accept_claim", category: "chiropractie", baseCents: 0, amoCents: 0, override: undefined },
    });
    expect(parseDecision("accept_claim", { category: "generaliste", base: "30,00", amo: "19" })).toMatchObject({ ok: true, decision: { baseCents: 3000, amoCents: 1900 } });
  });
  it("asks for a reason with another amount", () => {
    expect(parseDecision("accept_claim", { category: "chiropractie", override: "40,00", overrideReason: "" })).toEqual({
      ok: false,
      errors: { overrideReason: "Un autre montant que celui proposé demande un motif." },
    });
    expect(parseDecision("accept_claim", { category: "chiropractie", override: "40,00", overrideReason: "geste commercial validé" })).toMatchObject({
      ok: true,
      decision: { override: { amcCents: 4000, reason: "geste commercial validé" } },
    });
  });
  it("refuses unknown categories and amounts that are not amounts", () => {
    const r = parseDecision("accept_claim", { category: "inconnue", base: "abc" });
    expect(r).toEqual({ ok: false, errors: { category: "Choisissez la ligne de garantie.", base: "Saisissez la base de remboursement en euros, par exemple 25,00." } });
  });
  it("needs a motive for a refusal and words for a missing document", () => {
    expect(parseDecision("refuse", { reason: "" })).toEqual({ ok: false, errors: { reason: "Choisissez le motif du refus." } });
    expect(parseDecision("refuse", { reason: "autre", note: "" })).toEqual({ ok: false, errors: { note: "Précisez le motif du refus." } });
    expect(parseDecision("refuse", { reason: "doublon", note: "" })).toEqual({ ok: true, decision: { kind: "refuse", reason: "doublon", note: "" } });
    expect(parseDecision("missing_document", { note: "" }).ok).toBe(false);
    expect(parseDecision("missing_document", { note: "La facture détaillée, s'il vous plaît." })).toEqual({ ok: true, decision: { kind: "missing_document", note: "La facture détaillée, s'il vous plaît." } });
  });
  it("reads one confirmed amount per quote line", () => {
    expect(parseDecision("answer_quote", { amc_0: "120,50", amc_1: "0", note: "" }, 2)).toEqual({ ok: true, decision: { kind: "answer_quote", amcCents: [12050, 0], note: "" } });
    expect(parseDecision("answer_quote", { amc_0: "x" }, 1)).toEqual({ ok: false, errors: { amc_0: "Saisissez le montant pris en charge en euros." } });
  });
});
