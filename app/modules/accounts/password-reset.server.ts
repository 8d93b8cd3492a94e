// "Mot de passe oublié": a single-use, 30-minute link by e-mail; the answer never says whether an account
// exists; using the link ends every session of the account.
import { APIError } from "better-auth/api";
import { eq, or } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import type { Auth } from "./auth.server.ts";
import { refusePassword } from "./password-policy.ts";
import { accountKey, type SignInLimiter } from "./rate-limit.server.ts";
import { user } from "./schema.ts";

/** Sends the link when the identifier (member number or e-mail) is known; does and says the same otherwise. */
export async function requestPasswordReset(
  { db, auth, signInLimiter }: { db: Db; auth: Auth; signInLimiter: SignInLimiter },
  identifier: string,
  ip: string,
): Promise<void> {
  const key = identifier.trim().toLowerCase().slice(0, 254);
  const [account] = await db.select({ id: user.id, email: user.email }).from(user).where(or(eq(user.username, key), eq(user.email, key))).limit(1);
  if (await signInLimiter.consumeResetRequest(ip, accountKey(account?.id, key))) {
    throw new AppError("rate_limited", "Trop de demandes. Par sécurité, réessayez dans quelques minutes.", 429);
  }
  if (!account) return;
  await auth.api.requestPasswordReset({ body: { email: account.email } });
  await recordAudit(db, { action: "auth.password_reset_requested", outcome: "success", actorUserId: account.id, ipAddress: ip });
}

export async function resetPassword(
  { db, auth }: { db: Db; auth: Auth },
  { token, newPassword, confirmPassword }: { token: string; newPassword: string; confirmPassword: string },
  ip: string,
): Promise<void> {
  const refused = await refusePassword(newPassword);
  if (refused) throw new AppError("newPassword", refused, 400);
  if (newPassword !== confirmPassword) throw new AppError("confirmPassword", "Les deux saisies du nouveau mot de passe ne sont pas identiques.", 400);
  try {
    await auth.api.resetPassword({ body: { newPassword, token } });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    throw new AppError("token", "Ce lien n'est plus valable (il sert une seule fois, pendant 30 minutes) : demandez-en un nouveau.", 400);
  }
  await recordAudit(db, { action: "auth.password_reset", outcome: "success", ipAddress: ip });
}
