// Who is signed in, resolved once per request from the session cookie.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { type Auth, sessionPolicy } from "./auth.server.ts";
import { findSession } from "./session-read.server.ts";
import type { AdvisorRole } from "../back-office/permissions.ts";
import { session } from "./schema.ts";

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
  { db, auth }: { db: Db; auth: Auth },
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
  if (found.role === "advisor") {
    if (found.deactivated) {
      // Deactivation deleted its sessions; one created by a sign-in finishing at that very moment ends here.
      await db.delete(session).where(eq(session.id, found.sessionId));
      return null;
    }
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
  // A login with no contract behind it sees nothing.
  if (!found.personId || !found.householdId || !found.memberNumber || !found.coverageLevel) return null;
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
    unreadMessages: found.unreadMessages,
  };
}
