// The member's own sign-in security: their active sessions (device, last use) and recent sign-ins, and
// ending a session. Every query is by the signed-in user: a session id of someone else does nothing.
import { and, desc, eq, ne } from "drizzle-orm";
import { auditLog } from "../audit/schema.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { session, user } from "./schema.ts";
import type { Viewer } from "./viewer.server.ts";

/** "Chrome sur Android", "Firefox sur Windows"… from a user agent, without keeping its details. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Appareil inconnu";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Navigateur";
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iPhone ou iPad"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X/.test(userAgent)
          ? "Mac"
          : /Linux/.test(userAgent)
            ? "Linux"
            : "système inconnu";
  return `${browser} sur ${system}`;
}

export async function listSessions(db: Db, viewer: Viewer) {
  const rows = await db
    .select({
      id: session.id,
      userAgent: session.userAgent,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      expiresAt: session.expiresAt,
    })
    .from(session)
    .where(eq(session.userId, viewer.userId))
    .orderBy(desc(session.updatedAt));
  const now = Date.now();
  return rows
    .filter((r) => r.expiresAt.getTime() > now)
    .map((r) => ({
      id: r.id,
      device: describeDevice(r.userAgent),
      since: r.createdAt,
      lastUse: r.updatedAt,
      current: r.id === viewer.sessionId,
    }));
}

export async function recentSignIns(db: Db, viewer: Viewer, limit = 10) {
  return db
    .select({ at: auditLog.at, outcome: auditLog.outcome })
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, viewer.userId), eq(auditLog.action, "auth.sign_in")))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}

/** Ends one of the viewer's other sessions, or all of them ("everywhere else"). The current one stays. */
export async function endSessions(
  db: Db,
  viewer: Viewer,
  which: { sessionId: string } | "all-others",
  ip: string,
): Promise<number> {
  const scope =
    which === "all-others"
      ? and(eq(session.userId, viewer.userId), ne(session.id, viewer.sessionId))
      : and(eq(session.userId, viewer.userId), eq(session.id, which.sessionId), ne(session.id, viewer.sessionId));
  const ended = await db.delete(session).where(scope).returning({ id: session.id });
  if (ended.length > 0) {
    await recordAudit(db, {
      action: "auth.sign_out",
      outcome: "success",
      actorUserId: viewer.userId,
      ipAddress: ip,
      details: { sessionsEnded: ended.length },
    });
  }
  return ended.length;
}

export async function getAccountEmail(db: Db, viewer: Viewer): Promise<string> {
  const [account] = await db.select({ email: user.email }).from(user).where(eq(user.id, viewer.userId));
  return account?.email ?? "";
}
