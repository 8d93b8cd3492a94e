// Web Push (issue 23): the VAPID keys, the allow-list of push services, and the push outbox's delivery.
// A notification for a device is a push_outbox row, written with the event; the job runner's rounds send what
// is due (like the mail outbox, ADR 0015): a refusal is retried with back-off until the message's time to live
// is over; a device the push service no longer knows (404, 410) is removed with what was waiting for it.
// The request is built by the `web-push` library (VAPID JWT, RFC 8291 encryption) and sent with fetch, so a
// timeout bounds it and an operator's local push service (tests) may be plain HTTP.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import webpush from "web-push";
import type { Db } from "../db/client.server.ts";
import { errorSummary, type Logger } from "../shared/logger.server.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** Who runs this sender (mailto: or https:), given to push services in the VAPID token. */
  subject: string;
}

/**
 * The keys from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY, or a pair generated once and kept in DATA_DIR (like
 * AUTH_SECRET): a new pair would orphan every device already subscribed, so it must outlive restarts.
 */
export function loadVapidKeys(
  env: { VAPID_PUBLIC_KEY?: string; VAPID_PRIVATE_KEY?: string; VAPID_SUBJECT?: string; MAIL_FROM: string },
  dataDir: string,
  logger: Logger,
): VapidKeys {
  const subject = env.VAPID_SUBJECT ?? `mailto:${/<([^>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM}`;
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY)
    return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject };
  const file = join(dataDir, "vapid-keys.json");
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { publicKey: string; privateKey: string };
    return { ...stored, subject };
  }
  mkdirSync(dataDir, { recursive: true });
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  logger.warn(
    { event: "vapid_keys_generated" },
    "VAPID keys unset: generated a pair in DATA_DIR (set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY with several servers)",
  );
  return { ...keys, subject };
}

/**
 * The browsers' push services: the server posts to a subscription's endpoint, an address the browser gave, so
 * only these origins are accepted (no request to an arbitrary host on the member's say). `*.` matches any
 * sub-domain. PUSH_SERVICE_ORIGINS replaces the list (an operator's own push service, tests).
 */
export const defaultPushServiceOrigins = [
  "https://fcm.googleapis.com",
  "https://updates.push.services.mozilla.com",
  "https://web.push.apple.com",
  "https://*.push.apple.com",
  "https://*.notify.windows.com",
] as const;

export function isAllowedEndpoint(endpoint: string, origins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return origins.some((origin) => {
    const wildcard = origin.match(/^(https?):\/\/\*\.(.+)$/);
    if (wildcard)
      return url.protocol === `${wildcard[1]}:` && url.hostname.endsWith(`.${wildcard[2]}`) && url.port === "";
    return url.origin === new URL(origin).origin;
  });
}

/** Seconds before the next try after `attempts` failures: 30 s, 1 min… then every 30 minutes. */
export function pushBackoff(attempts: number): number {
  return Math.min(1800, 30 * 2 ** Math.max(0, attempts - 1));
}

/** How long a notification is worth sending (and the TTL the push service keeps it for an offline device). */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;
const SENDING_LEASE_SECONDS = 120;
const REQUEST_TIMEOUT_MS = 15_000;

export interface PushMessage {
  title: string;
  body: string;
  /** A path of the space, opened when the notification is tapped. */
  url: string;
}

/** Writes one notification per device of `userId` (in the caller's transaction when given one); returns how many. */
export async function enqueuePush(db: Db, userId: string, message: PushMessage): Promise<number> {
  const result = await db.execute(sql`
    insert into push_outbox (subscription_id, title, body, url, expires_at)
    select id, ${message.title}, ${message.body}, ${message.url},
      now() + make_interval(secs => ${PUSH_TTL_SECONDS})
    from push_subscription where user_id = ${userId}
    returning id`);
  return (result as { rows: unknown[] }).rows.length;
}

interface PushRow {
  id: string | number;
  subscriptionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  title: string;
  body: string;
  url: string;
  attempts: number;
  ttl: number;
}

export interface PushSender {
  readonly publicKey: string;
  readonly allowedOrigins: readonly string[];
  /** Sends what is due; returns the counts (sent, failed and left for later, devices removed). */
  deliverDue(limit?: number): Promise<{ sent: number; failed: number; removed: number }>;
}

export function createPushSender({
  db,
  keys,
  allowedOrigins,
  logger,
  backoff = pushBackoff,
}: {
  db: Db;
  keys: VapidKeys;
  allowedOrigins: readonly string[];
  logger: Logger;
  backoff?: (attempts: number) => number;
}): PushSender {
  async function attempt(row: PushRow): Promise<"sent" | "failed" | "removed"> {
    const id = Number(row.id);
    let status: number;
    try {
      if (!isAllowedEndpoint(row.endpoint, allowedOrigins))
        throw Object.assign(new Error("endpoint"), { name: "PushEndpointRefused" });
      const request = webpush.generateRequestDetails(
        { endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } },
        JSON.stringify({ title: row.title, body: row.body, url: row.url }),
        { vapidDetails: keys, TTL: Math.max(0, row.ttl), urgency: "normal" },
      );
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ? new Uint8Array(request.body) : null,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: "error",
      });
      await response.arrayBuffer();
      status = response.status;
    } catch (error) {
      status = 0;
      await retryLater(id, row.attempts, errorSummary(error));
      return "failed";
    }
    if (status === 404 || status === 410) {
      // The browser dropped this subscription (unsubscribed, data cleared): the device goes, with its queue.
      await db.execute(sql`delete from push_subscription where id = ${row.subscriptionId}`);
      logger.info({ event: "push_subscription_gone", pushId: id, status }, "push subscription removed");
      return "removed";
    }
    if (status < 200 || status > 299) {
      await retryLater(id, row.attempts, { name: "PushRefused", code: String(status) });
      return "failed";
    }
    await db.execute(sql`
      update push_outbox set status = 'sent', sent_at = now(), locked_until = null, last_error = null where id = ${id}`);
    await db.execute(sql`update push_subscription set last_delivered_at = now() where id = ${row.subscriptionId}`);
    return "sent";
  }

  async function retryLater(id: number, attempts: number, err: { name: string; code?: string }) {
    const retryIn = backoff(attempts);
    await db.execute(sql`
      update push_outbox set status = 'pending', locked_until = null,
        last_error = ${err.code ? `${err.name} ${err.code}` : err.name},
        next_attempt_at = now() + make_interval(secs => ${retryIn})
      where id = ${id}`);
    logger.warn(
      { event: "push_send_failed", pushId: id, attempts, retryInSeconds: retryIn, err },
      "push notification not accepted; it stays in the outbox and is tried again",
    );
  }

  return {
    publicKey: keys.publicKey,
    allowedOrigins,
    async deliverDue(limit = 50) {
      // Past their time to live, notifications are no longer worth sending: kept as `expired` for operators.
      await db.execute(sql`
        update push_outbox set status = 'expired', locked_until = null
        where status in ('pending', 'sending') and expires_at <= now()`);
      const due = (
        (await db.execute(sql`
          with claimed as (
            update push_outbox set status = 'sending', attempts = attempts + 1,
              locked_until = now() + make_interval(secs => ${SENDING_LEASE_SECONDS})
            where id in (
              select id from push_outbox
              where (status = 'pending' and next_attempt_at <= now()) or (status = 'sending' and locked_until < now())
              order by id limit ${limit} for update skip locked)
            returning id, subscription_id, title, body, url, attempts, expires_at)
          select c.id, c.subscription_id as "subscriptionId", s.endpoint, s.p256dh, s.auth, c.title, c.body, c.url,
            c.attempts, greatest(0, floor(extract(epoch from c.expires_at - now())))::int as ttl
          from claimed c join push_subscription s on s.id = c.subscription_id
          order by c.id`)) as { rows: PushRow[] }
      ).rows;
      const counts = { sent: 0, failed: 0, removed: 0 };
      for (const row of due) counts[await attempt(row)]++;
      return counts;
    },
  };
}

/** Sent and expired notifications are deleted after a week. */
export async function purgeOldPush(db: Db): Promise<number> {
  const result = await db.execute(sql`
    delete from push_outbox where status in ('sent', 'expired') and created_at < now() - interval '7 days'
    returning id`);
  return (result as { rows: unknown[] }).rows.length;
}
