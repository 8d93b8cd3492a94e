// How an advisor's search words are read: a numéro d'adhérent, an e-mail address or a name. Pure, shared by
// the search page and its tests.
import { memberNumberPattern } from "../accounts/sign-in-form.ts";

export const memberSearchMinLength = 2;
export const memberSearchMaxResults = 50;

export type MemberQuery =
  | { kind: "number"; memberNumber: string }
  | { kind: "email"; email: string }
  /** `prefix` is folded (lower case, no accents) and holds no LIKE wildcard. */
  | { kind: "name"; prefix: string };

export type ParsedMemberQuery = MemberQuery | { kind: "empty" } | { kind: "too_short" };

/** "Hélia" → "helia": names compare without case or accents ("Œ" → "oe", "ß" → "ss"). */
export function foldName(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss");
}

/**
 * Eight digits are a numéro d'adhérent (exact); anything with an "@" an e-mail (exact, any case); the rest a
 * name prefix. Spaces inside a number ("1000 0001") are dropped, as people type them from a card.
 */
export function parseMemberQuery(raw: string | null | undefined): ParsedMemberQuery {
  const text = (raw ?? "").trim().slice(0, 254);
  if (text === "") return { kind: "empty" };
  const compact = text.replace(/\s+/g, "");
  if (memberNumberPattern.test(compact)) return { kind: "number", memberNumber: compact };
  if (text.includes("@"))
    return compact.length < memberSearchMinLength
      ? { kind: "too_short" }
      : { kind: "email", email: compact.toLowerCase() };
  // Wildcards typed by the advisor are plain characters for them: they are dropped rather than obeyed.
  const prefix = foldName(text)
    .replace(/[%_\\]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if ([...prefix].length < memberSearchMinLength) return { kind: "too_short" };
  return { kind: "name", prefix };
}

/** A numéro d'adhérent as it may appear in an address: anything else is a 404 without touching the database. */
export function isMemberNumber(value: string | undefined): value is string {
  return value !== undefined && memberNumberPattern.test(value);
}
