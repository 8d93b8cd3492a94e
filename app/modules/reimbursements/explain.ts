// "Pourquoi ce montant ?": the computation of one line in plain French. Pure: no I/O, unit-tested to the cent.
// A line the back-office decided carries the guarantee engine's own steps (every step with its arithmetic and
// the limit that decided the amount): they are shown as stored. Imported lines, and amounts a gestionnaire
// fixed by hand, are explained from the line's own figures, and never with arithmetic that does not add up.
import { z } from "zod";
import { formatEuros, formatRate } from "../shared/format.ts";
import { percentOfCents } from "../guarantees/money.ts";
import type { StoredPricingExplanation } from "./schema.ts";

export interface ExplainableLine {
  chargedCents: number;
  baseCents: number;
  amoRateBp: number | null;
  amoDeductibleCents: number;
  amoCents: number;
  amcCents: number;
  remainingCents: number;
  guaranteeLabel: string | null;
  /** The engine's explanation stored with the line when the back-office decided it; null otherwise. */
  pricingExplanation?: unknown;
}

const storedExplanation = z.object({
  steps: z.array(z.string().min(1)).min(1),
  limit: z.object({ kind: z.string(), label: z.string() }).nullable(),
});

/** The stored explanation, or null when there is none or it is not one (an old or damaged value). */
export function storedPricingExplanation(value: unknown): StoredPricingExplanation | null {
  const parsed = storedExplanation.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The Sécurité sociale's part with its arithmetic. The AMO applies its rate to the BR, or to the amount
 * charged when that is lower (it never pays more than the expense, and the engine prices on the same base:
 * guarantees/compute.ts amoBasis); a figure that matches neither is stated without arithmetic.
 */
function amoStep(line: ExplainableLine): string {
  const gross = line.amoCents + line.amoDeductibleCents;
  // A rate outside 0…100 % is not one the Sécurité sociale applies: state the figures without arithmetic.
  const rate =
    line.amoRateBp !== null && Number.isSafeInteger(line.amoRateBp) && line.amoRateBp >= 0 && line.amoRateBp <= 10_000
      ? line.amoRateBp
      : null;
  const rated = (cents: number) => (rate !== null && cents >= 0 ? percentOfCents(cents, rate) : null);
  const deducted =
    line.amoDeductibleCents > 0
      ? ` − ${formatEuros(line.amoDeductibleCents)} de participation forfaitaire ou franchise = ${formatEuros(line.amoCents)}`
      : "";
  if (rate !== null && rated(line.baseCents) === gross) {
    return `Sécurité sociale : ${formatRate(rate)} de ${formatEuros(line.baseCents)} (base de remboursement) = ${formatEuros(gross)}${deducted}.`;
  }
  if (rate !== null && line.chargedCents < line.baseCents && rated(line.chargedCents) === gross) {
    return `Sécurité sociale : ${formatRate(rate)} de ${formatEuros(line.chargedCents)} (votre dépense, inférieure à la base de remboursement de ${formatEuros(line.baseCents)}) = ${formatEuros(gross)}${deducted}.`;
  }
  const rateText = rate !== null ? ` au taux de ${formatRate(rate)}` : "";
  const deductedText =
    line.amoDeductibleCents > 0
      ? `, après déduction de ${formatEuros(line.amoDeductibleCents)} de participation forfaitaire ou franchise`
      : "";
  return `Sécurité sociale : ${formatEuros(line.amoCents)}${rateText}${deductedText} sur une base de remboursement de ${formatEuros(line.baseCents)}.`;
}

export function explainLine(line: ExplainableLine): string[] {
  const stored = storedPricingExplanation(line.pricingExplanation);
  if (stored) return stored.steps;

  const steps: string[] = [`Vous avez payé ${formatEuros(line.chargedCents)}.`];
  if (line.baseCents === 0 && line.amoCents === 0) {
    steps.push("Ce soin n'est pas remboursé par la Sécurité sociale : il n'a pas de base de remboursement.");
  } else {
    steps.push(amoStep(line));
  }

  const guarantee = line.guaranteeLabel ? `Votre garantie : ${line.guaranteeLabel}. ` : "";
  steps.push(`${guarantee}Votre mutuelle a versé ${formatEuros(line.amcCents)}.`);

  const paidBack = line.amoCents + line.amcCents;
  if (paidBack === line.chargedCents) {
    steps.push("À vous deux, la Sécurité sociale et votre mutuelle vous ont remboursé tout ce que vous avez payé.");
  } else if (line.amoDeductibleCents > 0 && line.remainingCents === line.amoDeductibleCents) {
    steps.push(
      `Il vous reste ${formatEuros(line.remainingCents)} : la participation forfaitaire ou la franchise, qu'un contrat responsable ne rembourse jamais.`,
    );
  } else {
    steps.push(
      `Reste à votre charge : ${formatEuros(line.chargedCents)} − ${formatEuros(line.amoCents)} − ${formatEuros(line.amcCents)} = ${formatEuros(line.remainingCents)}.`,
    );
  }
  return steps;
}
