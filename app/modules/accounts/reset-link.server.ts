// How a "mot de passe oublié" link is kept in better-auth's `verification` table: "reset-password:" and the
// SHA-256 of its token (hex), never the token itself, which only travels in the e-mail. better-auth is told
// the same rule (auth.server.ts, `verification.storeIdentifier`), so its own links (a new advisor's first
// password) and its resetPassword endpoint hash alike; a copy of the database opens nothing.
import { hashToken } from "../shared/token.server.ts";

export const resetLinkPrefix = "reset-password:";

/** The stored identifier of the reset link whose token is `token`. */
export function resetLinkIdentifier(token: string): string {
  return `${resetLinkPrefix}${hashToken(token)}`;
}

/** better-auth's hook: receives the identifier it would store ("reset-password:<token>"). */
export function hashResetIdentifier(identifier: string): Promise<string> {
  return Promise.resolve(resetLinkIdentifier(identifier.slice(resetLinkPrefix.length)));
}
