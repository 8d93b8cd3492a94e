// better-auth owns users, credentials and sessions. We call its server API from our own route actions
// (never its HTTP handler), so every sign-in goes through our validation, rate limits and audit.
import { clientAddressHeader } from "./client-address.ts";
import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { twoFactor as twoFactorPlugin, username } from "better-auth/plugins";
import type { Db } from "../db/client.server.ts";
import type { Logger } from "../shared/logger.server.ts";
import { account, session, twoFactor, user, verification } from "./schema.ts";
import { hashResetIdentifier, resetLinkPrefix } from "./reset-link.server.ts";
import { hashPassword, verifyPassword } from "./passwords.server.ts";

export const sessionPolicy = {
  /** A member idle this long is signed out (the database expiry slides on use). */
  idleSeconds: 30 * 60,
  /** Slide the expiry at most this often, to spare a write on every page. */
  refreshEverySeconds: 60,
  /** However active, a session ends after this long. */
  absoluteSeconds: 12 * 60 * 60,
  /** Advisors see many members' data: shorter sessions (idle and absolute). */
  advisorIdleSeconds: 15 * 60,
  advisorAbsoluteSeconds: 8 * 60 * 60,
} as const;

/** The code better-auth's error carries when a deactivated advisor would get a session. */
export const accountDeactivatedCode = "ACCOUNT_DEACTIVATED";

export interface AuthOptions {
  db: Db;
  logger: Logger;
  secret: string;
  baseURL?: string;
  secureCookies: boolean;
  /** Sends the "mot de passe oublié" e-mail with the single-use token. */
  sendPasswordReset: (email: string, token: string) => Promise<void>;
}

// Shared with two-factor.server.ts, which starts an enrolment after a step-up without the password again.
export const totpIssuer = "Espace adhérent";
export const totpSettings = { digits: 6, period: 30 } as const;
export const backupCodeCount = 10;

export function createAuth({ db, logger, secret, baseURL, secureCookies, sendPasswordReset }: AuthOptions) {
  return betterAuth({
    // Its messages go to our JSON logs, not to the console.
    logger: {
      log: (level, message) => {
        logger[level]({ event: "auth", message });
      },
    },
    appName: "Espace adhérent",
    secret,
    baseURL,
    database: drizzleAdapter(db, { provider: "pg", schema: { user, session, account, verification, twoFactor } }),
    emailAndPassword: {
      enabled: true,
      // Accounts come from the mutuelle's records, never from self sign-up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: verifyPassword },
      // A reset link works once, for 30 minutes, and ends every session of the account.
      sendResetPassword: ({ user: account, token }) => sendPasswordReset(account.email, token),
      resetPasswordTokenExpiresIn: 30 * 60,
      revokeSessionsOnPasswordReset: true,
    },
    // Reset links are stored as the SHA-256 of their token (reset-link.server.ts), by our code and by better-auth's.
    verification: {
      storeIdentifier: { default: "plain", overrides: { [resetLinkPrefix]: { hash: hashResetIdentifier } } },
    },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "member", input: false },
        advisorRole: { type: "string", required: false, input: false },
      },
    },
    // Every session is created here (password, second factor, any future way in): a deactivated account gets
    // none, whatever the step. Its existing sessions were deleted when it was deactivated.
    databaseHooks: {
      session: {
        create: {
          before: async (created) => {
            const [owner] = await db
              .select({ deactivatedAt: user.deactivatedAt })
              .from(user)
              .where(eq(user.id, created.userId));
            // The login's id goes with the error (read by sign-in.server.ts only: better-auth's own routes are not
            // served), so that the refusal at the second step names the right kind of account.
            if (owner?.deactivatedAt)
              throw new APIError("FORBIDDEN", {
                code: accountDeactivatedCode,
                message: "account deactivated",
                userId: created.userId,
              });
          },
        },
      },
    },
    session: {
      expiresIn: sessionPolicy.idleSeconds,
      updateAge: sessionPolicy.refreshEverySeconds,
    },
    // Limits are ours (per IP and per account, stored in the database, shared by every app server).
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      // Set by the server from the address Express resolved (TRUST_PROXY), replacing anything the client sent.
      ipAddress: { ipAddressHeaders: [clientAddressHeader] },
      // `__Host-`: sent only to this exact host over HTTPS (or localhost), path /, no Domain attribute.
      useSecureCookies: false,
      cookiePrefix: secureCookies ? "__Host-espace" : "espace",
      defaultCookieAttributes: { secure: secureCookies, httpOnly: true, sameSite: "lax", path: "/" },
    },
    plugins: [
      username({
        minUsernameLength: 3,
        maxUsernameLength: 64,
        usernameValidator: (value) => /^[a-z0-9._-]+$/i.test(value),
      }),
      // TOTP (any authenticator app) with ten single-use recovery codes. After the password, sign-in stops
      // at /connexion/code until a code is given; no "trusted device" shortcut is offered.
      twoFactorPlugin({
        issuer: totpIssuer,
        totpOptions: totpSettings,
        backupCodeOptions: { amount: backupCodeCount, length: 10 },
        twoFactorCookieMaxAge: 10 * 60,
        accountLockout: { enabled: true, maxFailedAttempts: 10, durationSeconds: 15 * 60 },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
