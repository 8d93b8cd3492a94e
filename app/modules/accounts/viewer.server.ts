// Who is signed in, resolved once per request from the session cookie.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { type Auth, sessionPolicy } from "./auth.server.ts";
import { findSession } from "./session-read.server.ts";
import type { AdvisorRole } from "../back-office/permissions.ts";
import type { Clock } from "../clock/index.ts";
import { type Relation, type Scope, isGrantLive, scopesFor } from "./scopes.ts";
import { session } from "./schema.ts";
import { carerGrant } from "../carers/schema.ts";
import { addYears } from "../clock/calendar.ts";

/**
 * Someone in a member's space: the contract holder, a beneficiary with their own access, or a carer acting for
 * a person of the household. `householdId` and `personId` are the space's (the person acted for); `userId` is
 * the login behind the session. The fields after `unreadMessages` are optional so that a viewer built without
 * them (older code and tests) reads as the contract holder; loadViewer always sets them.
 */
export interface MemberViewer {
  kind: "member";
  userId: string;
  sessionId: string;
  householdId: string;
  personId: string;
  memberNumber: string;
  /** The contract's level (Essentielle, Équilibre…): read with the member, from the household row already joined. */
  coverageLevel: string;
  firstName: string;
  lastName: string;
  /** Unread threads, read with the session (one statement per page view; see session-read.server.ts). */
  unreadMessages: number;
  /** Who is behind the session towards the person of the space (accounts/scopes.ts). Absent: the holder. */
  relation?: Relation;
  /** What this viewer may open; checked centrally by guards.server.ts `requireScope`. Absent: all (holder). */
  scopes?: readonly Scope[];
  /** Set when the viewer may see only one person's lines (a beneficiary; a carer acting for one). */
  onlyPersonId?: string | null;
  /** The login acting, for "par X pour le compte de Y" (a carer); the space's own person otherwise. */
  actor?: { userId: string; name: string; twoFactorEnabled: boolean };
  /** The carer's grant this session acts under. */
  carerGrantId?: string | null;
}

export interface AdvisorViewer {
  kind: "advisor";
  userId: string;
  sessionId: string;
  name: string;
  /** Advisors must have a second factor: without one they can only reach the enrolment page. */
  twoFactorEnabled: boolean;
  role: AdvisorRole;
}

export type Viewer = MemberViewer | AdvisorViewer;

/**
 * `onSetCookie` receives the refreshed session cookie when the idle expiry slides forward: the browser's
 * cookie must live as long as the server-side session it points to.
 */
export async function loadViewer(
  { db, auth, clock, env }: { db: Db; auth: Auth; clock?: Clock; env?: { FORMER_MEMBER_ACCESS_YEARS: number } },
  headers: Headers,
  onSetCookie: (cookie: string) => void = () => {},
): Promise<Viewer | null> {
  const found = await findSession(db, auth, headers, onSetCookie);
  if (!found) return null;
  const createdAt = found.createdAt.getTime();
  if (Date.now() - createdAt > sessionPolicy.absoluteSeconds * 1000) {
    // Past the absolute lifetime: the session is ended for good, however active it was.
    await db.delete(session).where(eq(session.id, found.sessionId));
    return null;
  }
  // Deactivation (an advisor by an administrateur, a former member's login after its years) deleted the
  // sessions; one created by a sign-in finishing at that very moment ends here.
  if (found.deactivated) {
    await db.delete(session).where(eq(session.id, found.sessionId));
    return null;
  }
  if (found.role === "advisor") {
    // Shorter for advisors: 15 minutes idle (the last use is the session's updatedAt), 8 hours in all.
    const lastUse = found.updatedAt.getTime();
    if (
      Date.now() - createdAt > sessionPolicy.advisorAbsoluteSeconds * 1000 ||
      Date.now() - lastUse > sessionPolicy.advisorIdleSeconds * 1000
    ) {
      await db.delete(session).where(eq(session.id, found.sessionId));
      return null;
    }
    const advisorRole = found.advisorRole;
    return {
      kind: "advisor",
      userId: found.userId,
      sessionId: found.sessionId,
      name: found.name,
      twoFactorEnabled: found.twoFactorEnabled,
      role: advisorRole === "gestionnaire" || advisorRole === "administrateur" ? advisorRole : "conseiller",
    };
  }
  const today = clock?.today();
  // The login's own space (not a carer's chosen one) of a contract ended more than FORMER_MEMBER_ACCESS_YEARS
  // ago: closed (former-members.server.ts). The job leaves the login of someone still a carer or legal
  // representative elsewhere: only the chooser opens for them, as for a carer with no contract of their own.
  const ownSpaceClosed = Boolean(
    !found.carerGrantId &&
    found.householdCoverageEnd &&
    today &&
    env &&
    found.householdCoverageEnd < addYears(today, -env.FORMER_MEMBER_ACCESS_YEARS),
  );
  if (!found.personId || !found.householdId || !found.memberNumber || !found.coverageLevel || ownSpaceClosed) {
    // A carer's own login (no contract of their own) before choosing whose space: only the chooser
    // (/mon-compte/aidants) opens; every scoped page sends there (guards.server.ts). Any other login with no
    // contract behind it sees nothing.
    if (found.carerGrantId || !(await hasCarerGrant(db, found.userId))) {
      if (ownSpaceClosed) await db.delete(session).where(eq(session.id, found.sessionId));
      return null;
    }
    return {
      kind: "member",
      userId: found.userId,
      sessionId: found.sessionId,
      personId: "",
      householdId: "",
      memberNumber: "",
      coverageLevel: "",
      firstName: found.name,
      lastName: "",
      unreadMessages: 0,
      relation: "carer",
      scopes: [],
      onlyPersonId: null,
      actor: { userId: found.userId, name: found.name, twoFactorEnabled: found.twoFactorEnabled },
      carerGrantId: null,
    };
  }
  let relation: Relation = found.personRole === "member" ? "holder" : "beneficiary";
  if (found.carerGrantId) {
    relation = "carer";
    const live = today
      ? isGrantLive({ endsOn: found.carerEndsOn ?? "", revokedAt: found.carerRevoked ? new Date(0) : null }, today)
      : !found.carerRevoked;
    if (!live) {
      // Revoked or past its end date: the carer's session ends here (revocation also deleted the live ones).
      await db.delete(session).where(eq(session.id, found.sessionId));
      return null;
    }
  }
  // A beneficiary removed from a running contract (their last day before the contract's, or the contract still
  // open): their own access, and a carer's access to their space, end after their last day of cover. When the
  // whole contract ended (a résiliation sets everyone's last day to the contract's), the household's window
  // applies to everyone (docs/personal-data.md, ADR 0028).
  const personEnd = found.personCoverageEnd;
  const removedBeforeContractEnd =
    personEnd !== null && (found.householdCoverageEnd === null || personEnd < found.householdCoverageEnd);
  if (found.personRole !== "member" && removedBeforeContractEnd && today && personEnd < today) {
    await db.delete(session).where(eq(session.id, found.sessionId));
    return null;
  }
  // The holder's space is the household; anyone else's space is their own person's lines only.
  const onlyPersonId = found.personRole === "member" ? null : found.personId;
  return {
    kind: "member",
    userId: found.userId,
    sessionId: found.sessionId,
    personId: found.personId,
    householdId: found.householdId,
    memberNumber: found.memberNumber,
    coverageLevel: found.coverageLevel,
    firstName: found.firstName ?? "",
    lastName: found.lastName ?? "",
    // The household's unread count is the holder's: the others' messagerie is their own (not counted here).
    unreadMessages: relation === "holder" ? found.unreadMessages : 0,
    relation,
    scopes: scopesFor(relation, found.carerScopes ?? []),
    onlyPersonId,
    actor: { userId: found.userId, name: found.name, twoFactorEnabled: found.twoFactorEnabled },
    carerGrantId: found.carerGrantId,
  };
}

/** Whether a login holds a carer's grant not revoked (its end date is checked when a space is chosen). */
async function hasCarerGrant(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: carerGrant.id })
    .from(carerGrant)
    .where(and(eq(carerGrant.carerUserId, userId), isNull(carerGrant.revokedAt)))
    .limit(1);
  return Boolean(row);
}
