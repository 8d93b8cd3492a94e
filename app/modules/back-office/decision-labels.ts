// What a démarche's answer form shows, without the parsing (decision-form.ts, with Zod): the components that
// render the form import this file, so that no browser bundle carries Zod.
import type { EarSide } from "../guarantees/model.ts";

export const refusalReasons = {
  non_couvert: "Ce soin n'est pas couvert par votre garantie.",
  plafond_atteint: "Le plafond ou le forfait de votre garantie est déjà atteint pour cette période.",
  piece_illisible: "La pièce justificative est illisible ou incomplète.",
  avant_couverture: "Le soin a eu lieu avant le début de la couverture.",
  doublon: "Cette demande a déjà été remboursée.",
  autre: "Autre motif (précisé ci-dessous).",
} as const;
export type RefusalReason = keyof typeof refusalReasons;

export const earLabels: Record<EarSide, string> = {
  left: "oreille gauche",
  right: "oreille droite",
  both: "les deux oreilles",
};

/** The currency the member paid in, when a claim was paid abroad in another currency than the euro. */
export function foreignCurrency(claim: { abroad: boolean; currency: string | null }): string | null {
  return claim.abroad && claim.currency && claim.currency !== "EUR" ? claim.currency : null;
}
