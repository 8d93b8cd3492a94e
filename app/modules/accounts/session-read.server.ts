// The signed-in person behind a request, in one statement: session, login, member, household and the unread
// message count, read by the session token. better-auth stays the only writer of sessions (sign-in, refresh,
// sign-out, expiry); this module only reads a session better-auth wrote, and only when nothing about it needs
// changing. Every other case (no cookie, bad signature, unknown or expired token, refresh due) goes to
// better-auth's own getSession. Why: better-auth's check cost three round trips and its endpoint machinery on
// every page view, about half of the dashboard's CPU (docs/benchmarks.md, ADR 0008).
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseCookies } from "better-auth/cookies";
import { and, count, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { prepared } from "../db/prepared.server.ts";
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
  /** The member person and household behind the login; null for advisors and logins without a contract. */
  personId: string | null;
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
      .where(and(eq(messageThread.householdId, person.householdId), eq(messageThread.unreadForMember, true)));
    return d
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
        personId: person.id,
        householdId: person.householdId,
        firstName: person.firstName,
        lastName: person.lastName,
        memberNumber: household.memberNumber,
        coverageLevel: household.coverageLevel,
        unreadMessages: sql<number>`coalesce((${unread}), 0)::int`,
      })
      .from(session)
      .innerJoin(user, eq(user.id, session.userId))
      .leftJoin(person, and(eq(person.userId, user.id), eq(person.role, "member")))
      .leftJoin(household, eq(household.id, person.householdId))
      .where(eq(session.token, sql.placeholder("token")))
      .limit(1)
      .prepare("session_row");
  });
  const [row] = await statement.execute({ token });
  return row;
}

interface SessionCookieSettings {
  sessionCookie: string;
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
 * The token of a correctly signed session cookie, as better-call signs it (`token.base64(HMAC-SHA256)`), or
 * null. A cookie asking better-auth not to remember the session is left to better-auth.
 */
export function signedSessionToken(cookieHeader: string | null, settings: Pick<SessionCookieSettings, "sessionCookie" | "dontRememberCookie" | "secret">): string | null {
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
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

/** Valid now, and not yet due for better-auth's sliding refresh (which writes the row and resends the cookie). */
export function isUsableWithoutRefresh(row: Pick<SessionRow, "expiresAt">, now: number, settings: Pick<SessionCookieSettings, "expiresInSeconds" | "updateAgeSeconds">): boolean {
  const expiresAt = row.expiresAt.getTime();
  const refreshDueAt = expiresAt - settings.expiresInSeconds * 1000 + settings.updateAgeSeconds * 1000;
  return expiresAt > now && refreshDueAt > now;
}

/**
 * The request's session, read directly when it is valid and needs no change; otherwise better-auth's
 * getSession decides (and its Set-Cookie headers go to `onSetCookie`), and the row is read after it.
 */
export async function findSession(db: Db, auth: Auth, headers: Headers, onSetCookie: (cookie: string) => void): Promise<SessionRow | null> {
  const settings = await cookieSettings(auth);
  const token = signedSessionToken(headers.get("cookie"), settings);
  if (token) {
    const row = await readSessionRow(db, token);
    if (row && isUsableWithoutRefresh(row, Date.now(), settings)) return row;
  }
  const { response: found, headers: responseHeaders } = await auth.api.getSession({ headers, returnHeaders: true });
  for (const cookie of responseHeaders.getSetCookie()) onSetCookie(cookie);
  if (!found) return null;
  return (await readSessionRow(db, found.session.token)) ?? null;
}
