// A TOTP code is good for its 30-second step (and better-auth accepts one step either side), so the same code
// could open two sessions. After better-auth has accepted a code, we find its step and claim it: one
// conditional UPDATE, "only if later than the last step accepted", so of two concurrent uses only one wins,
// and a code older than one already used is refused too (RFC 6238 §5.2).
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { symmetricDecrypt } from "better-auth/crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import type { Auth } from "./auth.server.ts";
import { twoFactor } from "./schema.ts";

const periodSeconds = 30;

export const totpReplayMessage =
  "Ce code a déjà servi. Par sécurité, attendez le code suivant de votre application (il change toutes les 30 secondes).";

/** The time step a code was generated for: searched from a step ahead down to two behind (time only moves on). */
export async function stepOfCode(secret: string | Uint8Array, code: string, nowMs: number): Promise<number | null> {
  const otp = createOTP(secret, { digits: 6, period: periodSeconds });
  const current = Math.floor(nowMs / 1000 / periodSeconds);
  for (let step = current + 1; step >= current - 2; step--) {
    if ((await otp.hotp(step)) === code) return step;
  }
  return null;
}

/**
 * Records that `code`, just accepted by better-auth for `userId`, has been used. False when its step is not
 * later than the last one accepted (a replay, or a concurrent use that lost): the caller refuses the code.
 */
export async function claimTotpStep(
  db: Db,
  auth: Auth,
  userId: string,
  code: string,
  nowMs = Date.now(),
): Promise<boolean> {
  const [row] = await db.select({ secret: twoFactor.secret }).from(twoFactor).where(eq(twoFactor.userId, userId));
  if (!row) return false;
  const context = await auth.$context;
  const decrypted = await symmetricDecrypt({ key: context.secretConfig, data: row.secret });
  // Secrets imported from another provider are stored as "base32:<secret>" (better-auth's convention).
  const secret = decrypted.startsWith("base32:") ? base32.decode(decrypted.slice(7).toUpperCase()) : decrypted;
  const step = await stepOfCode(secret, code, nowMs);
  if (step === null) return false;
  const claimed = await db
    .update(twoFactor)
    .set({ lastTotpStep: step })
    .where(and(eq(twoFactor.userId, userId), or(isNull(twoFactor.lastTotpStep), lt(twoFactor.lastTotpStep, step))))
    .returning({ id: twoFactor.id });
  return claimed.length > 0;
}
