// "Pourquoi ce montant ?": the computation of one line in plain French, from what the line carries.
// Pure: no I/O, unit-tested to the cent.
import { formatEuros } from "../shared/format.ts";

export interface ExplainableLine {
  chargedCents: number;
  baseCents: number;
  amoRateBp: number | null;
  amoDeductibleCents: number;
  amoCents: number;
  amcCents: number;
  remainingCents: number;
  guaranteeLabel: string | null;
}

/** 7000 → "70 %", 6500 → "65 %", 1250 → "12,5 %" */
export function formatRate(bp: number): string {
  const percent = bp / 100;
  return `${Number.isInteger(percent) ? percent : percent.toLocaleString("fr-FR")} %`;
}

export function explainLine(line: ExplainableLine): string[] {
  const steps: string[] = [`Vous avez payé ${formatEuros(line.chargedCents)}.`];

  if (line.baseCents === 0 && line.amoCents === 0) {
    steps.push("Ce soin n'est pas remboursé par la Sécurité sociale : il n'a pas de base de remboursement.");
  } else if (line.amoRateBp !== null) {
    const gross = line.amoCents + line.amoDeductibleCents;
    let text = `Sécurité sociale : ${formatRate(line.amoRateBp)} de ${formatEuros(line.baseCents)} (base de remboursement) = ${formatEuros(gross)}`;
    if (line.amoDeductibleCents > 0) {
      text += ` − ${formatEuros(line.amoDeductibleCents)} de participation forfaitaire ou franchise = ${formatEuros(line.amoCents)}`;
    }
    steps.push(`${text}.`);
  } else {
    steps.push(`Sécurité sociale : ${formatEuros(line.amoCents)} sur une base de remboursement de ${formatEuros(line.baseCents)}.`);
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
