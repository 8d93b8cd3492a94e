// What a new password must be: long enough (12 characters for members, 15 for advisors), not too long, and
// not one of the ~49,000 passwords most often found in breaches (the list ships with @zxcvbn-ts/language-common,
// offline). No composition rules: length and rarity are what make a password strong.
import { passwordLengths } from "./password-lengths.ts";

// Loaded on the first password checked, not at start: the list and its dictionaries are about 4 MB of heap
// (and a full garbage collection reads them all) that a server answering pages otherwise never uses.
let breached: Promise<Set<string>> | undefined;
const breachedPasswords = () =>
  (breached ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set(dictionary["passwords-common"].map((p) => p.toLowerCase())),
  ));

export { passwordLengths };

/** A French reason the password is refused, or null when it is acceptable. */
export async function refusePassword(password: string, role: "member" | "advisor" = "member"): Promise<string | null> {
  const min = passwordLengths[role];
  if ([...password].length < min)
    return `Choisissez un mot de passe d'au moins ${min} caractères (une phrase facile à retenir convient très bien).`;
  if (password.length > passwordLengths.max)
    return `Le mot de passe ne peut pas dépasser ${passwordLengths.max} caractères.`;
  if ((await breachedPasswords()).has(password.toLowerCase()))
    return "Ce mot de passe fait partie des mots de passe les plus piratés : choisissez-en un autre.";
  return null;
}
