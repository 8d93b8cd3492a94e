import { createHash } from "node:crypto";

/**
 * How a single-use link's token is kept: its SHA-256 in hex. The token itself (256 random bits) only travels in
 * the e-mail; a copy of the database never opens anything. One function for every such link (carer invitation,
 * own-access invitation, affiliation resume link, e-mail change, RIB cancellation).
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
