// The .eml files the mailer writes to DATA_DIR/outbox when no SMTP server is configured: what members receive.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Mail {
  to: string;
  subject: string;
  /** Body with quoted-printable soft breaks and escapes undone. */
  text: string;
  raw: string;
}

export function readOutbox(dataDir: string): Mail[] {
  const dir = join(dataDir, "outbox");
  if (!existsSync(dir)) return [];
  // Names start with the time and a sequence number: sorted, they are in sending order.
  return readdirSync(dir)
    .sort()
    .map((f) => parseMail(readFileSync(join(dir, f), "utf8")));
}

export function mailsTo(dataDir: string, address: string): Mail[] {
  return readOutbox(dataDir).filter((m) => m.to.includes(address));
}

export function lastMailTo(dataDir: string, address: string): Mail {
  const mails = mailsTo(dataDir, address);
  if (mails.length === 0) throw new Error(`no mail to ${address}`);
  return mails.at(-1)!;
}

/**
 * Mails sent after the answer (the password-reset link leaves once the page is answered): waits until `address`
 * has received `count` mails, checking the outbox every 20 ms, and returns them. Fails after 10 s.
 */
export async function waitForMailsTo(dataDir: string, address: string, count: number): Promise<Mail[]> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const mails = mailsTo(dataDir, address);
    if (mails.length >= count) return mails;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${address} did not receive ${count} mails`);
}

export function linkParam(mail: Mail, name: string): string {
  const match = new RegExp(`[?&]${name}=([A-Za-z0-9_%-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${name}= in mail "${mail.subject}"`);
  return decodeURIComponent(match[1]!);
}

export function parseMail(raw: string): Mail {
  const [folded = "", ...body] = raw.split(/\r?\n\r?\n/);
  const head = folded.replace(/\r?\n[ \t]+/g, " "); // unfold long headers
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(head)?.[1]?.trim() ?? "";
  const text = body
    .join("\n\n")
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return {
    to: header("To"),
    subject: decodeHeader(header("Subject")),
    text: Buffer.from(text, "latin1").toString("utf8"),
    raw,
  };
}

function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(
            data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    )
    .replace(/\s+/g, " ");
}
