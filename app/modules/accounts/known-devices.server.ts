// "Connexion depuis un nouvel appareil" (issue 23): each browser a member signs in from gets a long-lived random
// cookie; the database keeps its SHA-256 per account. A member's sign-in from a browser whose cookie the account
// does not know, when the account already knows another, is a security alert: always by e-mail (the member may
// add push), through notify(). The very first browser of an account is recorded without an alert (there is
// nothing to compare it with: an account's first sign-in, or its first since this feature).
import { randomBytes } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { deviceLabel } from "../notifications/device-label.ts";
import { notify } from "../notifications/preferences.server.ts";
import { hashToken } from "../shared/token.server.ts";
import { knownDevice } from "./schema.ts";

const cookieBase = "espace.appareil";
/** Browsers keep a cookie at most 400 days; each sign-in renews it. */
const MAX_AGE_SECONDS = 400 * 24 * 3600;

export function deviceCookieName(secure: boolean): string {
  return secure ? `__Host-${cookieBase}` : cookieBase;
}

function readDeviceCookie(headers: Headers, secure: boolean): string | null {
  const name = deviceCookieName(secure);
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    const token = value.join("=");
    if (key === name && /^[A-Za-z0-9_-]{43}$/.test(token)) return token;
  }
  return null;
}

const when = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "short",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});

export interface DeviceDeps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  publicUrl: string;
  secureCookies: boolean;
}

/** The services this needs, from the application's. */
export function deviceDeps(services: {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  publicUrl: string;
  env: { COOKIE_SECURE: boolean };
}): DeviceDeps {
  const { db, mailer, clock, publicUrl } = services;
  return { db, mailer, clock, publicUrl, secureCookies: services.env.COOKIE_SECURE };
}

/**
 * After a member's successful sign-in: recognises the browser (or records it), alerts on a new one, and adds
 * the renewed device cookie to `responseHeaders` (the redirect that carries the session cookie).
 */
export async function noteSignInDevice(
  { db, mailer, clock, publicUrl, secureCookies }: DeviceDeps,
  { userId, requestHeaders, responseHeaders }: { userId: string; requestHeaders: Headers; responseHeaders: Headers },
): Promise<{ newDevice: boolean }> {
  const presented = readDeviceCookie(requestHeaders, secureCookies);
  const token = presented ?? randomBytes(32).toString("base64url");
  const tokenHash = hashToken(token);
  const label = deviceLabel(requestHeaders.get("user-agent") ?? "");
  responseHeaders.append(
    "Set-Cookie",
    `${deviceCookieName(secureCookies)}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}${secureCookies ? "; Secure" : ""}`,
  );
  const known = await db
    .update(knownDevice)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(knownDevice.userId, userId), eq(knownDevice.tokenHash, tokenHash)))
    .returning({ userId: knownDevice.userId });
  if (known.length > 0) return { newDevice: false };
  const [others] = await db.select({ n: count() }).from(knownDevice).where(eq(knownDevice.userId, userId));
  const inserted = await db
    .insert(knownDevice)
    .values({ userId, tokenHash, label })
    .onConflictDoNothing()
    .returning({ userId: knownDevice.userId });
  if (inserted.length === 0 || (others?.n ?? 0) === 0) return { newDevice: false };
  const at = when.format(clock.now()).replace(" ", " à ");
  await notify({ db, mailer }, { userId }, "new_device_sign_in", {
    mail: {
      subject: "Connexion depuis un nouvel appareil",
      text:
        `Bonjour,\n\nUne connexion à votre espace adhérent a eu lieu le ${at} depuis un appareil que nous ne ` +
        `connaissions pas (${label}).\n\nSi c'est vous, il n'y a rien à faire.\n` +
        `Sinon, changez tout de suite votre mot de passe : ${publicUrl}/mon-compte/mot-de-passe\n` +
        "et vérifiez les appareils connectés dans « Mon compte ».\n\nVotre mutuelle",
    },
    push: {
      title: "Connexion depuis un nouvel appareil",
      body: `${label}, le ${at}. Si ce n'est pas vous, changez votre mot de passe.`,
      url: "/mon-compte",
    },
  });
  return { newDevice: true };
}
