// "Envoyer un devis": what a quote will cost before the care — Sécurité sociale, mutuelle, reste à charge
// per line — with the 100% Santé equivalent beside it when one exists. Pure: the engine does the pricing.
import { categories, type CategoryCode } from "./categories.ts";
import { computeReimbursement, findLine } from "./compute.ts";
import { hearingAidClass1PriceLimitCents } from "./legal-limits.ts";
import type { BeneficiaryFacts, CareAct, GuaranteeTable, Limit, PastAct } from "./model.ts";
import { ageOn } from "../clock/calendar.ts";
import { percentOfCents } from "./money.ts";
import { amoReimbursed } from "./ticket-moderateur.ts";

/** Sécurité sociale rate on the quote domains when nothing more specific applies (prostheses, optics, audio). */
const defaultQuoteAmoRateBp = 6000;

/**
 * The Sécurité sociale's rate a quote line is estimated with, per category: the normal rate of the
 * ticket-modérateur table (dental, optics, hearing aids 60 %), and for orthodontics 100 % when the treatment
 * starts before the 16th birthday (prior agreement; NGAP, orthopédie dento-faciale) and nothing after it
 * (the Sécurité sociale does not reimburse orthodontics started from 16).
 */
export function quoteAmoRateBp(category: CategoryCode, beneficiary: BeneficiaryFacts, today: string): number {
  if (category === "dentaire_orthodontie") return ageOn(beneficiary.birthDate, today) < 16 ? 10_000 : 0;
  return amoReimbursed[category]?.normalRateBp ?? defaultQuoteAmoRateBp;
}

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
  /** What decided the mutuelle's amount, when a rule limited it (a renewal not yet due, a cap…). */
  limitedBy: Limit | null;
  /**
   * The 100% Santé equivalent, once per equipment: on the first line of an optical equipment (frame and
   * lenses are one class A equipment), per ear for hearing aids, per prosthesis for dental crowns. Its price
   * is indicative (the table's figure, or the legal limit for hearing aids); its reste à charge is 0 €.
   */
  alternative: { label: string; priceCents: number; remainingCents: number } | null;
}

/**
 * The price limit a quote's 100 % Santé line is estimated with. Hearing aids: the legal limit for the
 * beneficiary's age, per ear. Optical and dental items: each has its own limit, which a provider may not
 * exceed on a 100 % Santé item, so the quoted price itself is the best estimate (full cover).
 */
export function quotePriceLimitCents(
  line: QuoteLine,
  beneficiary: BeneficiaryFacts,
  today: string,
): number | undefined {
  if (!("basket100Sante" in categories[line.category])) return undefined;
  if (line.category === "audiologie_classe_1")
    return hearingAidClass1PriceLimitCents(beneficiary.birthDate, today) * line.quantity;
  return line.chargedCents;
}

export function estimateQuote(input: {
  table: GuaranteeTable;
  lines: QuoteLine[];
  beneficiary: BeneficiaryFacts;
  history: readonly PastAct[];
  today: string;
}): {
  lines: EstimatedLine[];
  totals: { chargedCents: number; amoCents: number; amcCents: number; remainingCents: number };
} {
  const history: PastAct[] = [...input.history];
  const lines = input.lines.map((line): EstimatedLine => {
    const amoCents = Math.min(
      line.chargedCents,
      percentOfCents(line.baseCents, quoteAmoRateBp(line.category, input.beneficiary, input.today)),
    );
    const act: CareAct = {
      category: line.category,
      careDate: input.today,
      amountChargedCents: line.chargedCents,
      baseCents: line.baseCents,
      amoCents,
      quantity: line.quantity,
    };
    const priceLimitCents = quotePriceLimitCents(line, input.beneficiary, input.today);
    if (priceLimitCents !== undefined) act.priceLimitCents = priceLimitCents;
    const result = computeReimbursement({ table: input.table, act, beneficiary: input.beneficiary, history });
    // Lines of one quote are one equipment: later lines see the earlier ones (renewals, forfaits).
    if (result.amcCents > 0)
      history.push({
        category: line.category,
        careDate: input.today,
        amcCents: result.amcCents,
        quantity: line.quantity,
      });
    return {
      ...line,
      label: categories[line.category].label,
      amoCents,
      amcCents: result.amcCents,
      remainingCents: result.remainingCents,
      steps: result.steps,
      limitedBy: result.limitedBy ?? null,
      alternative: null,
    };
  });
  attachAlternatives(input.table, lines, input.beneficiary, input.today);
  const sum = (k: "chargedCents" | "amoCents" | "amcCents" | "remainingCents") => lines.reduce((t, l) => t + l[k], 0);
  return {
    lines,
    totals: {
      chargedCents: sum("chargedCents"),
      amoCents: sum("amoCents"),
      amcCents: sum("amcCents"),
      remainingCents: sum("remainingCents"),
    },
  };
}

/** One 100 % Santé alternative per equipment (see EstimatedLine.alternative), never one per line. */
function attachAlternatives(
  table: GuaranteeTable,
  lines: EstimatedLine[],
  beneficiary: BeneficiaryFacts,
  today: string,
): void {
  let opticalDone = false;
  for (const line of lines) {
    const category = hundredPercentSante[line.category];
    if (!category) continue;
    // A renewal not yet due blocks the 100 % Santé equipment as well: offering it at 0 € would mislead.
    if (line.limitedBy?.kind === "renewal") continue;
    const basket = findLine(table, { category });
    if (!basket || basket.rule.kind !== "hundredPercentSante") continue;
    const label = categories[category].label;
    if (category === "optique_100_sante") {
      // Frame and lenses of one quote make one equipment: one class A equipment replaces them all.
      if (opticalDone) continue;
      opticalDone = true;
      line.alternative = { label, priceCents: basket.rule.priceLimitCents ?? 0, remainingCents: 0 };
    } else if (category === "audiologie_classe_1") {
      line.alternative = {
        label,
        priceCents: hearingAidClass1PriceLimitCents(beneficiary.birthDate, today) * line.quantity,
        remainingCents: 0,
      };
    } else {
      line.alternative = { label, priceCents: (basket.rule.priceLimitCents ?? 0) * line.quantity, remainingCents: 0 };
    }
  }
}

/**
 * The renewal that keeps the mutuelle from paying a quote's equipment, said first on the page ("Pas de
 * remboursement de votre mutuelle avant le 18/07/2028"): the latest date among the blocked lines.
 */
export function blockedRenewal(estimate: { lines: readonly EstimatedLine[] }): {
  from: string;
  lines: string[];
  reason: string;
} | null {
  const blocked = estimate.lines.filter((l) => l.limitedBy?.kind === "renewal" && l.limitedBy.from);
  if (blocked.length === 0) return null;
  const latest = blocked.reduce((a, b) => (b.limitedBy!.from! > a.limitedBy!.from! ? b : a));
  return {
    from: latest.limitedBy!.from!,
    lines: [...new Set(blocked.map((l) => l.label))],
    reason: latest.limitedBy!.label,
  };
}
