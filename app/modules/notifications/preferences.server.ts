// Reading and saving the member's notification preferences, and the one place that decides whether a
// notification goes out and how: every member notification of an event in events.ts passes through notify().
import { and, eq, sql } from "drizzle-orm";
import { user } from "../accounts/schema.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { household, person } from "../households/schema.ts";
import type { Mailer, OutgoingMail } from "../mail/mailer.server.ts";
import {
  type Channel,
  channelsFor,
  effectiveChannels,
  type NotificationEvent,
  type Preferences,
  sendsEmail,
  sendsPush,
} from "./events.ts";
import { enqueuePush, type PushMessage } from "./push.server.ts";
import { notificationOnce, notificationPreference } from "./schema.ts";

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
  // A locked event keeps its e-mail: only "e-mail" or "e-mail and push" is stored for it.
  const channels = Object.fromEntries(
    Object.entries(input.channels).filter(
      ([e, c]) => c !== undefined && channelsFor(e as NotificationEvent, true).includes(c),
    ),
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

/** One event's words, for each channel: no health detail in either (they say what happened and link to it). */
export interface Notification {
  mail: Omit<OutgoingMail, "to">;
  push: PushMessage;
}

/**
 * Tells the member of `event` the way they chose: an e-mail through the outbox, a push notification per device
 * through the push outbox (delivered by the job runner), both, or nothing (a security alert always has its
 * e-mail). A push choice with no device left (all removed, or dropped by their push service) falls back to
 * e-mail: the news is never lost. With `tx`, everything is written in the caller's transaction and the mail is
 * returned for `mailer.deliver` after the commit; else the mail is sent at once. With `once` (needs `tx`), a
 * key already used for this member sends nothing: announcements are idempotent across retries. Returns what
 * was used.
 */
export async function notify(
  { db, mailer }: NotifyDeps,
  to: { userId: string } | { email: string },
  event: NotificationEvent,
  notification: Notification,
  options: { tx?: Db; once?: string } = {},
): Promise<{ channel: Channel; mailId: number | null; pushes: number }> {
  const conn = options.tx ?? db;
  const [account] = await conn
    .select({ id: user.id, email: user.email })
    .from(user)
    .where("userId" in to ? eq(user.id, to.userId) : eq(user.email, to.email));
  if (!account) return { channel: "none", mailId: null, pushes: 0 };
  if (options.once !== undefined) {
    if (!options.tx) throw new Error("notify: `once` needs the caller's transaction");
    const fresh = await options.tx
      .insert(notificationOnce)
      .values({ userId: account.id, key: options.once })
      .onConflictDoNothing()
      .returning({ key: notificationOnce.key });
    if (fresh.length === 0) return { channel: "none", mailId: null, pushes: 0 };
  }
  const channel = (await getPreferences(conn, account.id)).channels[event];
  const pushes = sendsPush(channel) ? await enqueuePush(conn, account.id, notification.push) : 0;
  let mailId: number | null = null;
  if (sendsEmail(channel) || (channel === "push" && pushes === 0)) {
    const mail = { to: account.email, ...notification.mail };
    if (options.tx) mailId = await mailer.enqueue(options.tx, mail);
    else await mailer.send(mail);
  }
  return { channel, mailId, pushes };
}
