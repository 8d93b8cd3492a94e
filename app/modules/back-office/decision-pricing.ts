// From the advisor's decision form to the act the guarantee engine prices, and back to the list of inputs
// the decision page shows beside the amount ("Calculé avec"). Pure.
import { type CareAct, categories } from "../guarantees/index.ts";
import { ageOn } from "../clock/calendar.ts";
import { pathwayDoctorAmoRateBp } from "../guarantees/legal-limits.ts";
import { formatDate, formatEuros, formatMoney, formatRate, formatYears } from "../shared/format.ts";
import type { ClaimPricing } from "./decision-form.ts";
import { earLabels } from "./decision-labels.ts";

export interface ClaimFacts {
  careDate: string;
  /** What the member paid, from the claim: in its currency when paid abroad in another one. */
  amountCents: number;
  /** The currency of amountCents when it is not the euro (foreignCurrency). */
  currency?: string | null;
  /** The beneficiary's birth date: their age on the care date is an input (hearing aids' legal limits, optics). */
  birthDate?: string | null;
}

/** What the member paid, in euros: the advisor's conversion for care paid in another currency. */
export function paidInEuros(claim: ClaimFacts, pricing: Pick<ClaimPricing, "paidEurCents">): number {
  return pricing.paidEurCents ?? claim.amountCents;
}

/** The act as the engine prices it: every input of the form, none left to a default. */
export function pricedAct(claim: ClaimFacts, pricing: ClaimPricing): CareAct {
  const act: CareAct = {
    category: pricing.category,
    careDate: claim.careDate,
    amountChargedCents: paidInEuros(claim, pricing),
    baseCents: pricing.baseCents,
    // The Sécurité sociale never pays more than what was charged; a typo above it is read as the whole amount.
    amoCents: Math.min(pricing.amoCents, paidInEuros(claim, pricing)),
    deductibleCents: pricing.deductibleCents,
    quantity: pricing.quantity,
  };
  if (pricing.optam !== null) act.optam = pricing.optam;
  if (pricing.outOfPathway) {
    act.outOfPathway = true;
    act.outOfPathwayOverrunCents = pricing.outOfPathwayOverrunCents;
    if (pricing.pathwayAmoRateBp !== null) act.pathwayAmoRateBp = pricing.pathwayAmoRateBp;
  }
  if (pricing.unitPriceLimitCents !== null) act.priceLimitCents = pricing.unitPriceLimitCents * pricing.quantity;
  if (pricing.ear !== null) act.ear = pricing.ear;
  return act;
}

/** Each input the amount was computed with, in French, for the decision page and the stored decision. */
export function pricingInputs(claim: ClaimFacts, pricing: ClaimPricing): { label: string; value: string }[] {
  const rows = [
    { label: "Ligne de garantie", value: categories[pricing.category].label },
    { label: "Date du soin", value: formatDate(claim.careDate) },
    ...(claim.birthDate
      ? [
          {
            label: "Âge du bénéficiaire à la date du soin",
            value: `${formatYears(ageOn(claim.birthDate, claim.careDate))} (date de naissance : ${formatDate(claim.birthDate)})`,
          },
        ]
      : []),
    {
      label: "Dépense (payée par l'adhérent)",
      value:
        pricing.paidEurCents !== null && claim.currency
          ? `${formatMoney(claim.amountCents, claim.currency)}, soit ${formatEuros(pricing.paidEurCents)}`
          : formatEuros(claim.amountCents),
    },
    { label: "Base de remboursement", value: formatEuros(pricing.baseCents) },
    {
      label: "Part de la Sécurité sociale",
      value: formatEuros(Math.min(pricing.amoCents, paidInEuros(claim, pricing))),
    },
    { label: "Participation forfaitaire et franchises", value: formatEuros(pricing.deductibleCents) },
    { label: "Nombre d'unités", value: String(pricing.quantity) },
    {
      label: "Médecin adhérent OPTAM / OPTAM-CO",
      value: pricing.optam === null ? "sans objet pour ce soin" : pricing.optam ? "oui" : "non",
    },
    {
      label: "Parcours de soins coordonnés",
      value:
        pricing.optam === null
          ? "sans objet pour ce soin"
          : pricing.outOfPathway
            ? `hors parcours, taux normal de la Sécurité sociale ${formatRate(pricing.pathwayAmoRateBp ?? pathwayDoctorAmoRateBp)}${pricing.outOfPathwayOverrunCents > 0 ? `, dépassement hors parcours ${formatEuros(pricing.outOfPathwayOverrunCents)}` : ""}`
            : "dans le parcours",
    },
  ];
  if (pricing.ear !== null) rows.push({ label: "Oreille appareillée", value: earLabels[pricing.ear] });
  if (pricing.unitPriceLimitCents !== null) {
    const total = pricing.unitPriceLimitCents * pricing.quantity;
    rows.push({
      label: "Prix limite de vente 100 % Santé",
      value:
        pricing.quantity > 1
          ? `${formatEuros(pricing.unitPriceLimitCents)} × ${pricing.quantity} = ${formatEuros(total)}`
          : formatEuros(total),
    });
  }
  return rows;
}
