// Changing one's password: the current one is required (that is the re-authentication), attempts count
// against the sign-in limits, every other session is ended, and the member is told by e-mail.
import { APIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import type { Auth } from "./auth.server.ts";
import { refusePassword } from "./password-policy.ts";
import { accountKey, type SignInLimiter, TooManyAttemptsError } from "./rate-limit.server.ts";
import { user } from "./schema.ts";
import type { Viewer } from "./viewer.server.ts";

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export async function changePassword(
  { db, auth, signInLimiter, mailer }: { db: Db; auth: Auth; signInLimiter: SignInLimiter; mailer: Mailer },
  viewer: Viewer,
  input: PasswordChange,
  { requestHeaders, ip }: { requestHeaders: Headers; ip: string },
): Promise<Headers> {
  const fieldErrors: Record<string, string> = {};
  if (!input.currentPassword) fieldErrors.currentPassword = "Saisissez votre mot de passe actuel.";
  const refused = await refusePassword(input.newPassword, viewer.kind);
  if (refused) fieldErrors.newPassword = refused;
  else if (input.newPassword !== input.confirmPassword)
    fieldErrors.confirmPassword = "Les deux saisies du nouveau mot de passe ne sont pas identiques.";
  if (Object.keys(fieldErrors).length > 0) throw new PasswordChangeError(fieldErrors);

  const [account] = await db.select({ email: user.email }).from(user).where(eq(user.id, viewer.userId));
  const attempt = await signInLimiter.begin(ip, accountKey(viewer.userId, account?.email ?? ""));
  if (attempt.refusedForSeconds > 0) throw new TooManyAttemptsError(attempt.refusedForSeconds);
  try {
    const result = await auth.api.changePassword({
      body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
      headers: requestHeaders,
      returnHeaders: true,
    });
    await attempt.succeeded();
    await recordAudit(db, {
      action: "auth.password_changed",
      outcome: "success",
      actorUserId: viewer.userId,
      ipAddress: ip,
    });
    if (account) {
      await mailer.send({
        to: account.email,
        subject: "Votre mot de passe a été modifié",
        text:
          "Bonjour,\n\nLe mot de passe de votre espace adhérent vient d'être modifié, et vos autres appareils ont été déconnectés.\n" +
          "Si ce n'est pas vous, contactez votre mutuelle sans attendre.\n\nVotre mutuelle",
      });
    }
    return result.headers;
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await attempt.failed();
    await recordAudit(db, {
      action: "auth.password_changed",
      outcome: "failure",
      actorUserId: viewer.userId,
      ipAddress: ip,
    });
    throw new PasswordChangeError({ currentPassword: "Le mot de passe actuel est incorrect." });
  }
}

export class PasswordChangeError extends AppError {
  readonly fieldErrors: Record<string, string>;
  constructor(fieldErrors: Record<string, string>) {
    super("password_change", "Le mot de passe n'a pas été modifié : corrigez les champs signalés.", 400);
    this.fieldErrors = fieldErrors;
  }
}
