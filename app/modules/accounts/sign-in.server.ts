import { APIError } from "better-auth/api";
import { eq, or } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { accountDeactivatedCode, type Auth } from "./auth.server.ts";
import { formerMemberClosedMessage } from "./former-members.server.ts";
import { describeDevice } from "./sessions.server.ts";
import { accountKey, type SignInLimiter, TooManyAttemptsError } from "./rate-limit.server.ts";
import { AccountLockedError, isLocked, lockAccount } from "./account-lock.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { sessionTokenSetIn } from "./cookies.ts";
import { session, user } from "./schema.ts";
import { claimTotpStep, totpReplayMessage } from "./totp-replay.server.ts";
import { memberNumberPattern, type SignInInput } from "./sign-in-form.ts";

// Said only to someone who gave the right password (and, for the second step, code): a guesser learns nothing.
export const accountDeactivatedMessage =
  "Ce compte n'est plus actif. Adressez-vous à un administrateur de votre mutuelle.";

function isDeactivated(error: APIError): boolean {
  return (error.body as { code?: string } | undefined)?.code === accountDeactivatedCode;
}

/** The login the deactivation refusal is about (auth.server.ts puts it in the error). */
function deactivatedUserId(error: APIError): string | null {
  const id = (error.body as { userId?: unknown } | undefined)?.userId;
  return typeof id === "string" ? id : null;
}

// One message whatever went wrong: saying "unknown account" would let anyone test which members exist.
export const invalidCredentialsMessage = "Identifiant ou mot de passe incorrect. Vérifiez votre saisie et réessayez.";

export interface SignInDeps {
  db: Db;
  auth: Auth;
  limiter: SignInLimiter;
  /** For the hard ceiling's lock: the unlock link goes through the outbox. */
  mailer: Mailer;
  publicUrl: string;
}

export type SignInResult =
  | {
      step: "signed-in";
      userId: string;
      role: "member" | "advisor";
      /** Set-Cookie headers to forward on the redirect that follows. */
      headers: Headers;
    }
  | {
      /** Password right, second factor due: the headers carry the short-lived two-factor cookie. */
      step: "second-factor";
      headers: Headers;
    };

export async function signIn(
  { db, auth, limiter, mailer, publicUrl }: SignInDeps,
  { input, ip, requestHeaders }: { input: SignInInput; ip: string; requestHeaders: Headers },
): Promise<SignInResult> {
  const identifier = input.identifier.trim().toLowerCase();
  // The account behind what was typed (member number or e-mail): both share its lockout bucket, and the
  // audit records who was targeted. Looked up for unknown identifiers too: same work either way.
  const [target] = await db
    .select({ id: user.id, email: user.email })
    .from(user)
    .where(or(eq(user.username, identifier), eq(user.email, identifier)))
    .limit(1);
  const key = accountKey(target?.id, identifier);
  const lockDeps = { db, mailer, publicUrl };
  // Past the hard ceiling: refused whatever the password, before it is checked (and nothing is counted).
  if (await isLocked(lockDeps, key)) {
    await recordAudit(db, {
      action: "auth.sign_in",
      outcome: "denied",
      actorUserId: target?.id ?? null,
      ipAddress: ip,
      details: { reason: "locked" },
    });
    throw new AccountLockedError();
  }
  const attempt = await limiter.begin(ip, key);
  if (attempt.refusedForSeconds > 0) {
    await recordAudit(db, {
      action: "auth.rate_limited",
      outcome: "denied",
      actorUserId: target?.id ?? null,
      ipAddress: ip,
    });
    throw new TooManyAttemptsError(attempt.refusedForSeconds);
  }

  try {
    const body = { password: input.password };
    const result = isEmail(identifier)
      ? await auth.api.signInEmail({
          body: { ...body, email: identifier },
          headers: requestHeaders,
          returnHeaders: true,
        })
      : await auth.api.signInUsername({
          body: { ...body, username: identifier },
          headers: requestHeaders,
          returnHeaders: true,
        });
    await attempt.succeeded();
    if ("twoFactorRedirect" in result.response && result.response.twoFactorRedirect) {
      return { step: "second-factor", headers: result.headers };
    }
    const signedIn = (result.response as { user: { id: string; role?: string } }).user;
    // The device family (never the full user agent): fraud signals compare it with earlier sign-ins.
    await recordAudit(db, {
      action: "auth.sign_in",
      outcome: "success",
      actorUserId: signedIn.id,
      ipAddress: ip,
      details: { device: describeDevice(requestHeaders.get("user-agent")) },
    });
    return {
      step: "signed-in",
      userId: signedIn.id,
      role: signedIn.role === "advisor" ? "advisor" : "member",
      headers: result.headers,
    };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    // A deactivated account counts as a failure too: no sign-in may succeed with it.
    const { ceilingReached } = await attempt.failed();
    if (isDeactivated(error)) await refuseDeactivated(db, identifier, ip);
    // Record who was targeted when the identifier is known; the member can later see failed attempts.
    await recordAudit(db, {
      action: "auth.sign_in",
      outcome: "failure",
      actorUserId: target?.id ?? null,
      ipAddress: ip,
      details: {
        identifierKind: memberNumberPattern.test(identifier)
          ? "member_number"
          : isEmail(identifier)
            ? "email"
            : "username",
      },
    });
    if (ceilingReached) {
      await lockAccount(lockDeps, key, target, ip);
      throw new AccountLockedError();
    }
    throw new AppError("invalid_credentials", invalidCredentialsMessage, 401);
  }
}

async function refuseDeactivated(db: Db, who: string | { userId: string | null }, ip: string): Promise<never> {
  // The identifier typed at the first step, or the login's id at the second (the code step knows no identifier).
  const [target] =
    typeof who === "string"
      ? await db
          .select({ id: user.id, role: user.role })
          .from(user)
          .where(or(eq(user.username, who), eq(user.email, who)))
          .limit(1)
      : who.userId
        ? await db.select({ id: user.id, role: user.role }).from(user).where(eq(user.id, who.userId)).limit(1)
        : [];
  await recordAudit(db, {
    action: "auth.sign_in",
    outcome: "denied",
    actorUserId: target?.id ?? null,
    ipAddress: ip,
    details: { reason: "deactivated" },
  });
  // Only advisors are deactivated by hand; a member's login is closed years after their contract's end.
  throw new AppError(
    "deactivated",
    target?.role === "member" ? formerMemberClosedMessage : accountDeactivatedMessage,
    403,
  );
}

function isEmail(value: string): boolean {
  return value.includes("@");
}

export const invalidCodeMessage =
  "Ce code n'est pas valable. Saisissez le code affiché en ce moment par votre application, ou un code de secours.";

/**
 * Second step of a sign-in with two-factor authentication: a TOTP code (6 digits) or a recovery code.
 * better-auth checks the two-factor cookie set at the first step, allows 5 tries per challenge and locks the
 * account for 15 minutes after 10 failures in a row.
 */
export async function signInSecondFactor(
  { db, auth }: { db: Db; auth: Auth },
  { code, ip, requestHeaders }: { code: string; ip: string; requestHeaders: Headers },
): Promise<Extract<SignInResult, { step: "signed-in" }>> {
  const typed = code.trim();
  const digits = typed.replace(/[\s-]/g, "");
  try {
    const result = /^\d{6}$/.test(digits)
      ? await auth.api.verifyTOTP({
          body: { code: digits, trustDevice: false },
          headers: requestHeaders,
          returnHeaders: true,
        })
      : await auth.api.verifyBackupCode({
          body: { code: typed, trustDevice: false },
          headers: requestHeaders,
          returnHeaders: true,
        });
    const signedIn = result.response.user as { id: string; role?: string };
    if (/^\d{6}$/.test(digits) && !(await claimTotpStep(db, auth, signedIn.id, digits))) {
      // A code already used (or used at this very moment by another sign-in): the session better-auth just
      // opened is ended before anyone receives its cookie.
      const token = sessionTokenSetIn(result.headers);
      if (token) await db.delete(session).where(eq(session.token, token));
      await recordAudit(db, {
        action: "auth.two_factor_sign_in",
        outcome: "failure",
        actorUserId: signedIn.id,
        ipAddress: ip,
        details: { reason: "replay" },
      });
      throw new AppError("totp_replay", totpReplayMessage, 401);
    }
    await recordAudit(db, {
      action: "auth.sign_in",
      outcome: "success",
      actorUserId: signedIn.id,
      ipAddress: ip,
      details: {
        secondFactor: /^\d{6}$/.test(digits) ? "totp" : "recovery_code",
        device: describeDevice(requestHeaders.get("user-agent")),
      },
    });
    return {
      step: "signed-in",
      userId: signedIn.id,
      role: signedIn.role === "advisor" ? "advisor" : "member",
      headers: result.headers,
    };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (isDeactivated(error)) await refuseDeactivated(db, { userId: deactivatedUserId(error) }, ip);
    await recordAudit(db, { action: "auth.two_factor_sign_in", outcome: "failure", ipAddress: ip });
    const reason = (error.body as { code?: string } | undefined)?.code ?? "";
    if (reason === "INVALID_CODE" || reason === "INVALID_BACKUP_CODE")
      throw new AppError("invalid_code", invalidCodeMessage, 401);
    // No pending sign-in (expired after 10 minutes), too many tries, or the account locked for a while.
    throw new AppError(
      "second_factor_expired",
      "Par sécurité, la connexion est à recommencer : saisissez à nouveau votre identifiant et votre mot de passe.",
      401,
    );
  }
}
