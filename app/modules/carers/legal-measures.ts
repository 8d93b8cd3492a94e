// Legal representatives (mesures de protection juridique des majeurs): a tutelle or a curatelle pronounced by a
// judge for an adult member. The representative acts in the member's space with their own login, like a carer,
// but the measure is recorded by an advisor on the judgment and accepted by a gestionnaire (never given by the
// protected person from their space), and its scopes are the measure's, not chosen. Pure.
//
// - Tutelle: the tutor represents the person (Code civil, art. 473): reading, filing claims and devis, writing
//   to the mutuelle.
// - Curatelle: the person still acts themselves, assisted (art. 467): the curator reads and writes to the
//   mutuelle, but does not file démarches for them.
// Bank details stay out of reach in both: a representative's new RIB goes through an advisor with the judgment
// (the back-office's four-eyes RIB entry), never through a session.
import { addYears } from "../clock/calendar.ts";
import type { DelegableScope } from "../accounts/scopes.ts";

export const legalMeasures = ["tutelle", "curatelle"] as const;
export type LegalMeasure = (typeof legalMeasures)[number];

export const legalMeasureLabels: Record<LegalMeasure, string> = {
  tutelle: "Tutelle",
  curatelle: "Curatelle",
};

const measureScopes: Record<LegalMeasure, readonly DelegableScope[]> = {
  tutelle: ["read", "file", "messages"],
  curatelle: ["read", "messages"],
};

/** What a representative under this measure may do in the protected person's space. */
export function scopesForMeasure(measure: LegalMeasure): DelegableScope[] {
  return [...measureScopes[measure]];
}

/**
 * A measure lasts what the judgment says: at most 5 years when first pronounced, renewable for up to 20 years
 * (Code civil, art. 441 and 442). The end date typed from the judgment must be after today and within 20 years.
 */
export const legalMeasureMaxYears = 20;

export function legalMeasureEndError(endsOn: string, today: string): string | null {
  if (endsOn <= today) return "La mesure doit être en cours : indiquez une date de fin à venir, lue sur le jugement.";
  if (endsOn > addYears(today, legalMeasureMaxYears))
    return `Une mesure de protection dure au plus ${legalMeasureMaxYears} ans : vérifiez la date lue sur le jugement.`;
  return null;
}
