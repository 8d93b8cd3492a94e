// What an advisor types on a démarche, turned into a Decision or French messages per field. Pure.
import { parseEuros } from "../claims/claim-form.ts";
import { type CategoryCode, isCategoryCode } from "../guarantees/index.ts";

export const refusalReasons = {
  non_couvert: "Ce soin n'est pas couvert par votre garantie.",
  plafond_atteint: "Le plafond ou le forfait de votre garantie est déjà atteint pour cette période.",
  piece_illisible: "La pièce justificative est illisible ou incomplète.",
  avant_couverture: "Le soin a eu lieu avant le début de la couverture.",
  doublon: "Cette demande a déjà été remboursée.",
  autre: "Autre motif (précisé ci-dessous).",
} as const;
export type RefusalReason = keyof typeof refusalReasons;

export type Decision =
  | { kind: "missing_document"; note: string }
  | { kind: "refuse"; reason: RefusalReason; note: string }
  | { kind: "accept_claim"; category: CategoryCode; baseCents: number; amoCents: number; override?: { amcCents: number; reason: string } }
  | { kind: "answer_quote"; amcCents: number[]; note: string }
  | { kind: "accept_beneficiary" };

export type DecisionForm = { ok: true; decision: Decision } | { ok: false; errors: Record<string, string> };

const reasons = Object.keys(refusalReasons) as RefusalReason[];

export function parseDecision(intent: string, form: Record<string, string>, quoteLines = 0): DecisionForm {
  const text = (name: string) => (form[name] ?? "").trim().slice(0, 2000);
  switch (intent) {
    case "missing_document":
      return text("note").length < 5
        ? { ok: false, errors: { note: "Écrivez à l'adhérent quel document manque (il lira vos mots)." } }
        : { ok: true, decision: { kind: "missing_document", note: text("note") } };
    case "refuse": {
      const reason = form.reason as RefusalReason;
      if (!(reasons as readonly string[]).includes(reason)) return { ok: false, errors: { reason: "Choisissez le motif du refus." } };
      if (reason === "autre" && text("note").length < 5) return { ok: false, errors: { note: "Précisez le motif du refus." } };
      return { ok: true, decision: { kind: "refuse", reason, note: text("note") } };
    }
    case "preview_claim":
    case "accept_claim": {
      const errors: Record<string, string> = {};
      const category = form.category ?? "";
      if (!isCategoryCode(category)) errors.category = "Choisissez la ligne de garantie.";
      const baseCents = parseEuros(form.base || "0");
      if (baseCents === null) errors.base = "Saisissez la base de remboursement en euros, par exemple 25,00.";
      const amoCents = parseEuros(form.amo || "0");
      if (amoCents === null) errors.amo = "Saisissez la part de la Sécurité sociale en euros, par exemple 17,50.";
      let override: { amcCents: number; reason: string } | undefined;
      if ((form.override ?? "").trim() !== "") {
        const amcCents = parseEuros(form.override!);
        if (amcCents === null) errors.override = "Saisissez le montant en euros, par exemple 40,00.";
        else if (text("overrideReason").length < 5) errors.overrideReason = "Un autre montant que celui proposé demande un motif.";
        else override = { amcCents, reason: text("overrideReason") };
      }
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return { ok: true, decision: { kind: "accept_claim", category: category as CategoryCode, baseCents: baseCents!, amoCents: amoCents!, override } };
    }
    case "answer_quote": {
      const errors: Record<string, string> = {};
      const amcCents: number[] = [];
      for (let i = 0; i < quoteLines; i++) {
        const cents = parseEuros(form[`amc_${i}`] ?? "");
        if (cents === null) errors[`amc_${i}`] = "Saisissez le montant pris en charge en euros.";
        else amcCents.push(cents);
      }
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return { ok: true, decision: { kind: "answer_quote", amcCents, note: text("note") } };
    }
    case "accept_beneficiary":
      return { ok: true, decision: { kind: "accept_beneficiary" } };
    default:
      return { ok: false, errors: { intent: "Action inconnue." } };
  }
}
