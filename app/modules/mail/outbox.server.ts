// The transactional mail outbox: every mail is a row in mail_outbox before it is sent. A mail caused by a
// change is written in that change's transaction (`enqueue(tx, …)`), so a committed change always has its
// mail and a rolled-back one never sends it. What must leave at once (sign-in codes, security alerts) is tried
// right after (`deliver`, or `send` which does both); whatever fails stays pending and the job runner tries it
// again with back-off (`deliverDue`), on whichever server, until it is accepted. Never dropped.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { errorSummary, type Logger } from "../shared/logger.server.ts";
import type { MailTransport, Mailer } from "./mailer.server.ts";

/** The rows of a raw statement's result (the same shape on PGlite and node-postgres). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Seconds before the next try after `attempts` failures: 15 s, 30 s, 1 min… then every 30 minutes. */
export function mailBackoff(attempts: number): number {
  return Math.min(1800, 15 * 2 ** Math.max(0, attempts - 1));
}

/** How long a claimed row is ours: past this, a server that died mid-send has its row tried by another. */
const SENDING_LEASE_SECONDS = 120;

interface MailRow {
  id: string | number;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
}

export interface OutboxMailer extends Mailer {
  /** Sends what is due (pending and past its back-off, or abandoned mid-send); returns the counts. */
  deliverDue(limit?: number): Promise<{ sent: number; failed: number }>;
}

export function createOutboxMailer({
  db,
  transport,
  logger,
  backoff = mailBackoff,
}: {
  db: Db;
  transport: MailTransport;
  logger: Logger;
  backoff?: (attempts: number) => number;
}): OutboxMailer {
  async function attempt(row: MailRow): Promise<boolean> {
    const id = Number(row.id);
    try {
      await transport.send({
        to: row.to,
        subject: row.subject,
        text: row.text,
        ...(row.html ? { html: row.html } : {}),
      });
    } catch (error) {
      const { name, code } = errorSummary(error);
      const retryIn = backoff(row.attempts);
      await db.execute(sql`
        update mail_outbox set status = 'pending', locked_until = null, last_error = ${code ? `${name} ${code}` : name},
          next_attempt_at = now() + make_interval(secs => ${retryIn})
        where id = ${id}`);
      logger.warn(
        { event: "mail_send_failed", mailId: id, attempts: row.attempts, retryInSeconds: retryIn, err: { name, code } },
        "mail not accepted; it stays in the outbox and is tried again",
      );
      return false;
    }
    await db.execute(sql`
      update mail_outbox set status = 'sent', sent_at = now(), locked_until = null, last_error = null where id = ${id}`);
    return true;
  }

  const claim = async (where: ReturnType<typeof sql>, limit: number): Promise<MailRow[]> =>
    rowsOf<MailRow>(
      await db.execute(sql`
        update mail_outbox set status = 'sending', attempts = attempts + 1,
          locked_until = now() + make_interval(secs => ${SENDING_LEASE_SECONDS})
        where id in (select id from mail_outbox where ${where} order by id limit ${limit} for update skip locked)
        returning id, "to", subject, text, html, attempts`),
    );

  const mailer: OutboxMailer = {
    async enqueue(tx, mail) {
      const [row] = rowsOf<{ id: string | number }>(
        await tx.execute(sql`
          insert into mail_outbox ("to", subject, text, html)
          values (${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}) returning id`),
      );
      return Number(row!.id);
    },
    async deliver(ids) {
      for (const id of ids) {
        // Only if still pending: the runner may have taken it meanwhile.
        for (const row of await claim(sql`id = ${id} and status = 'pending'`, 1)) await attempt(row);
      }
    },
    async send(mail) {
      const id = await mailer.enqueue(db, mail);
      await mailer.deliver([id]);
    },
    async deliverDue(limit = 50) {
      const due = await claim(
        sql`(status = 'pending' and next_attempt_at <= now()) or (status = 'sending' and locked_until < now())`,
        limit,
      );
      let sent = 0;
      for (const row of due) if (await attempt(row)) sent++;
      return { sent, failed: due.length - sent };
    },
  };
  return mailer;
}

/** Sent mails are deleted after a week: their bodies hold links with tokens and personal details. */
export async function purgeSentMail(db: Db): Promise<number> {
  return rowsOf(
    await db.execute(sql`
      delete from mail_outbox where status = 'sent' and sent_at < now() - interval '7 days' returning id`),
  ).length;
}
