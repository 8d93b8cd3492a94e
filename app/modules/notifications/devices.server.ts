// The member's devices that receive push notifications: added from the preferences page (the browser's
// subscription, posted by the page's script), listed there, removed one by one (a plain form: works without
// JavaScript), and removed when the member signs out of that device. Every query is scoped by the viewer.
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { deviceLabel } from "./device-label.ts";
import { isAllowedEndpoint } from "./push.server.ts";
import { pushSubscription } from "./schema.ts";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, "Abonnement de l'appareil illisible.");

/** What the page's script posts: the PushSubscription's endpoint and keys. */
export const subscriptionSchema = z.object({
  endpoint: z.string().min(1, "Abonnement de l'appareil illisible.").max(2000),
  p256dh: base64url.min(80).max(120),
  auth: base64url.min(16).max(40),
});

export type DeviceSubscription = z.infer<typeof subscriptionSchema>;

export async function listDevices(db: Db, viewer: MemberViewer) {
  return db
    .select({
      id: pushSubscription.id,
      label: pushSubscription.label,
      createdAt: pushSubscription.createdAt,
      lastDeliveredAt: pushSubscription.lastDeliveredAt,
    })
    .from(pushSubscription)
    .where(eq(pushSubscription.userId, viewer.userId))
    .orderBy(asc(pushSubscription.createdAt));
}

/**
 * Records this browser's subscription for the viewer. The same endpoint seen again (the page asked twice, or
 * another member signed in on the same browser) is taken over by this viewer and session. Refused when the
 * endpoint is not one of the accepted push services.
 */
export async function addDevice(
  db: Db,
  viewer: MemberViewer,
  input: DeviceSubscription,
  context: { userAgent: string; ip: string; allowedOrigins: readonly string[] },
): Promise<{ ok: true } | { ok: false; message: string }> {
  if (!isAllowedEndpoint(input.endpoint, context.allowedOrigins))
    return { ok: false, message: "Le service de notification de ce navigateur n'est pas accepté." };
  const label = deviceLabel(context.userAgent);
  await db
    .insert(pushSubscription)
    .values({ userId: viewer.userId, sessionId: viewer.sessionId, label, ...input })
    .onConflictDoUpdate({
      target: pushSubscription.endpoint,
      set: { userId: viewer.userId, sessionId: viewer.sessionId, label, p256dh: input.p256dh, auth: input.auth },
    });
  await recordAudit(db, {
    action: "account.push_device_added",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: context.ip,
    details: { label },
  });
  return { ok: true };
}

/** Removes one of the viewer's devices; another member's id is a miss (false). */
export async function removeDevice(db: Db, viewer: MemberViewer, id: string, ip: string): Promise<boolean> {
  if (!z.uuid().safeParse(id).success) return false;
  const removed = await db
    .delete(pushSubscription)
    .where(and(eq(pushSubscription.id, id), eq(pushSubscription.userId, viewer.userId)))
    .returning({ label: pushSubscription.label });
  if (removed.length === 0) return false;
  await recordAudit(db, {
    action: "account.push_device_removed",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { label: removed[0]!.label },
  });
  return true;
}

/** Signing out of a device stops its notifications: the subscriptions that session made go. */
export async function removeSessionDevices(db: Db, userId: string, sessionId: string): Promise<void> {
  await db
    .delete(pushSubscription)
    .where(and(eq(pushSubscription.userId, userId), eq(pushSubscription.sessionId, sessionId)));
}

/** Does the user have a device that can receive push notifications? */
export async function hasDevices(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: pushSubscription.id })
    .from(pushSubscription)
    .where(eq(pushSubscription.userId, userId))
    .limit(1);
  return Boolean(row);
}
