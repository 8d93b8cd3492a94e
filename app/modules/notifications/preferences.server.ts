// Reading and saving the member's notification preferences, and the one place that decides whether a
// notification goes out and how: every member notification of an event in events.ts passes through notify().
import { and, eq, sql } from "drizzle-orm";
import { user } from "../accounts/schema.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { household, person } from "../households/schema.ts";
import type { Mailer, OutgoingMail } from "../mail/mailer.server.ts";
import { type Channel, effectiveChannels, lockedEvents, type NotificationEvent, type Preferences } from "./events.ts";
import { notificationPreference } from "./schema.ts";

export async function getPreferences(
  db: Db,
  userId: string,
): Promise<Preferences & { paperlessChangedAt: Date | null }> {
  const [row] = await db.select().from(notificationPreference).where(eq(notificationPreference.userId, userId));
  return {
    channels: effectiveChannels(row?.channels ?? null),
    paperless: row?.paperless ?? false,
    paperlessChangedAt: row?.paperlessChangedAt ?? null,
  };
}

/** The paperless choice of a household's member, for the back-office file (after its own access check). */
export async function getPaperlessChoice(db: Db, memberNumber: string) {
  const [row] = await db
    .select({ paperless: notificationPreference.paperless, changedAt: notificationPreference.paperlessChangedAt })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .innerJoin(notificationPreference, eq(notificationPreference.userId, person.userId))
    .where(and(eq(household.memberNumber, memberNumber), eq(person.role, "member")));
  return { paperless: row?.paperless ?? false, changedAt: row?.changedAt ?? null };
}

export async function savePreferences(
  db: Db,
  viewer: MemberViewer,
  input: { channels: Partial<Record<NotificationEvent, Channel>>; paperless: boolean },
  now: Date,
  ip: string,
): Promise<void> {
  const channels = Object.fromEntries(
    Object.entries(input.channels).filter(([e]) => !lockedEvents.has(e as NotificationEvent)),
  ) as Record<string, string>;
  const before = await getPreferences(db, viewer.userId);
  const paperlessChanged = before.paperless !== input.paperless;
  await db
    .insert(notificationPreference)
    .values({
      userId: viewer.userId,
      channels,
      paperless: input.paperless,
      paperlessChangedAt: paperlessChanged ? now : null,
    })
    .onConflictDoUpdate({
      target: notificationPreference.userId,
      set: {
        channels,
        paperless: input.paperless,
        ...(paperlessChanged ? { paperlessChangedAt: now } : {}),
        updatedAt: sql`now()`,
      },
    });
  await recordAudit(db, {
    action: "account.preferences_changed",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { ...channels, paperless: input.paperless },
  });
}

export interface NotifyDeps {
  db: Db;
  mailer: Mailer;
}

/**
 * Tells the member of `event` the way they chose. The mail's text must carry no health detail (the kind of
 * care, an act): it says what happened and links to the page, behind sign-in. Returns the channel used.
 * Push notifications are not wired yet: a "push" choice sends nothing until they are.
 */
export async function notify(
  { db, mailer }: NotifyDeps,
  to: { userId: string } | { email: string },
  event: NotificationEvent,
  mail: Omit<OutgoingMail, "to">,
): Promise<Channel> {
  const [account] = await db
    .select({ id: user.id, email: user.email })
    .from(user)
    .where("userId" in to ? eq(user.id, to.userId) : eq(user.email, to.email));
  if (!account) return "none";
  const channel = lockedEvents.has(event) ? "email" : (await getPreferences(db, account.id)).channels[event];
  if (channel === "email") await mailer.send({ to: account.email, ...mail });
  return channel;
}
