// A beneficiary's own access (16 and over): the member invites them, or they ask from the sign-in page and the
// member confirms; either way a single-use link and a code go to the beneficiary's address, and they prove who
// they are with their birth date and that code before choosing a password (the members' policy). Their login
// then opens their own space only (accounts/scopes.ts: their lines, démarches, card; never the contract's).
import { randomBytes, randomInt } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { mayHaveOwnAccess } from "../accounts/scopes.ts";
import { refusePassword } from "../accounts/password-policy.ts";
import { createCredentialUser } from "../accounts/users.server.ts";
import { user } from "../accounts/schema.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import type { Mailer, OutgoingMail } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { household, ownAccessInvite, person } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { hashToken } from "../shared/token.server.ts";
import { clearJobPayload, enqueueJob } from "../jobs/queue.server.ts";

/** How long the link and code stay valid. */
export const inviteLifetimeDays = 7;
/** Wrong codes or birth dates before the invitation is void. */
export const maxAttempts = 5;

export interface Deps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
}

/** The household's beneficiaries with what their own access is: none, asked for, sent, or open. */
export async function listOwnAccess(db: Db, viewer: MemberViewer, today: string) {
  const people = await db
    .select({
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      hasLogin: sql<boolean>`${person.userId} is not null`,
      careConfidential: person.careConfidential,
      coverageEnd: person.coverageEnd,
    })
    .from(person)
    .where(and(eq(person.householdId, viewer.householdId), sql`${person.role} <> 'member'`))
    .orderBy(person.birthDate);
  const invites = await db
    .select({
      id: ownAccessInvite.id,
      personId: ownAccessInvite.personId,
      status: ownAccessInvite.status,
      // Shown to the holder before confirming a request made from the sign-in page: the invitation goes there.
      email: ownAccessInvite.email,
    })
    .from(ownAccessInvite)
    .where(
      and(eq(ownAccessInvite.householdId, viewer.householdId), inArray(ownAccessInvite.status, ["requested", "sent"])),
    );
  return people.map((p) => ({
    ...p,
    eligible: mayHaveOwnAccess(p.birthDate, today) && (!p.coverageEnd || p.coverageEnd >= today),
    pending: invites.find((i) => i.personId === p.id) ?? null,
  }));
}

export async function findBeneficiary(db: Db, householdId: string, personId: string) {
  if (!uuidPattern.test(personId)) return null;
  const [row] = await db
    .select()
    .from(person)
    .where(and(eq(person.id, personId), eq(person.householdId, householdId), sql`${person.role} <> 'member'`));
  return row ?? null;
}

export function assertEligible(
  p: { birthDate: string; userId: string | null; coverageEnd: string | null },
  today: string,
) {
  if (p.userId) throw new AppError("already", "Cette personne a déjà son propre espace.", 409);
  if (!mayHaveOwnAccess(p.birthDate, today))
    throw new AppError("age", "Un espace personnel s'ouvre à partir de 16 ans.", 422);
  if (p.coverageEnd && p.coverageEnd < today)
    throw new AppError("ended", "Cette personne n'est plus couverte par le contrat.", 422);
}

/** Issues the link and code for an invitation row and mails them; the previous pending ones are void. */
export async function sendInvite(
  deps: Deps,
  householdId: string,
  personId: string,
  email: string,
  inviteId?: string,
  alsoMail?: OutgoingMail | null,
) {
  const token = randomBytes(32).toString("base64url");
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(deps.clock.now().getTime() + inviteLifetimeDays * 86_400_000);
  const mail = {
    to: email,
    subject: "Activez votre espace personnel de la mutuelle",
    text:
      "Bonjour,\n\nVotre espace personnel sur l'espace adhérent de votre mutuelle vous attend. Pour l'activer, " +
      `ouvrez ce lien (valable ${inviteLifetimeDays} jours, une seule fois) :\n` +
      `${deps.publicUrl}/activer-mon-espace?jeton=${encodeURIComponent(token)}\n\n` +
      `Vous confirmerez votre identité avec votre date de naissance et ce code : ${code}\n\n` +
      "Si vous n'attendiez pas ce message, ignorez-le.\n\nVotre mutuelle",
  };
  // The previous links voided, the new one stored and its mail written: one transaction (the outbox, issue 19),
  // so a failure leaves the previous invitation as it was and no mail for a link that does not exist.
  const mailIds = await inTransaction(deps.db, async (tx) => {
    await tx
      .update(ownAccessInvite)
      .set({ status: "cancelled" })
      .where(
        and(
          eq(ownAccessInvite.personId, personId),
          inArray(ownAccessInvite.status, ["requested", "sent"]),
          inviteId ? sql`${ownAccessInvite.id} <> ${inviteId}` : undefined,
        ),
      );
    const values = {
      status: "sent" as const,
      tokenHash: hashToken(token),
      codeHash: hashToken(code),
      attempts: 0,
      expiresAt,
    };
    if (inviteId) {
      // A request confirmed once: two confirmations at the same moment (the member, an advisor) send one link.
      const confirmed = await tx
        .update(ownAccessInvite)
        .set(values)
        .where(and(eq(ownAccessInvite.id, inviteId), eq(ownAccessInvite.status, "requested")))
        .returning({ id: ownAccessInvite.id });
      if (confirmed.length === 0) throw new AppError("not_found", "Demande introuvable ou déjà traitée.", 404);
    } else await tx.insert(ownAccessInvite).values({ householdId, personId, email, ...values });
    const ids = [await deps.mailer.enqueue(tx, mail)];
    if (alsoMail) ids.push(await deps.mailer.enqueue(tx, alsoMail));
    return ids;
  });
  // Sent at once; if SMTP refuses, the row stays in the outbox and the job runner tries again.
  await deps.mailer.deliver(mailIds);
}

/** The member invites a beneficiary aged 16+ to their own space. */
export async function inviteBeneficiary(deps: Deps, viewer: MemberViewer, personId: string, email: string) {
  const p = await findBeneficiary(deps.db, viewer.householdId, personId);
  if (!p) throw new AppError("not_found", "Personne introuvable.", 404);
  assertEligible(p, deps.clock.today());
  const address = email.trim().toLowerCase();
  const [taken] = await deps.db.select({ id: user.id }).from(user).where(eq(user.email, address));
  if (taken) throw new AppError("email", "Cette adresse sert déjà à un autre compte : indiquez-en une autre.", 422);
  await sendInvite(deps, viewer.householdId, p.id, address);
  await recordAudit(deps.db, {
    action: "access.own_invited",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    details: { personId: p.id },
  });
}

/** The member (or an advisor) confirms what a beneficiary asked from the sign-in page: the link goes out. */
export async function confirmOwnAccessRequest(deps: Deps, viewer: MemberViewer, inviteId: string) {
  if (!uuidPattern.test(inviteId)) throw new AppError("not_found", "Demande introuvable.", 404);
  const [invite] = await deps.db
    .select()
    .from(ownAccessInvite)
    .where(
      and(
        eq(ownAccessInvite.id, inviteId),
        eq(ownAccessInvite.householdId, viewer.householdId),
        eq(ownAccessInvite.status, "requested"),
      ),
    );
  if (!invite) throw new AppError("not_found", "Demande introuvable.", 404);
  const p = await findBeneficiary(deps.db, viewer.householdId, invite.personId);
  if (!p) throw new AppError("not_found", "Demande introuvable.", 404);
  assertEligible(p, deps.clock.today());
  await sendInvite(deps, viewer.householdId, p.id, invite.email, invite.id);
  await recordAudit(deps.db, {
    action: "access.own_invited",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    details: { personId: p.id, requested: true },
  });
}

/** The job that handles a request made from the sign-in page (app/jobs.server.ts). */
export const ownAccessRequestJob = "own_access.request";

export interface OwnAccessRequestInput {
  memberNumber: string;
  firstName: string;
  birthDate: string;
  email: string;
}

/**
 * "Activer mon espace" from the sign-in page: a beneficiary names the contract and themselves. The answer must not
 * tell whether anything matched (nobody learns who is covered), by its content or by its time: the request does
 * one and the same write whatever was typed (a job on the queue) and nothing else; the lookup, the request row,
 * the member's mail and the audit happen in that job, after the answer (`handleOwnAccessRequest`).
 */
export async function requestOwnAccess(deps: { db: Db }, input: OwnAccessRequestInput, ip: string): Promise<void> {
  await enqueueJob(deps.db, ownAccessRequestJob, { ...input, ip }, { maxAttempts: 3 });
}

/**
 * The job: a match (a beneficiary aged 16+, covered, without a login) becomes a request waiting for the member's
 * (or an advisor's) confirmation, and the member is told; the request row and the member's mail are committed
 * together. The payload (what the visitor typed) is emptied once handled.
 */
export async function handleOwnAccessRequest(
  deps: Deps,
  payload: Record<string, unknown>,
  jobId?: number,
): Promise<{ matched: boolean }> {
  const text = (key: string) => (typeof payload[key] === "string" ? payload[key] : "");
  const input = {
    memberNumber: text("memberNumber"),
    firstName: text("firstName"),
    birthDate: text("birthDate"),
    email: text("email"),
  };
  const ip = text("ip") || null;
  const [p] = await deps.db
    .select({
      id: person.id,
      householdId: person.householdId,
      birthDate: person.birthDate,
      userId: person.userId,
      coverageEnd: person.coverageEnd,
    })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .where(
      and(
        eq(household.memberNumber, input.memberNumber),
        sql`lower(${person.firstName}) = lower(${input.firstName})`,
        eq(person.birthDate, input.birthDate),
        sql`${person.role} <> 'member'`,
      ),
    );
  const today = deps.clock.today();
  const ok = Boolean(
    p && !p.userId && mayHaveOwnAccess(p.birthDate, today) && (!p.coverageEnd || p.coverageEnd >= today),
  );
  const mailIds = await inTransaction(deps.db, async (tx) => {
    const ids: number[] = [];
    if (ok && p) {
      await tx
        .update(ownAccessInvite)
        .set({ status: "cancelled" })
        .where(and(eq(ownAccessInvite.personId, p.id), eq(ownAccessInvite.status, "requested")));
      await tx.insert(ownAccessInvite).values({
        householdId: p.householdId,
        personId: p.id,
        email: input.email.trim().toLowerCase(),
        status: "requested",
      });
      // The member is told, so that they can confirm (never the beneficiary's address, which is not yet proven).
      const [holder] = await tx
        .select({ email: user.email })
        .from(person)
        .innerJoin(user, eq(user.id, person.userId))
        .where(and(eq(person.householdId, p.householdId), eq(person.role, "member")));
      if (holder) {
        ids.push(
          await deps.mailer.enqueue(tx, {
            to: holder.email,
            subject: "Une personne de votre contrat demande son propre espace",
            text:
              "Bonjour,\n\nUne personne couverte par votre contrat a demandé à ouvrir son propre espace adhérent. " +
              `Pour confirmer, ouvrez :\n${deps.publicUrl}/ma-mutuelle/beneficiaires/${p.id}/acces\n\n` +
              "Vous pouvez aussi laisser votre mutuelle la confirmer. Si vous ne reconnaissez pas cette demande, " +
              "ignorez ce message : rien ne s'ouvre sans confirmation.\n\nVotre mutuelle",
          }),
        );
      }
    }
    await recordAudit(tx, {
      action: "access.own_requested",
      outcome: ok ? "success" : "failure",
      householdId: ok && p ? p.householdId : null,
      ipAddress: ip,
    });
    // What the visitor typed is not kept once handled (finished jobs stay a week).
    if (jobId !== undefined) await clearJobPayload(tx, jobId);
    return ids;
  });
  await deps.mailer.deliver(mailIds);
  return { matched: ok };
}

/**
 * The beneficiary opens the link, proves who they are (birth date, code) and chooses a password: their login is
 * created and tied to their person. Wrong answers count; after `maxAttempts` the link is void.
 */
export async function activateOwnAccess(
  deps: Deps,
  input: { token: string; birthDate: string; code: string; password: string; confirmPassword: string },
  ip: string,
): Promise<void> {
  const invalid = new AppError(
    "token",
    "Ce lien n'est plus valable : demandez à l'adhérent du contrat de vous inviter à nouveau.",
    400,
  );
  if (!input.token) throw invalid;
  const [invite] = await deps.db
    .select()
    .from(ownAccessInvite)
    .where(and(eq(ownAccessInvite.tokenHash, hashToken(input.token)), eq(ownAccessInvite.status, "sent")));
  if (!invite || !invite.expiresAt || invite.expiresAt < deps.clock.now() || invite.attempts >= maxAttempts)
    throw invalid;
  const p = await findBeneficiary(deps.db, invite.householdId, invite.personId);
  if (!p) throw invalid;
  if (p.birthDate !== input.birthDate || invite.codeHash !== hashToken(input.code.trim())) {
    await deps.db
      .update(ownAccessInvite)
      .set({ attempts: sql`${ownAccessInvite.attempts} + 1` })
      .where(eq(ownAccessInvite.id, invite.id));
    throw new AppError("code", "La date de naissance ou le code ne correspond pas. Vérifiez votre saisie.", 422);
  }
  const refused = await refusePassword(input.password);
  if (refused) throw new AppError("password", refused, 400);
  if (input.password !== input.confirmPassword)
    throw new AppError("confirmPassword", "Les deux saisies du mot de passe ne sont pas identiques.", 400);
  assertEligible(p, deps.clock.today());
  const [taken] = await deps.db.select({ id: user.id }).from(user).where(eq(user.email, invite.email));
  if (taken)
    throw new AppError("token", "Cette adresse sert déjà à un autre compte : demandez une nouvelle invitation.", 409);
  const userId = await inTransaction(deps.db, async (tx) => {
    const used = await tx
      .update(ownAccessInvite)
      .set({ status: "used" })
      .where(and(eq(ownAccessInvite.id, invite.id), eq(ownAccessInvite.status, "sent")))
      .returning({ id: ownAccessInvite.id });
    if (used.length === 0) throw invalid;
    const id = await createCredentialUser(
      tx,
      { name: `${p.firstName} ${p.lastName}`, email: invite.email, role: "member" },
      input.password,
    );
    const tied = await tx
      .update(person)
      .set({ userId: id })
      .where(and(eq(person.id, p.id), isNull(person.userId)))
      .returning({ id: person.id });
    if (tied.length === 0) throw new AppError("already", "Cette personne a déjà son propre espace.", 409);
    return id;
  });
  await recordAudit(deps.db, {
    action: "access.own_activated",
    outcome: "success",
    actorUserId: userId,
    householdId: invite.householdId,
    ipAddress: ip,
  });
}
