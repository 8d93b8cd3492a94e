// Who is signed in, resolved once per request from the session cookie.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { prepared } from "../db/prepared.server.ts";
import { household, person } from "../households/schema.ts";
import { type Auth, sessionPolicy } from "./auth.server.ts";
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
  const { response: found, headers: responseHeaders } = await auth.api.getSession({ headers, returnHeaders: true });
  for (const cookie of responseHeaders.getSetCookie()) onSetCookie(cookie);
  if (!found) return null;
  const createdAt = new Date(found.session.createdAt).getTime();
  if (Date.now() - createdAt > sessionPolicy.absoluteSeconds * 1000) {
    // Past the absolute lifetime: the session is ended for good, however active it was.
    await db.delete(session).where(eq(session.id, found.session.id));
    return null;
  }
  const role = (found.user as { role?: string }).role;
  if (role === "advisor") {
    // Shorter for advisors: 15 minutes idle (the last use is the session's updatedAt), 8 hours in all.
    const lastUse = new Date(found.session.updatedAt).getTime();
    if (Date.now() - createdAt > sessionPolicy.advisorAbsoluteSeconds * 1000 || Date.now() - lastUse > sessionPolicy.advisorIdleSeconds * 1000) {
      await db.delete(session).where(eq(session.id, found.session.id));
      return null;
    }
    const twoFactorEnabled = Boolean((found.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled);
    const advisorRole = (found.user as { advisorRole?: string | null }).advisorRole;
    return {
      kind: "advisor",
      userId: found.user.id,
      sessionId: found.session.id,
      name: found.user.name,
      twoFactorEnabled,
      role: advisorRole === "gestionnaire" || advisorRole === "administrateur" ? advisorRole : "conseiller",
    };
  }
  const [member] = await prepared(db, "viewer_member", (d) =>
    d
      .select({
        personId: person.id,
        householdId: person.householdId,
        firstName: person.firstName,
        lastName: person.lastName,
        memberNumber: household.memberNumber,
        coverageLevel: household.coverageLevel,
      })
      .from(person)
      .innerJoin(household, eq(household.id, person.householdId))
      .where(and(eq(person.userId, sql.placeholder("userId")), eq(person.role, "member")))
      .limit(1)
      .prepare("viewer_member"),
  ).execute({ userId: found.user.id });
  if (!member) return null; // a login with no contract behind it sees nothing
  return { kind: "member", userId: found.user.id, sessionId: found.session.id, ...member };
}
