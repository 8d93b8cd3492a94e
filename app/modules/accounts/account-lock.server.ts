// The hard ceiling of the lockout model (docs/account-security.md, "Hard ceiling"). The sliding buckets of
// rate-limit.server.ts let a member at a clean address in while strangers fail from elsewhere; a guesser with
// many addresses still gets one try per fresh address. Past `accountCeiling` failures on one account within its
// window (50 in 24 hours by default), the account is locked: every sign-in is refused, even with the right
// password, until the owner opens the single-use link mailed to them (24 hours; only its SHA-256 is stored; a
// sign-in attempt after it expired sends a new one), an advisor unlocks it from the member's file, or the owner
// completes "mot de passe oublié".
//
// An identifier naming no account reaches its ceiling exactly like a known one and is locked alike (a row with
// no user, no link, no mail): the same answer, so a lock tells nobody whether an account exists.
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { AdvisorViewer } from "./viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import type { Mailer, OutgoingMail } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { hashToken } from "../shared/token.server.ts";
import { accountKey, type SignInLimiter } from "./rate-limit.server.ts";
import { accountLock, user } from "./schema.ts";

export const unlockLinkLifetimeMs = 24 * 60 * 60 * 1000;

/** Said whether or not the identifier names an account, and whatever the password. */
export const accountLockedMessage =
  "Par sécurité, les connexions à ce compte sont suspendues après de trop nombreuses tentatives. " +
  "Si cet identifiant correspond à un compte, un e-mail contenant un lien de déblocage a été envoyé à son adresse. " +
  "Vous pouvez aussi contacter votre mutuelle.";

export class AccountLockedError extends AppError {
  constructor() {
    super("account_locked", accountLockedMessage, 429);
  }
}

export interface LockDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
}

function unlockMail(publicUrl: string, to: string, token: string): OutgoingMail {
  return {
    to,
    subject: "Alerte sécurité : les connexions à votre espace adhérent sont suspendues",
    text:
      "Bonjour,\n\nDe très nombreuses tentatives de connexion avec un mauvais mot de passe ont visé votre espace " +
      "adhérent. Par sécurité, les connexions à votre compte sont suspendues, même avec le bon mot de passe.\n\n" +
      "Pour retrouver l'accès, ouvrez ce lien (valable 24 heures, une seule fois) :\n" +
      `${publicUrl}/connexion/debloquer?jeton=${encodeURIComponent(token)}\n\n` +
      "Si vous n'êtes pas à l'origine de ces tentatives, changez ensuite votre mot de passe (Mon compte). " +
      "Votre mutuelle peut aussi débloquer votre compte.\n\nVotre mutuelle",
  };
}

/** A fresh link: the token travels in the mail only. */
function newLink(): { token: string; tokenHash: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + unlockLinkLifetimeMs) };
}

/**
 * Before a password is checked: is the account (or the identifier naming none) locked? A locked account whose
 * link has expired gets a new one (claimed by one conditional update, so two attempts at once send one mail).
 */
export async function isLocked({ db, mailer, publicUrl }: LockDeps, key: string): Promise<boolean> {
  const [lock] = await db
    .select({ userId: accountLock.userId, expiresAt: accountLock.unlockExpiresAt, email: user.email })
    .from(accountLock)
    .leftJoin(user, eq(user.id, accountLock.userId))
    .where(eq(accountLock.key, key));
  if (!lock) return false;
  if (lock.userId && lock.email && lock.expiresAt && lock.expiresAt.getTime() <= Date.now()) {
    const link = newLink();
    const mailIds = await inTransaction(db, async (tx) => {
      const renewed = await tx
        .update(accountLock)
        .set({ unlockTokenHash: link.tokenHash, unlockExpiresAt: link.expiresAt })
        .where(and(eq(accountLock.key, key), lte(accountLock.unlockExpiresAt, new Date())))
        .returning({ key: accountLock.key });
      return renewed.length ? [await mailer.enqueue(tx, unlockMail(publicUrl, lock.email!, link.token))] : [];
    });
    await mailer.deliver(mailIds);
  }
  return true;
}

/** The ceiling was just reached: lock (once), mail the owner their link, audit. */
export async function lockAccount(
  { db, mailer, publicUrl }: LockDeps,
  key: string,
  account: { id: string; email: string } | undefined,
  ip: string,
): Promise<void> {
  const link = newLink();
  const mailIds = await inTransaction(db, async (tx) => {
    const inserted = await tx
      .insert(accountLock)
      .values({
        key,
        userId: account?.id ?? null,
        ...(account ? { unlockTokenHash: link.tokenHash, unlockExpiresAt: link.expiresAt } : {}),
      })
      .onConflictDoNothing()
      .returning({ key: accountLock.key });
    if (!inserted.length || !account) return [];
    return [await mailer.enqueue(tx, unlockMail(publicUrl, account.email, link.token))];
  });
  await recordAudit(db, {
    action: "auth.account_locked",
    outcome: "success",
    actorUserId: account?.id ?? null,
    ipAddress: ip,
  });
  await mailer.deliver(mailIds);
}

export const unlockLinkInvalidMessage =
  "Ce lien de déblocage n'est plus valable (il sert une seule fois, pendant 24 heures). Essayez de vous connecter : " +
  "si votre compte est encore suspendu, un nouveau lien vous sera envoyé. Vous pouvez aussi contacter votre mutuelle.";

/** The owner's link: single use, before its expiry. The account's failure counts start again. */
export async function unlockWithToken(
  { db, limiter }: { db: Db; limiter: SignInLimiter },
  token: string,
  ip: string,
): Promise<void> {
  if (!token) throw new AppError("token", unlockLinkInvalidMessage, 400);
  const [unlocked] = await db
    .delete(accountLock)
    .where(
      and(
        eq(accountLock.unlockTokenHash, hashToken(token)),
        isNotNull(accountLock.userId),
        gt(accountLock.unlockExpiresAt, new Date()),
      ),
    )
    .returning({ key: accountLock.key, userId: accountLock.userId });
  if (!unlocked) throw new AppError("token", unlockLinkInvalidMessage, 400);
  await limiter.clearAccount(unlocked.key);
  await recordAudit(db, {
    action: "auth.account_unlocked",
    outcome: "success",
    actorUserId: unlocked.userId,
    ipAddress: ip,
    details: { by: "link" },
  });
}

/**
 * The daily `jobs.purge`: locks of identifiers naming no account, once the ceiling's window has passed since
 * they were set. By then the identifier's failure count has lapsed too, so a guesser still at it is locked again
 * after as many failures, and the page says the same either way (ADR 0019). A real account's lock stays until
 * its owner or an advisor ends it. Compared with the database's clock, which set `locked_at`.
 */
export async function purgeUnknownIdentifierLocks(db: Db, windowSeconds: number): Promise<number> {
  const gone = await db
    .delete(accountLock)
    .where(
      and(
        isNull(accountLock.userId),
        lte(accountLock.lockedAt, sql`now() - make_interval(secs => ${windowSeconds}::int)`),
      ),
    )
    .returning({ key: accountLock.key });
  return gone.length;
}

/** When the account was locked, or null: for the advisor's view of the member's file. */
export async function lockedSince(db: Db, userId: string): Promise<Date | null> {
  const [lock] = await db
    .select({ at: accountLock.lockedAt })
    .from(accountLock)
    .where(eq(accountLock.key, accountKey(userId, "")));
  return lock?.at ?? null;
}

/** An advisor, after checking who is calling: the lock and its link go, the counts start again. */
export async function unlockByAdvisor(
  { db, limiter }: { db: Db; limiter: SignInLimiter },
  advisor: AdvisorViewer,
  userId: string,
  ip: string,
): Promise<boolean> {
  const key = accountKey(userId, "");
  const [unlocked] = await db.delete(accountLock).where(eq(accountLock.key, key)).returning({ key: accountLock.key });
  if (!unlocked) return false;
  await limiter.clearAccount(key);
  await recordAudit(db, {
    action: "auth.account_unlocked",
    outcome: "success",
    actorUserId: advisor.userId,
    ipAddress: ip,
    details: { by: "advisor", userId },
  });
  return true;
}

/** "Mot de passe oublié" completed: the owner proved they read the account's mail, as the unlock link does. */
export async function unlockAfterPasswordReset(
  { db, limiter }: { db: Db; limiter: SignInLimiter },
  userId: string,
): Promise<void> {
  const key = accountKey(userId, "");
  const [unlocked] = await db.delete(accountLock).where(eq(accountLock.key, key)).returning({ key: accountLock.key });
  if (unlocked) await limiter.clearAccount(key);
}
