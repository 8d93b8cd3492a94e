// French wording of the explanation steps and of the limits. Every step shows its arithmetic, so a member
// (or an advisor on the phone) can redo the computation by hand.
import { formatDate, formatEuros } from "../shared/format.ts";
import type { CareAct, GuaranteeTable, Limit } from "./model.ts";
import { formatRate } from "../shared/format.ts";

export const eur = formatEuros;

export function introStep(act: CareAct, quantity: number): string {
  const units = quantity > 1 ? ` (${quantity} unités)` : "";
  const deductible = act.deductibleCents ?? 0;
  const amo =
    deductible > 0
      ? `${eur(act.amoCents)}, après déduction de ${eur(deductible)} de participation forfaitaire et franchises`
      : eur(act.amoCents);
  return `Soin du ${formatDate(act.careDate)}${units} : dépense ${eur(act.amountChargedCents)}, base de remboursement (BR) ${eur(act.baseCents)}, remboursement Sécurité sociale ${amo}.`;
}

export function lineStep(label: string, table: GuaranteeTable): string {
  return `Garantie appliquée : ${label} — niveau ${table.levelLabel}, tableau en vigueur depuis le ${formatDate(table.effectiveFrom)}.`;
}

/** How the AMO share is named in "y compris Sécurité sociale" arithmetic. */
export function amoShareText(amoShareCents: number, deductibleCents: number, responsible: boolean): string {
  if (responsible && deductibleCents > 0) {
    return `${eur(amoShareCents)} de part Sécurité sociale (dont ${eur(deductibleCents)} de participation forfaitaire et franchises)`;
  }
  return `${eur(amoShareCents)} déjà versés par la Sécurité sociale`;
}

/** Hors parcours de soins: the basis the guarantee uses, and what stays with the member, with the arithmetic. */
export function outOfPathwaySteps(
  act: CareAct,
  basis: { amoShareCents: number; majorationCents: number; excludedCents: number; pathwayRateBp: number },
): string[] {
  const base = Math.min(act.baseCents, act.amountChargedCents);
  const paid = basis.amoShareCents - basis.majorationCents;
  const steps = [
    `Soin hors parcours de soins coordonnés : un contrat responsable ne rembourse pas la majoration du ticket modérateur (art. L162-5-3, L871-1 et R871-1 du code de la sécurité sociale). La garantie est calculée comme si la Sécurité sociale avait remboursé au taux normal : ${formatRate(basis.pathwayRateBp)} de ${eur(base)} = ${eur(basis.amoShareCents)} ; ${eur(basis.amoShareCents)} − ${eur(paid)} versés = ${eur(basis.majorationCents)} de majoration restent à votre charge.`,
  ];
  if (basis.excludedCents > 0) {
    steps.push(
      `Dépassement d'honoraires facturé parce que le soin est hors parcours : ${eur(basis.excludedCents)} restent à votre charge (art. R871-1 du code de la sécurité sociale).`,
    );
  }
  return steps;
}

export function deductibleStep(deductibleCents: number): string {
  return `Participation forfaitaire et franchises : ${eur(deductibleCents)} restent à votre charge (un contrat responsable ne les rembourse jamais).`;
}

/** Names what decided the amount: the cap, counter, renewal or waiting period, or else the guarantee line. */
export function decidingStep(limitedBy: Limit | undefined, lineLabel: string | null): string {
  if (limitedBy) return `Ce qui a fixé le montant : ${limitedBy.label}`;
  return `Ce qui a fixé le montant : la garantie « ${lineLabel ?? "aucune"} », sans plafond atteint.`;
}

export function closingSteps(act: CareAct, amcCents: number, remainingCents: number): string[] {
  return [
    `Remboursement de votre mutuelle : ${eur(amcCents)}.`,
    `Reste à charge : ${eur(act.amountChargedCents)} − ${eur(act.amoCents)} (Sécurité sociale) − ${eur(amcCents)} (mutuelle) = ${eur(remainingCents)}.`,
  ];
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count > 1 ? "s" : ""}`;
}

export const limits = {
  noGuarantee: (category: string): Limit => ({
    kind: "noGuarantee",
    label: `Votre niveau de garantie ne prévoit pas de remboursement pour « ${category} ».`,
  }),
  beforeCoverage: (coverageStart: string): Limit => ({
    kind: "beforeCoverage",
    label: `Soin antérieur au début de votre couverture (${formatDate(coverageStart)}).`,
  }),
  afterCoverage: (coverageEnd: string, endedBy?: "contract" | "beneficiary"): Limit => ({
    kind: "afterCoverage",
    label:
      endedBy === "contract"
        ? `Soin postérieur à la fin du contrat (couverture jusqu'au ${formatDate(coverageEnd)} inclus) : la mutuelle rembourse les soins reçus pendant la couverture.`
        : `Soin postérieur à la fin de la couverture de ce bénéficiaire (couvert jusqu'au ${formatDate(coverageEnd)} inclus) : la mutuelle rembourse les soins reçus pendant la couverture.`,
  }),
  waitingPeriod: (openFrom: string): Limit => ({
    kind: "waitingPeriod",
    label: `Délai d'attente (stage) : cette garantie s'applique aux soins à partir du ${formatDate(openFrom)}.`,
  }),
  /**
   * `next`: the first day a new equipment may be paid, counted from the latest reimbursed equipment (`after`)
   * with the period in force then (`years`): the label shows that addition.
   */
  renewal: (
    label: string,
    years: number,
    next: { from: string; after: string; years: number },
    blockingDate?: string,
    careDate?: string,
  ): Limit => {
    const every = years === 1 ? "par an" : `tous les ${years} ans`;
    // An equipment reimbursed *after* this care (a paper claim arriving late) blocks it too.
    const later =
      blockingDate && careDate && blockingDate > careDate
        ? ` ; un équipement du ${formatDate(blockingDate)}, postérieur à ce soin, a déjà été remboursé`
        : "";
    const sum = `${formatDate(next.after)} + ${next.years === 1 ? "1 an" : `${next.years} ans`} = ${formatDate(next.from)}`;
    return {
      kind: "renewal",
      label: `Renouvellement ${label} : un équipement ${every}${later} ; prochain remboursement possible à partir du ${formatDate(next.from)} (${sum}).`,
      from: next.from,
    };
  },
  perSessionCap: (capCents: number): Limit => ({
    kind: "perSessionCap",
    label: `Plafond de ${eur(capCents)} par séance.`,
  }),
  sessionCount: (label: string, max: number, unit: string): Limit => ({
    kind: "sessionCount",
    label: `${label} : ${plural(max, unit)} par an au maximum.`,
  }),
  dayCount: (label: string, max: number, unit: "jour" | "nuit" = "jour"): Limit => ({
    kind: "dayCount",
    label: `${label} : ${plural(max, unit)} par an au maximum.`,
  }),
  annualForfait: (label: string, limitCents: number): Limit => ({
    kind: "annualForfait",
    label: `Forfait ${label} : ${eur(limitCents)} par an.`,
  }),
  responsibleCap: (what: string): Limit => ({
    kind: "responsibleCap",
    label: `Plafond du contrat responsable : ${what}.`,
  }),
  priceLimit: (limitCents: number): Limit => ({
    kind: "priceLimit",
    label: `Prix limite de vente 100 % Santé : ${eur(limitCents)}.`,
  }),
  outOfPathway: (): Limit => ({
    kind: "outOfPathway",
    label:
      "Soin hors parcours de soins coordonnés : la majoration et le dépassement qui en résultent restent à votre charge (contrat responsable).",
  }),
  amountCharged: (): Limit => ({
    kind: "amountCharged",
    label: "Le remboursement ne dépasse jamais la dépense réelle.",
  }),
};
