// The member's coordonnées: postal address and phone (changed at once, audited), and the e-mail address,
// which only changes once the new address has proved it receives mail (a link valid 24 hours). The old
// address is told at both steps: it is where the real member reads if someone else is at the controls.
import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, gt, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { household } from "../households/schema.ts";
import type { Mailer, OutgoingMail } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import type { ContactInput } from "./contact-form.ts";
import { emailChange, rateLimit, user } from "./schema.ts";
import type { MemberViewer, Viewer } from "./viewer.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { hashToken } from "../shared/token.server.ts";

const emailLinkLifetimeMs = 24 * 60 * 60 * 1000;

export async function getContactDetails(db: Db, viewer: MemberViewer) {
  const [row] = await db
    .select({
      email: user.email,
      addressLine1: household.addressLine1,
      addressLine2: household.addressLine2,
      postalCode: household.postalCode,
      city: household.city,
      phone: household.phone,
    })
    .from(household)
    .innerJoin(user, eq(user.id, viewer.userId))
    .where(eq(household.id, viewer.householdId));
  if (!row) throw new AppError("not_found", "Contrat introuvable.", 404);
  const [pending] = await db
    .select({ newEmail: emailChange.newEmail, expiresAt: emailChange.expiresAt })
    .from(emailChange)
    .where(
      and(
        eq(emailChange.userId, viewer.userId),
        isNull(emailChange.confirmedAt),
        gt(emailChange.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(emailChange.createdAt))
    .limit(1);
  return { ...row, pendingEmail: pending?.newEmail ?? null };
}

export async function updateContactDetails(
  db: Db,
  viewer: MemberViewer,
  input: ContactInput,
  ip: string,
): Promise<void> {
  await db
    .update(household)
    .set({
      addressLine1: input.addressLine1,
      addressLine2: input.addressLine2 || null,
      postalCode: input.postalCode,
      city: input.city,
      phone: input.phone || null,
    })
    .where(eq(household.id, viewer.householdId));
  await recordAudit(db, {
    action: "account.contact_updated",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
  });
}

/** Confirmation mails an account may have sent in a day: enough for typos, too few to spam anyone with. */
export const emailChangeMailsPerDay = 5;

function emailChangeMailLimiter(db: Db) {
  // In the database like the sign-in limits: every app server counts the same mails.
  return new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimit,
    keyPrefix: "email-change-mail",
    points: emailChangeMailsPerDay,
    duration: 24 * 60 * 60,
    clearExpiredByTimeout: false,
  });
}

/**
 * The same answer, the same pending change and the same mail to the current address whether or not the new
 * address already belongs to another account: saying "taken" would tell anyone which addresses have an
 * account here. When it is taken, its owner gets a mail saying so instead of a link (a link could not be used:
 * confirmEmailChange refuses an address that has become another account's).
 */
export async function requestEmailChange(
  { db, mailer, publicUrl }: { db: Db; mailer: Mailer; publicUrl: string },
  viewer: Viewer,
  newEmail: string,
  ip: string,
): Promise<void> {
  const [account] = await db.select({ email: user.email }).from(user).where(eq(user.id, viewer.userId));
  if (!account) throw new AppError("not_found", "Compte introuvable.", 404);
  if (account.email === newEmail) throw new AppError("email", "C'est déjà votre adresse e-mail.", 400);
  try {
    await emailChangeMailLimiter(db).consume(viewer.userId);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    await recordAudit(db, {
      action: "account.email_change_requested",
      outcome: "denied",
      actorUserId: viewer.userId,
      ipAddress: ip,
      details: { reason: "daily_limit" },
    });
    throw new AppError(
      "email",
      `Vous avez demandé ${emailChangeMailsPerDay} changements d'adresse e-mail en 24 heures : par sécurité, réessayez demain, ou contactez votre mutuelle.`,
      429,
    );
  }
  const [taken] = await db
    .select({ id: user.id })
    .from(user)
    .where(and(eq(user.email, newEmail), ne(user.id, viewer.userId)));

  const token = randomBytes(32).toString("base64url");
  const link: OutgoingMail = taken
    ? {
        to: newEmail,
        subject: "Votre adresse e-mail a été proposée pour un autre espace adhérent",
        text:
          "Bonjour,\n\nQuelqu'un vient de demander que cette adresse devienne celle d'un autre espace adhérent. " +
          "Elle est déjà celle de votre espace : rien n'a changé, et l'autre compte ne pourra pas l'utiliser.\n" +
          "Si c'est vous, depuis le compte d'un proche, choisissez une autre adresse pour ce compte. Sinon, vous n'avez rien à faire.\n\nVotre mutuelle",
      }
    : {
        to: newEmail,
        subject: "Confirmez votre nouvelle adresse e-mail",
        text:
          "Bonjour,\n\nPour que votre espace adhérent utilise désormais cette adresse, ouvrez ce lien (valable 24 heures) :\n" +
          `${publicUrl}/mon-compte/confirmer-email?jeton=${token}\n\n` +
          "Si vous n'avez rien demandé, ignorez ce message : rien ne changera.\n\nVotre mutuelle",
      };
  const alert: OutgoingMail = {
    to: account.email,
    subject: "Changement de l'adresse e-mail de votre espace adhérent",
    text:
      `Bonjour,\n\nUn changement d'adresse e-mail vers ${maskEmail(newEmail)} vient d'être demandé depuis votre espace adhérent. ` +
      "Il prendra effet quand le lien envoyé à la nouvelle adresse aura été ouvert.\n" +
      "Si ce n'est pas vous, changez votre mot de passe et contactez votre mutuelle sans attendre.\n\nVotre mutuelle",
  };
  // The link and the security alert are written with the change (transactional outbox), sent after the commit.
  const mailIds = await inTransaction(db, async (tx) => {
    // One pending change at a time: an older link stops working.
    await tx.delete(emailChange).where(and(eq(emailChange.userId, viewer.userId), isNull(emailChange.confirmedAt)));
    await tx.insert(emailChange).values({
      id: randomUUID(),
      userId: viewer.userId,
      previousEmail: account.email,
      newEmail,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + emailLinkLifetimeMs),
    });
    return [await mailer.enqueue(tx, link), await mailer.enqueue(tx, alert)];
  });
  await recordAudit(db, {
    action: "account.email_change_requested",
    outcome: "success",
    actorUserId: viewer.userId,
    ipAddress: ip,
  });
  await mailer.deliver(mailIds);
}

/** From the link in the e-mail: no session needed (it may be opened on another device), the token decides. */
export async function confirmEmailChange(
  { db, mailer }: { db: Db; mailer: Mailer },
  token: string,
  ip: string,
): Promise<void> {
  const invalid = new AppError(
    "token",
    "Ce lien n'est plus valable (il sert une fois, pendant 24 heures). Refaites la demande depuis « Mon compte ».",
    400,
  );
  if (!/^[A-Za-z0-9_-]{40,60}$/.test(token)) throw invalid;
  const done = await inTransaction(db, async (tx) => {
    const [change] = await tx
      .update(emailChange)
      .set({ confirmedAt: sql`now()` })
      .where(
        and(
          eq(emailChange.tokenHash, hashToken(token)),
          isNull(emailChange.confirmedAt),
          gt(emailChange.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!change) return null;
    const [taken] = await tx
      .select({ id: user.id })
      .from(user)
      .where(and(eq(user.email, change.newEmail), ne(user.id, change.userId)));
    if (taken) throw new AppError("email", "Cette adresse est entre-temps devenue celle d'un autre compte.", 409);
    await tx
      .update(user)
      .set({ email: change.newEmail, emailVerified: true, updatedAt: sql`now()` })
      .where(eq(user.id, change.userId));
    // The alert to the address being left, written with the change.
    const mailId = await mailer.enqueue(tx, {
      to: change.previousEmail,
      subject: "L'adresse e-mail de votre espace adhérent a changé",
      text:
        `Bonjour,\n\nVotre espace adhérent utilise désormais l'adresse ${maskEmail(change.newEmail)}. Les messages n'arriveront plus ici.\n` +
        "Si ce n'est pas vous, contactez votre mutuelle sans attendre.\n\nVotre mutuelle",
    });
    return { ...change, mailId };
  });
  if (!done) throw invalid;
  await recordAudit(db, {
    action: "account.email_changed",
    outcome: "success",
    actorUserId: done.userId,
    ipAddress: ip,
  });
  await mailer.deliver([done.mailId]);
}

/**
 * Where security alerts go: the current address and any address the account left in the last 30 days. If
 * someone took over the account and changed the e-mail first, the owner's own address still hears of it.
 */
export async function securityAlertRecipients(db: Db, userId: string): Promise<string[]> {
  const [account] = await db.select({ email: user.email }).from(user).where(eq(user.id, userId));
  const recent = await db
    .select({ previousEmail: emailChange.previousEmail })
    .from(emailChange)
    .where(
      and(
        eq(emailChange.userId, userId),
        isNotNull(emailChange.confirmedAt),
        gt(emailChange.confirmedAt, new Date(Date.now() - 30 * 24 * 3600 * 1000)),
      ),
    );
  return [...new Set([account?.email, ...recent.map((r) => r.previousEmail)].filter((e): e is string => Boolean(e)))];
}

export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}•••••@${domain}`;
}
