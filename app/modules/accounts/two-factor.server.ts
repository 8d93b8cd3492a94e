// Enrolling and removing the second factor (TOTP app + recovery codes) through better-auth's plugin.
// Each change is audited and told to the account's e-mail: a second factor added by someone else is how an
// attacker would lock the owner out.
import { createOTP } from "@better-auth/utils/otp";
import { isUniqueViolation } from "../db/errors.ts";
import { APIError } from "better-auth/api";
import { generateRandomString, symmetricEncrypt } from "better-auth/crypto";
import { and, eq, ne } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { backupCodeCount, totpIssuer, totpSettings, type Auth } from "./auth.server.ts";
import { session, user } from "./schema.ts";
import { sessionTokenSetIn } from "./cookies.ts";
import { claimTotpStep } from "./totp-replay.server.ts";
import type { Viewer } from "./viewer.server.ts";

interface Deps {
  db: Db;
  auth: Auth;
  mailer: Mailer;
}

export interface Enrolment {
  /** Inline SVG of the otpauth:// address, for the phone's camera. */
  qrSvg: string;
  /** The same secret to type by hand, in groups of four. */
  secretGroups: string;
  backupCodes: string[];
}

export class TwoFactorError extends AppError {
  readonly field: "password" | "code";
  constructor(field: "password" | "code", message: string) {
    super("two_factor", message, 400);
    this.field = field;
  }
}

/**
 * Starts enrolment for a viewer who has just proved who they are (the route requires a fresh step-up:
 * password, then a code by e-mail), so the password is not asked a third time. better-auth's own endpoint
 * insists on the password, so this does what its `enableTwoFactor` does for TOTP after that check, with
 * better-auth's own pieces (random secret, encryption with its secret, the same table through its adapter):
 * an unverified secret, which only the first code from the app (confirmEnrolment, `verifyTOTP`) turns on.
 * Written against better-auth 1.7.25 (pinned); its two-factor tests in tests/integration cover the round trip.
 */
export async function startEnrolment({ auth, db }: Deps, viewer: Viewer): Promise<Enrolment> {
  const [account] = await db.select({ email: user.email }).from(user).where(eq(user.id, viewer.userId));
  if (!account) throw new TwoFactorError("code", "Votre session a expiré : reconnectez-vous.");
  const ctx = await auth.$context;
  const existing = (await ctx.adapter.findOne({
    model: "twoFactor",
    where: [{ field: "userId", value: viewer.userId }],
  })) as { id: string; verified?: boolean } | null;
  if (existing && existing.verified !== false)
    throw new TwoFactorError("code", "La double authentification est déjà active.");
  const secret = generateRandomString(32);
  const backupCodes = Array.from({ length: backupCodeCount }, () => generateRandomString(10, "a-z", "0-9", "A-Z")).map(
    (c) => `${c.slice(0, 5)}-${c.slice(5)}`,
  );
  const row = {
    secret: await symmetricEncrypt({ key: ctx.secretConfig, data: secret }),
    backupCodes: await symmetricEncrypt({ key: ctx.secretConfig, data: JSON.stringify(backupCodes) }),
    verified: false,
  };
  const replace = () =>
    ctx.adapter.update({
      model: "twoFactor",
      update: row,
      where: [
        { field: "userId", value: viewer.userId },
        { field: "verified", value: false },
      ],
    });
  if (existing) await replace();
  else
    await ctx.adapter
      .create({ model: "twoFactor", data: { ...row, userId: viewer.userId } })
      .catch(async (error: unknown) => {
        // Another enrolment of this account created its row a moment ago (one row per account: unique index):
        // this one's secret replaces it while it is still unverified.
        if (!isUniqueViolation(error)) throw error;
        if (!(await replace())) throw new TwoFactorError("code", "La double authentification est déjà active.");
      });
  const totpURI = createOTP(secret, totpSettings).url(totpIssuer, account.email);
  const shownSecret = new URL(totpURI).searchParams.get("secret") ?? "";
  // qrcode is loaded on first use, not at start (see documents/pdf.server.ts).
  const { default: QRCode } = await import("qrcode");
  const qrSvg = await QRCode.toString(totpURI, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { qrSvg, secretGroups: shownSecret.match(/.{1,4}/g)?.join(" ") ?? shownSecret, backupCodes };
}

/** The first code from the app proves it is set up; only then does sign-in ask for codes. */
export async function confirmEnrolment(
  { db, auth, mailer }: Deps,
  viewer: Viewer,
  code: string,
  { requestHeaders, ip }: { requestHeaders: Headers; ip: string },
): Promise<Headers> {
  const digits = code.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(digits)) throw new TwoFactorError("code", "Le code de l'application compte 6 chiffres.");
  try {
    const result = await auth.api.verifyTOTP({ body: { code: digits }, headers: requestHeaders, returnHeaders: true });
    // The enrolment code is spent too: it cannot open a session a moment later. (A brand-new secret has no
    // step used yet: nothing to refuse here.)
    await claimTotpStep(db, auth, viewer.userId, digits);
    // Sessions opened with the password alone (before this) must not carry on as if they had a second factor.
    await endSessionsExceptCookie(db, viewer.userId, result.headers);
    await recordAudit(db, {
      action: "auth.two_factor_enabled",
      outcome: "success",
      actorUserId: viewer.userId,
      ipAddress: ip,
    });
    await tell(
      db,
      mailer,
      viewer,
      "La double authentification est activée",
      "La double authentification vient d'être activée sur votre espace adhérent : un code de votre application vous sera demandé à chaque connexion.",
    );
    return result.headers;
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    throw new TwoFactorError(
      "code",
      "Ce code ne correspond pas. Vérifiez l'heure de votre téléphone et saisissez le code affiché en ce moment.",
    );
  }
}

export async function disableTwoFactor(
  { db, auth, mailer }: Deps,
  viewer: Viewer,
  password: string,
  { requestHeaders, ip }: { requestHeaders: Headers; ip: string },
): Promise<Headers> {
  if (!password) throw new TwoFactorError("password", "Saisissez votre mot de passe.");
  try {
    const result = await auth.api.disableTwoFactor({
      body: { password },
      headers: requestHeaders,
      returnHeaders: true,
    });
    await recordAudit(db, {
      action: "auth.two_factor_disabled",
      outcome: "success",
      actorUserId: viewer.userId,
      ipAddress: ip,
    });
    await tell(
      db,
      mailer,
      viewer,
      "La double authentification est désactivée",
      "La double authentification vient d'être désactivée sur votre espace adhérent.",
    );
    return result.headers;
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    throw new TwoFactorError("password", "Mot de passe incorrect.");
  }
}

export async function newBackupCodes(
  { db, auth }: Deps,
  viewer: Viewer,
  password: string,
  { requestHeaders, ip }: { requestHeaders: Headers; ip: string },
): Promise<string[]> {
  if (!password) throw new TwoFactorError("password", "Saisissez votre mot de passe.");
  try {
    const { backupCodes } = await auth.api.generateBackupCodes({ body: { password }, headers: requestHeaders });
    await recordAudit(db, {
      action: "auth.two_factor_enabled",
      outcome: "success",
      actorUserId: viewer.userId,
      ipAddress: ip,
      details: { backupCodes: "renewed" },
    });
    return backupCodes;
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    throw new TwoFactorError("password", "Mot de passe incorrect.");
  }
}

async function tell(db: Db, mailer: Mailer, viewer: Viewer, subject: string, sentence: string): Promise<void> {
  const [account] = await db.select({ email: user.email }).from(user).where(eq(user.id, viewer.userId));
  if (!account) return;
  await mailer.send({
    to: account.email,
    subject,
    text: `Bonjour,\n\n${sentence}\nSi ce n'est pas vous, contactez votre mutuelle sans attendre.\n\nVotre mutuelle`,
  });
}

/** Ends every session of the user but the one whose cookie better-auth just set. */
async function endSessionsExceptCookie(db: Db, userId: string, headers: Headers): Promise<void> {
  const token = sessionTokenSetIn(headers);
  await db
    .delete(session)
    .where(token ? and(eq(session.userId, userId), ne(session.token, token)) : eq(session.userId, userId));
}
