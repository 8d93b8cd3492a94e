import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { removeSessionDevices } from "../notifications/devices.server.ts";
import type { Auth } from "./auth.server.ts";
import type { Viewer } from "./viewer.server.ts";

/**
 * Ends the session server-side (its row is deleted, so a copied cookie is worthless), removes the push devices
 * it subscribed, and audits it.
 */
export async function signOut(
  { db, auth }: { db: Db; auth: Auth },
  { viewer, requestHeaders, ip }: { viewer: Viewer; requestHeaders: Headers; ip: string },
): Promise<Headers> {
  const result = await auth.api.signOut({ headers: requestHeaders, returnHeaders: true });
  // This device's push notifications stop with its session (notifications/devices.server.ts).
  await removeSessionDevices(db, viewer.userId, viewer.sessionId);
  await recordAudit(db, {
    action: "auth.sign_out",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.kind === "member" ? viewer.householdId : null,
    ipAddress: ip,
  });
  return result.headers;
}
