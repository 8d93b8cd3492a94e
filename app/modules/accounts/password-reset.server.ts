// "Mot de passe oublié": a single-use, 30-minute link by e-mail; the answer never says whether an account
// exists, and neither does the work behind it; using the link ends every session of the account.
//
// Links are better-auth's (a `verification` row "reset-password:<SHA-256 of the token>" holding the user id,
// consumed by auth.api.resetPassword; the token itself is never stored: reset-link.server.ts), but we issue
// them ourselves so that:
//   - an unknown identifier goes through the very same statements as a known one (a decoy link, never sent,
//     stands in for the account), and the mail leaves after the answer, so neither the work nor the time
//     tells them apart;
//   - issuing a link voids every other outstanding link of the account, and so does using one.
import { randomBytes, randomUUID } from "node:crypto";
import { APIError } from "better-auth/api";
import { and, eq, gt, like, ne, or } from "drizzle-orm";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer, OutgoingMail } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { errorSummary, type Logger } from "../shared/logger.server.ts";
import type { Auth } from "./auth.server.ts";
import { refusePassword } from "./password-policy.ts";
import { accountKey, type SignInLimiter } from "./rate-limit.server.ts";
import { user, verification } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { resetLinkIdentifier, resetLinkPrefix } from "./reset-link.server.ts";
import { unlockAfterPasswordReset } from "./account-lock.server.ts";

export const resetLinkLifetimeSeconds = 30 * 60;
const prefix = resetLinkPrefix;
/** Who the decoy link of a request naming no account "belongs" to: no user has this id. */
const noAccount = "no-account";

export function passwordResetMail(publicUrl: string, to: string, token: string): OutgoingMail {
  return {
    to,
    subject: "Réinitialiser le mot de passe de votre espace adhérent",
    text:
      "Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 30 minutes, une seule fois) :\n" +
      `${publicUrl}/mot-de-passe-oublie/nouveau?jeton=${encodeURIComponent(token)}\n\n` +
      "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n\nVotre mutuelle",
  };
}

/** Sends the link when the identifier (member number or e-mail) is known; does and says the same otherwise. */
export async function requestPasswordReset(
  {
    db,
    signInLimiter,
    mailer,
    logger,
    publicUrl,
  }: { db: Db; signInLimiter: SignInLimiter; mailer: Mailer; logger: Logger; publicUrl: string },
  identifier: string,
  ip: string,
): Promise<void> {
  const key = identifier.trim().toLowerCase().slice(0, 254);
  const [account] = await db
    .select({ id: user.id, email: user.email })
    .from(user)
    .where(or(eq(user.username, key), eq(user.email, key)))
    .limit(1);
  if (await signInLimiter.consumeResetRequest(ip, accountKey(account?.id, key))) {
    throw new AppError("rate_limited", "Trop de demandes. Par sécurité, réessayez dans quelques minutes.", 429);
  }
  // From here on, one path for both: the same token, statements and mail; only the delivery differs.
  const token = randomBytes(32).toString("base64url");
  await issueResetLink(db, account?.id ?? noAccount, token);
  await recordAudit(db, {
    action: "auth.password_reset_requested",
    outcome: "success",
    actorUserId: account?.id ?? null,
    ipAddress: ip,
  });
  const mail = passwordResetMail(publicUrl, account?.email ?? "", token);
  if (!account) return;
  // Not awaited: the answer does not wait for delivery (an SMTP round trip would tell a known account from an
  // unknown one). A failed delivery is logged; the member can ask again.
  setImmediate(() => {
    mailer.send(mail).catch((error: unknown) => {
      logger.error({ event: "password_reset_mail_failed", err: errorSummary(error) });
    });
  });
}

/**
 * Stores a new link for `owner` (a user id, or the no-account placeholder), voiding every other link of it.
 * The owner's row is locked first, so two requests at once cannot both leave a link behind.
 */
async function issueResetLink(db: Db, owner: string, token: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.select({ id: user.id }).from(user).where(eq(user.id, owner)).for("update");
    await tx
      .delete(verification)
      .where(and(like(verification.identifier, `${prefix}%`), eq(verification.value, owner)));
    await tx.insert(verification).values({
      id: randomUUID(),
      identifier: resetLinkIdentifier(token),
      value: owner,
      expiresAt: new Date(Date.now() + resetLinkLifetimeSeconds * 1000),
    });
  });
}

export async function resetPassword(
  { db, auth, signInLimiter }: { db: Db; auth: Auth; signInLimiter: SignInLimiter },
  { token, newPassword, confirmPassword }: { token: string; newPassword: string; confirmPassword: string },
  ip: string,
): Promise<void> {
  const refused = await refusePassword(newPassword);
  if (refused) throw new AppError("newPassword", refused, 400);
  if (newPassword !== confirmPassword)
    throw new AppError("confirmPassword", "Les deux saisies du nouveau mot de passe ne sont pas identiques.", 400);
  const invalid = new AppError(
    "token",
    "Ce lien n'est plus valable (il sert une seule fois, pendant 30 minutes) : demandez-en un nouveau.",
    400,
  );
  const identifier = resetLinkIdentifier(token);
  const [link] = await db
    .select({ owner: verification.value })
    .from(verification)
    .where(and(eq(verification.identifier, identifier), gt(verification.expiresAt, new Date())));
  if (!token || !link || link.owner === noAccount) throw invalid;
  // Using a link voids the others first: of two links used at once, neither outlives the other.
  await db
    .delete(verification)
    .where(
      and(
        like(verification.identifier, `${prefix}%`),
        eq(verification.value, link.owner),
        ne(verification.identifier, identifier),
      ),
    );
  try {
    await auth.api.resetPassword({ body: { newPassword, token } });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    throw invalid;
  }
  // And after: a link issued while this one was being used does not outlive the new password.
  await db
    .delete(verification)
    .where(and(like(verification.identifier, `${prefix}%`), eq(verification.value, link.owner)));
  // The owner proved they read the account's mail, as the unlock link does: a lock (hard ceiling) ends.
  await unlockAfterPasswordReset({ db, limiter: signInLimiter }, link.owner);
  await recordAudit(db, { action: "auth.password_reset", outcome: "success", actorUserId: link.owner, ipAddress: ip });
}
