// Signs in many generated members for the load tests without hashing a password for each: a user row per
// member, linked to the household's member person, and a session row with a random token, exactly what
// better-auth stores after a real sign-in. The cookie is what better-auth sends back: `token.signature`,
// the signature an HMAC-SHA256 of the token with the app's secret, base64, the whole URI-encoded
// (better-call's signCookieValue). The server checks it as it checks any cookie.
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { connect } from "./databases.ts";
import { prng } from "./import-file.ts";

/** COOKIE_SECURE defaults to true: cookies carry the `__Host-` prefix (see app/modules/accounts/auth.server.ts). */
export const sessionCookieName = "__Host-espace.session_token";

export interface BenchMember {
  /** The generator's household counter (see generate-data.ts). */
  index: number;
  householdId: string;
  /** The spouse, for the filtered list (every generated household has at least two people). */
  beneficiaryId: string;
  /** The household's 7th line, for the detail page. */
  lineId: string;
  /** The household's first démarche. */
  requestId: string;
  cookie: string;
}

/** The generator's `bench_uuid(text)`: md5 of the text shaped as a version-4 UUID. */
export function md5Uuid(text: string): string {
  const m = createHash("md5").update(text).digest("hex");
  const h = `${m.slice(0, 12)}4${m.slice(13, 16)}8${m.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function signedCookie(token: string, secret: string): string {
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return `${sessionCookieName}=${encodeURIComponent(`${token}.${signature}`)}`;
}

/**
 * Gives `count` distinct generated households (seeded choice) a login and a fresh session; sessions of an
 * earlier run are deleted first (they would have expired: 30 minutes idle, 12 hours at most).
 */
export async function signInMembers(
  url: string,
  households: number,
  count: number,
  secret: string,
  firstMemberNumber = 20_000_000,
): Promise<BenchMember[]> {
  const random = prng(11);
  const chosen = new Set<number>();
  const wanted = Math.min(count, households);
  while (chosen.size < wanted) chosen.add(1 + Math.floor(random() * households));
  const indexes = [...chosen];
  const tokens = indexes.map(() => randomBytes(32).toString("base64url"));
  const client = await connect(url);
  try {
    await client.query("begin");
    await client.query(
      `insert into "user" (id, name, email, email_verified, username, display_username, role)
       select 'bench-user-' || i, 'Adhérent ' || i, 'adherent-' || i || '@bench.invalid', true,
              (${firstMemberNumber} + i)::text, (${firstMemberNumber} + i)::text, 'member'
       from unnest($1::int[]) i
       on conflict (id) do nothing`,
      [indexes],
    );
    await client.query(
      `update person set user_id = 'bench-user-' || i from unnest($1::int[]) i where person.id = bench_uuid('p' || i || '-1')`,
      [indexes],
    );
    await client.query(`delete from session where user_id like 'bench-user-%'`);
    await client.query(
      `insert into session (id, token, user_id, expires_at, created_at, updated_at, ip_address, user_agent)
       select $3::text || '-' || i, t, 'bench-user-' || i, now() + interval '30 minutes', now(), now(), '127.0.0.1', 'bench (wrk)'
       from unnest($1::int[], $2::text[]) as s(i, t)`,
      [indexes, tokens, randomUUID()],
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    await client.end();
  }
  return indexes.map((i, n) => ({
    index: i,
    householdId: md5Uuid(`h${i}`),
    beneficiaryId: md5Uuid(`p${i}-2`),
    lineId: md5Uuid(`l${i}-7`),
    requestId: md5Uuid(`r${i}-1`),
    cookie: signedCookie(tokens[n]!, secret),
  }));
}
