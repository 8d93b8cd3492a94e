// SEPA Direct Debit (CORE) pieces: the creditor identifier (ICS) from configuration, and the mandate reference
// (RUM) generated for each mandate. Pure but for the random RUM.
import { randomInt } from "node:crypto";

/** ISO 7064 Mod 97-10 over digits (letters A=10 … Z=35). */
function mod97(text: string): number {
  const digits = [...text].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join("");
  return Number(BigInt(digits) % 97n);
}

/**
 * A French creditor identifier: FR, 2 check digits, a 3-character creditor business code (often ZZZ, ignored
 * by the check), a 6-digit national number (NNE). Check digits = 98 − (NNE + "FR00") mod 97 (EPC262-08).
 */
export function isValidIcs(text: string): boolean {
  const ics = text.replace(/\s/g, "").toUpperCase();
  const match = /^FR(\d{2})[A-Z0-9]{3}(\d{6})$/.exec(ics);
  if (!match) return false;
  return 98 - mod97(`${match[2]}FR00`) === Number(match[1]);
}

/** Characters a RUM may hold (SEPA's Latin subset), at most 35. */
export const rumPattern = /^[A-Za-z0-9+?/:().,' -]{1,35}$/;
const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A new mandate reference: "RUM-2027-" and 12 characters that read aloud without ambiguity (21 in all). */
export function newRum(year: number): string {
  let code = "";
  for (let i = 0; i < 12; i++) code += alphabet[randomInt(alphabet.length)];
  return `RUM-${year}-${code}`;
}
