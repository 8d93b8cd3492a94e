// Outgoing mail's transport behind one small interface. Without SMTP_URL every mail is written as an .eml file
// in DATA_DIR/outbox/, which developers open with any mail client and tests read back. The application never
// calls it directly: every mail goes through the outbox table first (outbox.server.ts).
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

// nodemailer is loaded with the first mail, not at start: about 3 MB of heap a page server seldom needs.
function lazyTransport(options: Parameters<typeof import("nodemailer").createTransport>[0]) {
  let transport: Promise<ReturnType<typeof import("nodemailer").createTransport>> | undefined;
  return () => (transport ??= import("nodemailer").then((m) => m.default.createTransport(options)));
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Hands one mail to SMTP (or writes it as an .eml file); throws when it could not. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * What the application sends mail through: the transactional outbox (outbox.server.ts). `send` writes the
 * mail's row and tries it at once; `enqueue` writes it inside the caller's transaction, `deliver` tries it
 * after the commit. A failed attempt leaves the row for the job runner, which tries again with back-off.
 */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  enqueue(tx: import("../db/client.server.ts").Db, mail: OutgoingMail): Promise<number>;
  deliver(ids: readonly number[]): Promise<void>;
}

export function createMailer({
  smtpUrl,
  from,
  outboxDir,
}: {
  smtpUrl?: string;
  from: string;
  outboxDir: string;
}): MailTransport {
  if (smtpUrl) {
    // Bounded waits: a sign-in code is sent during the request, and a send must end well within the outbox's
    // 2-minute lease (else another server would send the same mail again).
    const transport = lazyTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof import("nodemailer").createTransport>[0]);
    return {
      async send(mail) {
        await (await transport()).sendMail({ from, ...mail });
      },
    };
  }
  // streamTransport builds the exact RFC 5322 message SMTP would have sent.
  const transport = lazyTransport({ streamTransport: true, buffer: true, newline: "unix" });
  let sequence = 0; // file names sort in sending order, even within one millisecond
  return {
    async send(mail) {
      const info = await (await transport()).sendMail({ from, ...mail });
      await mkdir(outboxDir, { recursive: true });
      sequence++;
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${String(sequence).padStart(6, "0")}-${randomUUID().slice(0, 8)}.eml`;
      await writeFile(join(outboxDir, name), info.message as Buffer);
    },
  };
}
