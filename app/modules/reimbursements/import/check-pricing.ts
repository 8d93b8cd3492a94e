// The guarantee engine's check of one imported line (ADR 0020). Pure: the database side is
// check-pricing.server.ts. The core system's amount is what was paid and stays so; the engine prices the
// line again from its own inputs (category, BR, AMO part, participation and franchises, units, OPTAM status,
// hors parcours, 100 % Santé price limit, ear), the beneficiary's coverage and the lines paid before it:
//   - the same amount: the engine's steps and deciding limit become the line's "Pourquoi ce montant ?";
//   - another amount: the line is flagged for an advisor with the engine's amount and steps, and the member
//     keeps the explanation from the line's own figures (never steps that reach another amount);
//   - an input missing (no category, OPTAM status or price limit not sent, no table): not computed, and why;
//   - a class I hearing aid sent with another price limit than the law's for the age: priced on the legal one
//     and flagged for an advisor with why, whatever the amounts.
import {
  type BeneficiaryFacts,
  type CareAct,
  categories,
  computeReimbursement,
  type GuaranteeCatalog,
  isCategoryCode,
  type PastAct,
  selectLevelTable,
} from "../../guarantees/index.ts";
import { pricingHistorySince } from "../../guarantees/history-window.ts";
import { hearingAidClass1PriceLimitCents } from "../../guarantees/legal-limits.ts";
import { priceLimitText } from "../../guarantees/rules.ts";
import { formatDate, formatEuros } from "../../shared/format.ts";
import type { PricingCheckStatus, PricingReview, StoredPricingExplanation } from "../schema.ts";

export interface PricingCheckSummary {
  /** The engine found the amount paid: its steps explain the line. */
  matching: number;
  /** The engine found another amount: flagged for an advisor, the amount paid unchanged. */
  different: number;
  /** An input the engine needs was not sent (or no table applies): explained from the line's figures. */
  notComputed: number;
}

/** One line as the check reads it. */
export interface CheckedLine {
  id: string;
  version: number;
  beneficiaryId: string;
  sourceLineId: string;
  category: string | null;
  careDate: string;
  paymentDate: string;
  chargedCents: number;
  baseCents: number;
  amoCents: number;
  amoDeductibleCents: number;
  amcCents: number;
  quantity: number;
  optam: boolean | null;
  outOfPathway: boolean;
  outOfPathwayOverrunCents: number;
  pathwayAmoRateBp: number | null;
  priceLimitCents: number | null;
  ear: "left" | "right" | "both" | null;
}

export interface CheckOutcome {
  status: Exclude<PricingCheckStatus, "pending">;
  explanation: StoredPricingExplanation | null;
  review: PricingReview | null;
}

/** Paid before `line`, as the core system saw the history when it paid it: payment date, then care date, then id. */
function paidBefore(other: CheckedLine, line: CheckedLine): boolean {
  if (other.paymentDate !== line.paymentDate) return other.paymentDate < line.paymentDate;
  if (other.careDate !== line.careDate) return other.careDate < line.careDate;
  return other.sourceLineId < line.sourceLineId;
}

/**
 * The engine's check of one line. Pure: `table` is the contract's table on the care date, `others` the
 * beneficiary's other lines (any order; only those paid before this one count).
 */
export function checkLine(
  catalog: GuaranteeCatalog,
  level: string,
  facts: BeneficiaryFacts,
  line: CheckedLine,
  others: readonly CheckedLine[],
): CheckOutcome {
  const notComputed = (reason: string): CheckOutcome => ({
    status: "notComputed",
    explanation: null,
    review: { reason },
  });
  const category = line.category;
  if (category === null || !isCategoryCode(category)) return notComputed("ligne sans catégorie de garantie");
  const table = selectLevelTable(catalog, level, line.careDate);
  if (!table) return notComputed(`pas de tableau de garanties « ${level} » le ${formatDate(line.careDate)}`);
  const info = categories[category];
  if ("optamSensitive" in info && line.optam === null)
    return notComputed("statut OPTAM du médecin non transmis (optam)");
  if ("basket100Sante" in info && line.priceLimitCents === null)
    return notComputed("prix limite de vente 100 % Santé non transmis (price_limit_cents)");
  const act: CareAct = {
    category,
    careDate: line.careDate,
    amountChargedCents: line.chargedCents,
    baseCents: line.baseCents,
    amoCents: line.amoCents,
    deductibleCents: line.amoDeductibleCents,
    quantity: line.quantity,
  };
  if (line.optam !== null) act.optam = line.optam;
  if (line.outOfPathway) {
    act.outOfPathway = true;
    act.outOfPathwayOverrunCents = line.outOfPathwayOverrunCents;
    if (line.pathwayAmoRateBp !== null) act.pathwayAmoRateBp = line.pathwayAmoRateBp;
  }
  if (line.priceLimitCents !== null) act.priceLimitCents = line.priceLimitCents;
  if (line.ear !== null) act.ear = line.ear;
  // A class I hearing aid's limit is the law's for the age on the care date, per ear (LPP titre II ch. 3):
  // a line sent with another figure is priced on the legal one and flagged with why.
  let legalLimitReason: string | null = null;
  if (category === "audiologie_classe_1" && line.priceLimitCents !== null) {
    const legal = hearingAidClass1PriceLimitCents(facts.birthDate, line.careDate) * line.quantity;
    if (line.priceLimitCents !== legal) {
      legalLimitReason = `prix limite de vente transmis ${formatEuros(line.priceLimitCents)}, différent du prix légal d'une aide auditive de classe I pour l'âge du bénéficiaire le ${formatDate(line.careDate)} : ${priceLimitText(legal, line.quantity)}`;
      act.priceLimitCents = legal;
    }
  }
  const since = pricingHistorySince(catalog, line.careDate);
  const history: PastAct[] = others
    .filter((o) => o.id !== line.id && o.category !== null && o.careDate >= since && paidBefore(o, line))
    .map((o) => ({
      category: o.category!,
      careDate: o.careDate,
      amcCents: o.amcCents,
      quantity: o.quantity,
      ...(o.ear ? { ear: o.ear } : {}),
    }));
  let result;
  try {
    result = computeReimbursement({ table, act, beneficiary: facts, history });
  } catch (error) {
    // Inputs the engine refuses (an amount it cannot price): the line stays as paid, explained from its figures.
    return notComputed(`calcul impossible : ${error instanceof Error ? error.message : "erreur"}`);
  }
  const limit = result.limitedBy ? { kind: result.limitedBy.kind, label: result.limitedBy.label } : null;
  if (legalLimitReason !== null) {
    return {
      status: "differs",
      explanation: null,
      review: { engineAmcCents: result.amcCents, steps: result.steps, limit, reason: legalLimitReason },
    };
  }
  if (result.amcCents === line.amcCents) {
    return { status: "matches", explanation: { steps: result.steps, limit }, review: null };
  }
  return {
    status: "differs",
    explanation: null,
    review: { engineAmcCents: result.amcCents, steps: result.steps, limit },
  };
}
