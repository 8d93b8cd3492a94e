// The signed-in person behind a request, in one statement: session, login, member, household and the unread
// message count, read by the session token. better-auth creates and ends sessions (sign-in, sign-out, expiry,
// second factor); this module reads a session better-auth wrote and slides its idle expiry forward exactly as
// better-auth does (one UPDATE, the same cookie resent with a fresh Max-Age). Every other case (no cookie, bad
// signature, unknown or expired token, "don't remember me") goes to better-auth's own getSession. Why:
// better-auth's check cost three round trips and its endpoint machinery on every page view, about half of the
// dashboard's CPU, and its refresh far more (docs/benchmarks.md, ADR 0008).
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseCookies } from "better-auth/cookies";
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { prepared } from "../db/prepared.server.ts";
import { carerGrant, carerSession } from "../carers/schema.ts";
import { household, person } from "../households/schema.ts";
import { messageThread } from "../messaging/schema.ts";
import type { Auth } from "./auth.server.ts";
import { session, user } from "./schema.ts";

export interface SessionRow {
  sessionId: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  userId: string;
  name: string;
  role: "member" | "advisor";
  twoFactorEnabled: boolean;
  advisorRole: string | null;
  /** An advisor account an administrateur deactivated: no page for it, even from a session that slipped through. */
  deactivated: boolean;
  /**
   * The person whose space this session is in, and their household: the login's own person (the member, or a
   * beneficiary with their own access), or for a carer the person of the grant chosen for the session. Null for
   * advisors and logins with no space (yet).
   */
  personId: string | null;
  personRole: "member" | "spouse" | "child" | "other" | null;
  /** The person's last day of cover, when they were removed: their own access ends with it. */
  personCoverageEnd: string | null;
  /** The contract's last covered day, once it ended (a résiliation): the household's window of access follows it. */
  householdCoverageEnd: string | null;
  /** Set when the session acts for someone under a carer's grant. */
  carerGrantId: string | null;
  carerScopes: string[] | null;
  carerEndsOn: string | null;
  carerRevoked: boolean;
  householdId: string | null;
  firstName: string | null;
  lastName: string | null;
  memberNumber: string | null;
  coverageLevel: string | null;
  /** Threads the mutuelle answered that the member has not opened, shown beside "Messagerie". */
  unreadMessages: number;
}

/** The session row of `token` with its login and member, or undefined. Validity is the caller's to check. */
export async function readSessionRow(db: Db, token: string): Promise<SessionRow | undefined> {
  const statement = prepared(db, "session_row", (d) => {
    const unread = d
      .select({ n: count() })
      .from(messageThread)
      .where(
        and(
          eq(messageThread.householdId, person.householdId),
          eq(messageThread.unreadForMember, true),
          // The holder's count: a beneficiary's own threads are theirs.
          isNull(messageThread.personId),
        ),
      );
    return (
      d
        .select({
          sessionId: session.id,
          createdAt: session.createdAt,
          updatedAt: session.updatedAt,
          expiresAt: session.expiresAt,
          userId: user.id,
          name: user.name,
          role: user.role,
          twoFactorEnabled: user.twoFactorEnabled,
          advisorRole: user.advisorRole,
          deactivated: sql<boolean>`${user.deactivatedAt} is not null`,
          personId: person.id,
          personRole: person.role,
          personCoverageEnd: person.coverageEnd,
          householdCoverageEnd: household.coverageEnd,
          carerGrantId: carerGrant.id,
          carerScopes: carerGrant.scopes,
          carerEndsOn: carerGrant.endsOn,
          carerRevoked: sql<boolean>`${carerGrant.revokedAt} is not null`,
          householdId: person.householdId,
          firstName: person.firstName,
          lastName: person.lastName,
          memberNumber: household.memberNumber,
          coverageLevel: household.coverageLevel,
          unreadMessages: sql<number>`coalesce((${unread}), 0)::int`,
        })
        .from(session)
        .innerJoin(user, eq(user.id, session.userId))
        // A carer's session acts for the grant's person (the grant must be the login's own); any other session
        // is in the login's own person's space.
        .leftJoin(carerSession, eq(carerSession.sessionId, session.id))
        .leftJoin(carerGrant, and(eq(carerGrant.id, carerSession.grantId), eq(carerGrant.carerUserId, user.id)))
        .leftJoin(
          person,
          sql`${person.id} = case when ${carerSession.sessionId} is null then (select own.id from person own where own.user_id = ${user.id}) else ${carerGrant.grantorPersonId} end`,
        )
        .leftJoin(household, eq(household.id, person.householdId))
        .where(eq(session.token, sql.placeholder("token")))
        .limit(1)
        .prepare("session_row")
    );
  });
  const [row] = await statement.execute({ token });
  return row;
}

interface SessionCookieSettings {
  sessionCookie: string;
  /** better-auth's attributes for the session cookie (Path, HttpOnly, Secure, SameSite). */
  cookieAttributes: { path?: string; httpOnly?: boolean; secure?: boolean; sameSite?: string | boolean };
  dontRememberCookie: string;
  secret: string;
  expiresInSeconds: number;
  updateAgeSeconds: number;
}

const settingsOf = new WeakMap<Auth, Promise<SessionCookieSettings>>();

/** better-auth's own cookie names, secret and session timings, so both readers agree by construction. */
function cookieSettings(auth: Auth): Promise<SessionCookieSettings> {
  let settings = settingsOf.get(auth);
  if (!settings) {
    settings = auth.$context.then((ctx) => ({
      sessionCookie: ctx.authCookies.sessionToken.name,
      cookieAttributes: ctx.authCookies.sessionToken.attributes,
      dontRememberCookie: ctx.authCookies.dontRememberToken.name,
      secret: ctx.secret,
      expiresInSeconds: ctx.sessionConfig.expiresIn,
      updateAgeSeconds: ctx.sessionConfig.updateAge,
    }));
    settingsOf.set(auth, settings);
  }
  return settings;
}

/**
 * The token of a correctly signed session cookie, as better-call signs it (`token.base64(HMAC-SHA256)`), with
 * the cookie's value; or null. A cookie asking better-auth not to remember the session is left to better-auth.
 */
export function signedSessionToken(
  cookieHeader: string | null,
  settings: Pick<SessionCookieSettings, "sessionCookie" | "dontRememberCookie" | "secret">,
): { token: string; signedValue: string } | null {
  if (!cookieHeader) return null;
  const cookies = parseCookies(cookieHeader);
  if (cookies.has(settings.dontRememberCookie)) return null;
  const value = cookies.get(settings.sessionCookie);
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44) return null; // base64 of 32 bytes, as better-call requires
  const given = Buffer.from(signature, "base64");
  const expected = createHmac("sha256", settings.secret).update(token).digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? { token, signedValue: value } : null;
}

/** When better-auth would slide the expiry forward: `updateAge` seconds after the last refresh. */
export function isRefreshDue(
  row: Pick<SessionRow, "expiresAt">,
  now: number,
  settings: Pick<SessionCookieSettings, "expiresInSeconds" | "updateAgeSeconds">,
): boolean {
  return row.expiresAt.getTime() - settings.expiresInSeconds * 1000 + settings.updateAgeSeconds * 1000 <= now;
}

/** The session cookie as better-call writes it: the same signed value, a Max-Age of the idle lifetime. */
export function sessionCookieHeader(
  signedValue: string,
  settings: Pick<SessionCookieSettings, "sessionCookie" | "cookieAttributes" | "expiresInSeconds">,
): string {
  const a = settings.cookieAttributes;
  let cookie = `${settings.sessionCookie}=${encodeURIComponent(signedValue)}; Max-Age=${settings.expiresInSeconds}`;
  if (a.path) cookie += `; Path=${a.path}`;
  if (a.httpOnly) cookie += "; HttpOnly";
  if (a.secure) cookie += "; Secure";
  if (typeof a.sameSite === "string")
    cookie += `; SameSite=${a.sameSite.charAt(0).toUpperCase()}${a.sameSite.slice(1)}`;
  return cookie;
}

/** Moves a live session's expiry forward (better-auth's sliding refresh); undefined if it ended meanwhile. */
async function slideExpiry(db: Db, token: string, now: Date, expiresAt: Date) {
  const statement = prepared(db, "session_slide", (d) =>
    d
      .update(session)
      .set({ expiresAt: sql`${sql.placeholder("expiresAt")}`, updatedAt: sql`${sql.placeholder("now")}` })
      .where(and(eq(session.token, sql.placeholder("token")), gt(session.expiresAt, sql`${sql.placeholder("now")}`)))
      .returning({ expiresAt: session.expiresAt })
      .prepare("session_slide"),
  );
  const [row] = await statement.execute({ token, now: now.toISOString(), expiresAt: expiresAt.toISOString() });
  return row;
}

/**
 * The request's session. A correctly signed cookie whose row is live is read in one statement, and its expiry
 * slid forward when due (one more); anything else is better-auth's getSession to decide (its Set-Cookie
 * headers go to `onSetCookie`), and the row is read after it.
 */
export async function findSession(
  db: Db,
  auth: Auth,
  headers: Headers,
  onSetCookie: (cookie: string) => void,
): Promise<SessionRow | null> {
  const settings = await cookieSettings(auth);
  const signed = signedSessionToken(headers.get("cookie"), settings);
  if (signed) {
    const row = await readSessionRow(db, signed.token);
    const now = Date.now();
    if (row && row.expiresAt.getTime() > now) {
      if (!isRefreshDue(row, now, settings)) return row;
      const slid = await slideExpiry(db, signed.token, new Date(now), new Date(now + settings.expiresInSeconds * 1000));
      if (slid) {
        onSetCookie(sessionCookieHeader(signed.signedValue, settings));
        // updatedAt stays the last use before this request: the advisors' idle limit is judged on it, and
        // judged on the slid value an advisor away for 20 minutes would never be signed out.
        return { ...row, expiresAt: slid.expiresAt };
      }
    }
  }
  const { response: found, headers: responseHeaders } = await auth.api.getSession({ headers, returnHeaders: true });
  for (const cookie of responseHeaders.getSetCookie()) onSetCookie(cookie);
  if (!found) return null;
  return (await readSessionRow(db, found.session.token)) ?? null;
}
