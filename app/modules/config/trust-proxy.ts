// TRUST_PROXY: which hops in front of the portal may tell it the client's address (X-Forwarded-For).
// Express reads a bare string as an address list, so "1" would mean the address 0.0.0.1 and trust nobody:
// every member would then share the balancer's address (one sign-in bucket for the whole portal, the
// balancer's address in every audit row). Numbers are parsed as hop counts here, true/false as booleans, and
// anything else must be a list of addresses, subnets or Express's keywords — or the start is refused.
import { isIP } from "node:net";

export type TrustProxySetting = boolean | number | string[];

const keywords = new Set(["loopback", "linklocal", "uniquelocal"]);

export const trustProxyHelp =
  "un nombre de relais (ex. 1), true ou false, ou des adresses et sous-réseaux séparés par des virgules (ex. 10.0.0.0/8, loopback)";

/** The Express `trust proxy` value for TRUST_PROXY, or a French reason it is refused. */
export function parseTrustProxy(raw: string): { value: TrustProxySetting } | { problem: string } {
  const text = raw.trim();
  if (text === "true") return { value: true };
  if (text === "false") return { value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) return { problem: `« ${text} » relais : au plus 10` };
    return { value: hops };
  }
  const entries = text.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    if (!isTrustedEntry(entry)) return { problem: `« ${entry} » n'est pas reconnu : ${trustProxyHelp}` };
  }
  return { value: entries };
}

function isTrustedEntry(entry: string): boolean {
  if (keywords.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
