// Where a page sends the visitor back to after sign-in or identity confirmation (`redirectTo`, `retour`):
// the one check every return path goes through. Only a path on this site passes; anything a browser could
// read as another origin falls back.

const maxLength = 2048;
// Resolving against a fixed origin tells whether a browser would stay on ours.
const base = "http://portail.invalid";
// Control characters (browsers silently drop tabs and newlines inside URLs, so "/\t/evil" becomes "//evil"),
// DEL, and backslashes (read as slashes by browsers: "/\evil" is "//evil").
const unsafeCharacter = /[\u0000-\u001f\u007f\\]/;
// "//host" and "/\host" are protocol-relative: another origin.
const protocolRelative = /^\/[/\\]/;

/**
 * "/remboursements?x=1" yes; "//evil.example", "/\evil", "/.//evil" (resolves to "//evil"), "/%2F%2Fevil",
 * "/%5Cevil", "https://evil", control characters: no, the fallback instead.
 */
export function safeReturnPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > maxLength) return fallback;
  if (!value.startsWith("/") || looksLikeAnotherOrigin(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // Dot segments are resolved now ("/.//evil" → "//evil"): check the result again, as the browser will read it.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (looksLikeAnotherOrigin(path)) return fallback;
  return path;
}

/** The value, and each of its percent-decoded forms (a server or a later redirect may decode them), checked. */
function looksLikeAnotherOrigin(value: string): boolean {
  let current = value;
  for (let round = 0; round < 4; round++) {
    if (unsafeCharacter.test(current) || protocolRelative.test(current)) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return true; // broken percent-encoding: nothing a page of ours would produce
    }
    if (decoded === current) return false;
    current = decoded;
  }
  return true; // still changing after several decodings: refuse rather than guess
}
