// Outgoing mail behind one small interface. Without SMTP_URL every mail is written as an .eml file in
// DATA_DIR/outbox/, which developers open with any mail client and tests read back.
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

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

export function createMailer({
  smtpUrl,
  from,
  outboxDir,
}: {
  smtpUrl?: string;
  from: string;
  outboxDir: string;
}): Mailer {
  if (smtpUrl) {
    const transport = lazyTransport(smtpUrl);
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
