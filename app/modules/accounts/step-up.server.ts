// Step-up, on the server: the proof lives in `step_up`, one row per session, so it ends with the session.
// Password attempts count against the sign-in limits; e-mailed codes are hashed, single-use, five tries.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { APIError } from "better-auth/api";
import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import type { Auth } from "./auth.server.ts";
import { accountKey, type SignInLimiter, TooManyAttemptsError } from "./rate-limit.server.ts";
import { stepUp, user } from "./schema.ts";
import {
  emailCodeLifetimeSeconds,
  isEmailCodeUsable,
  isStepUpFresh,
  stepUpWindowSeconds,
  maxEmailCodeAttempts,
  normaliseCode,
} from "./step-up.ts";
import { claimTotpStep, totpReplayMessage } from "./totp-replay.server.ts";
import type { Viewer } from "./viewer.server.ts";

interface StepUpDeps {
  db: Db;
  auth: Auth;
  signInLimiter: SignInLimiter;
  mailer: Mailer;
}

export interface StepUpState {
  fresh: boolean;
  twoFactorEnabled: boolean;
  /** The password was right and a code went by e-mail: the second screen. */
  awaitingEmailCode: boolean;
  email: string;
}

export async function getStepUpState(db: Db, viewer: Viewer, now = new Date()): Promise<StepUpState> {
  const [row] = await db
    .select({
      email: user.email,
      twoFactorEnabled: user.twoFactorEnabled,
      verifiedAt: stepUp.verifiedAt,
      passwordVerifiedAt: stepUp.passwordVerifiedAt,
      emailCodeExpiresAt: stepUp.emailCodeExpiresAt,
      emailCodeAttempts: stepUp.emailCodeAttempts,
    })
    .from(user)
    .leftJoin(stepUp, eq(stepUp.sessionId, viewer.sessionId))
    .where(eq(user.id, viewer.userId));
  if (!row) throw new AppError("not_found", "Compte introuvable.", 404);
  return {
    fresh: isStepUpFresh(row.verifiedAt, now),
    twoFactorEnabled: row.twoFactorEnabled,
    awaitingEmailCode:
      !row.twoFactorEnabled &&
      isEmailCodeUsable(
        {
          passwordVerifiedAt: row.passwordVerifiedAt,
          emailCodeExpiresAt: row.emailCodeExpiresAt,
          emailCodeAttempts: row.emailCodeAttempts ?? 0,
        },
        now,
      ),
    email: row.email,
  };
}

export class StepUpError extends AppError {
  readonly field: "password" | "code";
  constructor(field: "password" | "code", message: string, status = 400) {
    super("step_up", message, status);
    this.field = field;
  }
}

/**
 * First screen: the password, and the authenticator code when the member has one. Returns "done" when the
 * proof is complete, "code-sent" when a code went by e-mail.
 */
export async function verifyStepUpPassword(
  { db, auth, signInLimiter, mailer }: StepUpDeps,
  viewer: Viewer,
  input: { password: string; code: string },
  { requestHeaders, ip }: { requestHeaders: Headers; ip: string },
): Promise<"done" | "code-sent"> {
  const state = await getStepUpState(db, viewer);
  if (!input.password) throw new StepUpError("password", "Saisissez votre mot de passe.");
  const code = normaliseCode(input.code);
  if (state.twoFactorEnabled && !code)
    throw new StepUpError("code", "Saisissez le code à 6 chiffres de votre application, ou un code de secours.");
  const attempt = await signInLimiter.begin(ip, accountKey(viewer.userId, state.email));
  if (attempt.refusedForSeconds > 0) throw new TooManyAttemptsError(attempt.refusedForSeconds);
  try {
    await auth.api.verifyPassword({ body: { password: input.password }, headers: requestHeaders });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await attempt.failed();
    await recordAudit(db, {
      action: "auth.step_up",
      outcome: "failure",
      actorUserId: viewer.userId,
      ipAddress: ip,
      details: { step: "password" },
    });
    throw new StepUpError("password", "Mot de passe incorrect.");
  }
  const now = new Date();
  if (state.twoFactorEnabled) {
    try {
      if (/^\d{6}$/.test(code)) {
        await auth.api.verifyTOTP({ body: { code }, headers: requestHeaders });
        if (!(await claimTotpStep(db, auth, viewer.userId, code))) {
          await recordAudit(db, {
            action: "auth.step_up",
            outcome: "failure",
            actorUserId: viewer.userId,
            ipAddress: ip,
            details: { step: "totp", reason: "replay" },
          });
          throw new StepUpError("code", totpReplayMessage);
        }
      } else await auth.api.verifyBackupCode({ body: { code: input.code.trim() }, headers: requestHeaders });
    } catch (error) {
      if (!(error instanceof APIError)) throw error;
      // A wrong code counts like a wrong password: with a session, better-auth counts no failure itself.
      await attempt.failed();
      await recordAudit(db, {
        action: "auth.step_up",
        outcome: "failure",
        actorUserId: viewer.userId,
        ipAddress: ip,
        details: { step: "totp" },
      });
      throw new StepUpError(
        "code",
        "Ce code n'est pas valable. Saisissez le code affiché en ce moment par votre application.",
      );
    }
    // Only now is the proof complete: clearing the counters after the password alone would let a code be
    // guessed without limit (password, wrong code, password, wrong code…).
    await attempt.succeeded();
    await saveStepUp(db, viewer, {
      verifiedAt: now,
      passwordVerifiedAt: now,
      emailCodeHash: null,
      emailCodeExpiresAt: null,
      emailCodeAttempts: 0,
    });
    await recordAudit(db, {
      action: "auth.step_up",
      outcome: "success",
      actorUserId: viewer.userId,
      ipAddress: ip,
      details: { factor: "totp" },
    });
    return "done";
  }
  // The attempt stays counted until the e-mailed code completes the proof (verifyStepUpEmailCode forgives it):
  // each round of password + code (5 tries a code) uses one of this address's tries on this account, so codes
  // cannot be guessed round after round.
  const emailCode = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await saveStepUp(db, viewer, {
    verifiedAt: null,
    passwordVerifiedAt: now,
    emailCodeHash: hashCode(viewer.sessionId, emailCode),
    emailCodeExpiresAt: new Date(now.getTime() + emailCodeLifetimeSeconds * 1000),
    emailCodeAttempts: 0,
  });
  await mailer.send({
    to: state.email,
    subject: `Votre code de confirmation : ${emailCode}`,
    text:
      `Bonjour,\n\nVotre code de confirmation est : ${emailCode}\n\nIl est valable 10 minutes, une seule fois. ` +
      "Il vous est demandé avant une modification sensible de votre espace adhérent (coordonnées bancaires, e-mail, mot de passe, double authentification).\n" +
      "Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe et contactez votre mutuelle.\n\nVotre mutuelle",
  });
  return "code-sent";
}

/** Second screen for members without an authenticator app: the code from the e-mail. */
export async function verifyStepUpEmailCode(
  { db, signInLimiter }: Pick<StepUpDeps, "db" | "signInLimiter">,
  viewer: Viewer,
  input: { code: string },
  ip: string,
): Promise<void> {
  const [row] = await db.select().from(stepUp).where(eq(stepUp.sessionId, viewer.sessionId));
  const now = new Date();
  if (!row || !isEmailCodeUsable(row, now)) {
    throw new StepUpError(
      "code",
      "Ce code a expiré ou a été trop souvent mal saisi. Recommencez en saisissant votre mot de passe.",
      400,
    );
  }
  const code = normaliseCode(input.code);
  if (!/^\d{6}$/.test(code)) throw new StepUpError("code", "Le code reçu par e-mail compte 6 chiffres.");
  // Count the attempt in the database itself (attempts + 1, only under the limit): parallel guesses each use
  // one of the five tries, whatever they read before.
  const [counted] = await db
    .update(stepUp)
    .set({ emailCodeAttempts: sql`${stepUp.emailCodeAttempts} + 1` })
    .where(
      and(
        eq(stepUp.sessionId, viewer.sessionId),
        lt(stepUp.emailCodeAttempts, maxEmailCodeAttempts),
        isNotNull(stepUp.emailCodeHash),
      ),
    )
    .returning({ attempts: stepUp.emailCodeAttempts });
  const expected = Buffer.from(row.emailCodeHash ?? "", "hex");
  const given = Buffer.from(hashCode(viewer.sessionId, code), "hex");
  if (!counted || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    await recordAudit(db, {
      action: "auth.step_up",
      outcome: "failure",
      actorUserId: viewer.userId,
      ipAddress: ip,
      details: { step: "email_code" },
    });
    throw new StepUpError(
      "code",
      counted
        ? "Ce code n'est pas le bon. Vérifiez le dernier e-mail reçu."
        : "Ce code a expiré ou a été trop souvent mal saisi. Recommencez en saisissant votre mot de passe.",
    );
  }
  // Single use: only the request that clears this very code completes the proof.
  const [spent] = await db
    .update(stepUp)
    .set({ verifiedAt: now, emailCodeHash: null, emailCodeExpiresAt: null, emailCodeAttempts: 0 })
    .where(and(eq(stepUp.sessionId, viewer.sessionId), eq(stepUp.emailCodeHash, row.emailCodeHash!)))
    .returning({ sessionId: stepUp.sessionId });
  if (!spent) throw new StepUpError("code", "Ce code a déjà servi. Recommencez en saisissant votre mot de passe.");
  await signInLimiter.forgive(ip, accountKey(viewer.userId, ""));
  await recordAudit(db, {
    action: "auth.step_up",
    outcome: "success",
    actorUserId: viewer.userId,
    ipAddress: ip,
    details: { factor: "email_code" },
  });
}

export async function hasFreshStepUp(db: Db, viewer: Viewer): Promise<boolean> {
  const [row] = await db
    .select({ verifiedAt: stepUp.verifiedAt })
    .from(stepUp)
    .where(eq(stepUp.sessionId, viewer.sessionId));
  return isStepUpFresh(row?.verifiedAt, new Date());
}

/** When this session's step-up ends (verified + 5 minutes), or null when it is not fresh: shown on the protected form. */
export async function stepUpEndsAt(db: Db, viewer: Viewer): Promise<Date | null> {
  // Real time, as hasFreshStepUp: a security window, not a business date.
  const now = new Date();
  const [row] = await db
    .select({ verifiedAt: stepUp.verifiedAt })
    .from(stepUp)
    .where(eq(stepUp.sessionId, viewer.sessionId));
  if (!isStepUpFresh(row?.verifiedAt, now)) return null;
  return new Date(row!.verifiedAt!.getTime() + stepUpWindowSeconds * 1000);
}

type StepUpRow = Omit<typeof stepUp.$inferInsert, "sessionId">;

async function saveStepUp(db: Db, viewer: Viewer, values: StepUpRow): Promise<void> {
  await db
    .insert(stepUp)
    .values({ sessionId: viewer.sessionId, ...values })
    .onConflictDoUpdate({ target: stepUp.sessionId, set: values });
}

function hashCode(sessionId: string, code: string): string {
  return createHash("sha256").update(`${sessionId}:${code}`).digest("hex");
}
