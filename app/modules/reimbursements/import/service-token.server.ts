import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * True when the request carries the core system's token. Compared as fixed-length digests in constant time,
 * so neither the length nor the content of the token leaks through timing.
 */
export function hasServiceToken(request: Request, expected: string | undefined): boolean {
  if (!expected) return false;
  const match = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "");
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), digest(expected));
}
