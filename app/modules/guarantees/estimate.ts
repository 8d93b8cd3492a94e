// "Envoyer un devis": what a quote will cost before the care — Sécurité sociale, mutuelle, reste à charge
// per line — with the 100% Santé equivalent beside it when one exists. Pure: the engine does the pricing.
import { categories, type CategoryCode } from "./categories.ts";
import { computeReimbursement, findLine } from "./compute.ts";
import type { BeneficiaryFacts, GuaranteeTable, PastAct } from "./model.ts";
import { percentOfCents } from "./money.ts";

/** Sécurité sociale rate on the quote domains (dental prostheses and care, optics, hearing aids): 60 %. */
export const quoteAmoRateBp = 6000;

// The 100% Santé basket a quote line can be swapped for.
const hundredPercentSante: Partial<Record<CategoryCode, CategoryCode>> = {
  dentaire_prothese_tarif_maitrise: "dentaire_prothese_100_sante",
  dentaire_prothese_libre: "dentaire_prothese_100_sante",
  optique_verres_simples: "optique_100_sante",
  optique_verres_complexes: "optique_100_sante",
  optique_monture: "optique_100_sante",
  audiologie_classe_2: "audiologie_classe_1",
};

export const quoteCategories = (Object.keys(categories) as CategoryCode[]).filter((c) =>
  ["dentaire", "optique", "audiologie"].includes(categories[c].domain),
);

export interface QuoteLine {
  category: CategoryCode;
  chargedCents: number;
  baseCents: number;
  quantity: number;
}

export interface EstimatedLine extends QuoteLine {
  label: string;
  amoCents: number;
  amcCents: number;
  remainingCents: number;
  steps: string[];
  /** The 100% Santé equivalent: its regulated price and the reste à charge (0 €). */
  alternative: { label: string; priceCents: number; remainingCents: number } | null;
}

export function estimateQuote(input: {
  table: GuaranteeTable;
  lines: QuoteLine[];
  beneficiary: BeneficiaryFacts;
  history: readonly PastAct[];
  today: string;
}): { lines: EstimatedLine[]; totals: { chargedCents: number; amoCents: number; amcCents: number; remainingCents: number } } {
  const history: PastAct[] = [...input.history];
  const lines = input.lines.map((line): EstimatedLine => {
    const amoCents = Math.min(line.chargedCents, percentOfCents(line.baseCents, quoteAmoRateBp));
    const act = { category: line.category, careDate: input.today, amountChargedCents: line.chargedCents, baseCents: line.baseCents, amoCents, quantity: line.quantity };
    const result = computeReimbursement({ table: input.table, act, beneficiary: input.beneficiary, history });
    // Lines of one quote are one equipment: later lines see the earlier ones (renewals, forfaits).
    if (result.amcCents > 0) history.push({ category: line.category, careDate: input.today, amcCents: result.amcCents, quantity: line.quantity });
    return {
      ...line,
      label: categories[line.category].label,
      amoCents,
      amcCents: result.amcCents,
      remainingCents: result.remainingCents,
      steps: result.steps,
      alternative: alternativeFor(input.table, line),
    };
  });
  const sum = (k: "chargedCents" | "amoCents" | "amcCents" | "remainingCents") => lines.reduce((t, l) => t + l[k], 0);
  return { lines, totals: { chargedCents: sum("chargedCents"), amoCents: sum("amoCents"), amcCents: sum("amcCents"), remainingCents: sum("remainingCents") } };
}

function alternativeFor(table: GuaranteeTable, line: QuoteLine): EstimatedLine["alternative"] {
  const category = hundredPercentSante[line.category];
  if (!category) return null;
  const basket = findLine(table, { category });
  if (!basket || basket.rule.kind !== "hundredPercentSante") return null;
  return { label: categories[category].label, priceCents: basket.rule.priceLimitCents * line.quantity, remainingCents: 0 };
}
