import { randomInt } from "node:crypto";

const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I: read aloud over the phone

/**
 * Prefixes a member reads on each démarche: DR claim, DV quote, RIB bank details, BEN beneficiaries, RGPD data
 * rights, NIV change of level, RES résiliation, REP legal representative (tutelle, curatelle).
 */
export type ReferencePrefix = "DR" | "DV" | "RIB" | "BEN" | "RGPD" | "NIV" | "RES" | "REP";

/** Every démarche's reference: prefix, the year it was sent, eight characters of the alphabet above. */
export const referencePattern = /^(DR|DV|RIB|BEN)-\d{4}-[2-9A-HJ-NP-Z]{8}$/;

export function newReference(prefix: ReferencePrefix, year: number): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
  return `${prefix}-${year}-${code}`;
}
