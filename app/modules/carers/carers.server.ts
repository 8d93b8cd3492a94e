// Carers (aidants): a person of the household (the contract holder, or a beneficiary with their own access, for
// themselves) lets someone act in their space with chosen scopes until an end date. The carer signs in with
// their own login (second factor required: guards.server.ts), chooses whose space they act in, and every
// démarche they file is recorded "par X pour le compte de Y" (audit, the démarche's timeline) and mailed to
// the person. Revoking ends the carer's sessions in that space at once; the end date ends the grant by itself.
import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type DelegableScope, isGrantLive, parseDelegableScopes, relationOf } from "../accounts/scopes.ts";
import { refusePassword } from "../accounts/password-policy.ts";
import { session, user } from "../accounts/schema.ts";
import { createCredentialUser } from "../accounts/users.server.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { auditLog } from "../audit/schema.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { addMonths } from "../clock/calendar.ts";
import { person } from "../households/schema.ts";
import type { Logger } from "../shared/logger.server.ts";
import { errorSummary } from "../shared/logger.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { carerGrant, carerSession } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { hashToken } from "../shared/token.server.ts";

export interface CarerDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  env: { CARER_GRANT_MAX_MONTHS: number };
  logger?: Logger;
}

export interface GrantInput {
  name: string;
  email: string;
  scopes: DelegableScope[];
  endsOn: string;
  note?: string | undefined;
}

/**
 * The mail that tells a carer (or a legal representative) they may act in someone's space: a link to create their
 * login when the address has none (`token`), else where to choose the space.
 */
export function carerInvitationMail(
  publicUrl: string,
  g: { to: string; carerName: string; forName: string; endsOn: string; token: string | null; why?: string },
) {
  return {
    to: g.to,
    subject: g.why
      ? `Votre accès à l'espace adhérent de ${g.forName}`
      : `${g.forName} vous donne accès à son espace adhérent`,
    text:
      `Bonjour ${g.carerName},\n\n${g.why ?? `${g.forName} vous permet d'agir pour son compte`} sur son espace adhérent, ` +
      `jusqu'au ${g.endsOn.split("-").reverse().join("/")}.\n\n` +
      (g.token
        ? `Pour créer votre accès personnel, ouvrez ce lien :\n${publicUrl}/aidant/accepter?jeton=${encodeURIComponent(g.token)}\n\n`
        : `Connectez-vous avec votre propre compte, puis choisissez l'espace de ${g.forName} dans « Mon accès ».\n\n`) +
      "Une double authentification vous sera demandée. Si vous n'attendiez pas ce message, ignorez-le.\n\nVotre mutuelle",
  };
}

/** The latest end date a grant made today may have. */
export function latestEndDate(today: string, maxMonths: number): string {
  return addMonths(today, maxMonths);
}

/** Only the person of the space, signed in with their own login, grants or revokes: never a carer. */
function assertOwnSpace(viewer: MemberViewer) {
  if (relationOf(viewer) === "carer" || !viewer.householdId) {
    throw new AppError("not_found", "Page introuvable", 404);
  }
}

export async function grantCarerAccess(deps: CarerDeps, viewer: MemberViewer, input: GrantInput, ip: string) {
  assertOwnSpace(viewer);
  const today = deps.clock.today();
  const scopes = parseDelegableScopes(input.scopes);
  if (scopes.length === 0) throw new AppError("scopes", "Cochez au moins un accès à donner.", 422);
  if (input.endsOn < today) throw new AppError("endsOn", "La date de fin ne peut pas être passée.", 422);
  const latest = latestEndDate(today, deps.env.CARER_GRANT_MAX_MONTHS);
  if (input.endsOn > latest) {
    throw new AppError(
      "endsOn",
      `L'accès peut durer au plus ${deps.env.CARER_GRANT_MAX_MONTHS} mois : choisissez une date de fin jusqu'au ${latest.split("-").reverse().join("/")}.`,
      422,
    );
  }
  const email = input.email.trim().toLowerCase();
  const [existing] = await deps.db.select({ id: user.id, role: user.role }).from(user).where(eq(user.email, email));
  if (existing?.id === viewer.userId) throw new AppError("email", "Indiquez l'adresse de la personne aidante.", 422);
  if (existing?.role === "advisor") throw new AppError("email", "Cette adresse ne peut pas recevoir d'accès.", 422);
  const token = existing ? null : randomBytes(32).toString("base64url");
  const who = `${viewer.firstName} ${viewer.lastName}`;
  const invitation = carerInvitationMail(deps.publicUrl, {
    to: email,
    carerName: input.name.trim(),
    forName: who,
    endsOn: input.endsOn,
    token,
  });
  // The grant, its audit row and its invitation are committed together or not at all (the outbox, issue 19):
  // no grant whose carer was never told, no invitation to a grant that does not exist.
  const mailId = await inTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .insert(carerGrant)
      .values({
        householdId: viewer.householdId,
        grantorPersonId: viewer.personId,
        carerEmail: email,
        carerName: input.name.trim(),
        carerUserId: existing?.id ?? null,
        scopes,
        endsOn: input.endsOn,
        note: input.note?.trim() || null,
        inviteTokenHash: token ? hashToken(token) : null,
        createdByUserId: viewer.userId,
      })
      .returning({ id: carerGrant.id });
    await recordAudit(tx, {
      action: "carer.granted",
      outcome: "success",
      actorUserId: viewer.userId,
      householdId: viewer.householdId,
      ipAddress: ip,
      details: { grantId: row!.id, scopes: scopes.join(","), endsOn: input.endsOn },
    });
    return deps.mailer.enqueue(tx, invitation);
  });
  // Sent at once; if SMTP refuses, the row stays in the outbox and the job runner tries again.
  await deps.mailer.deliver([mailId]);
}

/** The carer opens the link and creates their own login (the members' password policy). */
export async function acceptCarerInvite(
  deps: CarerDeps,
  input: { token: string; password: string; confirmPassword: string },
  ip: string,
): Promise<void> {
  const invalid = new AppError(
    "token",
    "Ce lien n'est plus valable : demandez à la personne aidée un nouvel accès.",
    400,
  );
  if (!input.token) throw invalid;
  const [grant] = await deps.db
    .select()
    .from(carerGrant)
    .where(and(eq(carerGrant.inviteTokenHash, hashToken(input.token)), isNull(carerGrant.carerUserId)));
  if (!grant || !isGrantLive(grant, deps.clock.today())) throw invalid;
  const refused = await refusePassword(input.password);
  if (refused) throw new AppError("password", refused, 400);
  if (input.password !== input.confirmPassword)
    throw new AppError("confirmPassword", "Les deux saisies du mot de passe ne sont pas identiques.", 400);
  const [taken] = await deps.db.select({ id: user.id }).from(user).where(eq(user.email, grant.carerEmail));
  if (taken) throw invalid;
  const userId = await inTransaction(deps.db, async (tx) => {
    const id = await createCredentialUser(
      tx,
      { name: grant.carerName, email: grant.carerEmail, role: "member" },
      input.password,
    );
    // Every grant waiting for this address is now this login's.
    await tx
      .update(carerGrant)
      .set({ carerUserId: id, inviteTokenHash: null })
      .where(and(eq(carerGrant.carerEmail, grant.carerEmail), isNull(carerGrant.carerUserId)));
    return id;
  });
  await recordAudit(deps.db, {
    action: "carer.accepted",
    outcome: "success",
    actorUserId: userId,
    householdId: grant.householdId,
    ipAddress: ip,
    details: { grantId: grant.id },
  });
}

/** Revokes at once: the grant ends and every carer session in that space is deleted. */
export async function revokeCarerAccess(db: Db, viewer: MemberViewer, grantId: string, ip: string): Promise<void> {
  assertOwnSpace(viewer);
  if (!uuidPattern.test(grantId)) throw new AppError("not_found", "Accès introuvable.", 404);
  const ended = await inTransaction(db, async (tx) => {
    const rows = await tx
      .update(carerGrant)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(carerGrant.id, grantId),
          eq(carerGrant.grantorPersonId, viewer.personId),
          eq(carerGrant.householdId, viewer.householdId),
          isNull(carerGrant.revokedAt),
          // A legal representative's access follows the judgment: the mutuelle ends it, not the person.
          eq(carerGrant.kind, "carer"),
        ),
      )
      .returning({ id: carerGrant.id });
    if (rows.length === 0) return false;
    await tx
      .delete(session)
      .where(
        inArray(
          session.id,
          tx.select({ id: carerSession.sessionId }).from(carerSession).where(eq(carerSession.grantId, grantId)),
        ),
      );
    return true;
  });
  if (!ended) throw new AppError("not_found", "Accès introuvable.", 404);
  await recordAudit(db, {
    action: "carer.revoked",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { grantId },
  });
}

export interface GrantView {
  id: string;
  carerName: string;
  carerEmail: string;
  scopes: DelegableScope[];
  endsOn: string;
  note: string | null;
  state: "active" | "waiting" | "revoked" | "expired";
  forName: string;
  kind: "carer" | "legal_representative";
  measure: "tutelle" | "curatelle" | null;
}

function stateOf(g: { revokedAt: Date | null; endsOn: string; carerUserId: string | null }, today: string) {
  if (g.revokedAt) return "revoked" as const;
  if (g.endsOn < today) return "expired" as const;
  return g.carerUserId ? ("active" as const) : ("waiting" as const);
}

const grantColumns = {
  id: carerGrant.id,
  carerName: carerGrant.carerName,
  carerEmail: carerGrant.carerEmail,
  carerUserId: carerGrant.carerUserId,
  scopes: carerGrant.scopes,
  endsOn: carerGrant.endsOn,
  note: carerGrant.note,
  revokedAt: carerGrant.revokedAt,
  forName: sql<string>`${person.firstName} || ' ' || ${person.lastName}`,
  kind: carerGrant.kind,
  measure: carerGrant.measure,
};

/** The grants the viewer gave for their own space, newest first (revoked and expired ones too). */
export async function listGrantsGiven(db: Db, viewer: MemberViewer, today: string): Promise<GrantView[]> {
  if (relationOf(viewer) === "carer" || !viewer.householdId) return [];
  const rows = await db
    .select(grantColumns)
    .from(carerGrant)
    .innerJoin(person, eq(person.id, carerGrant.grantorPersonId))
    .where(and(eq(carerGrant.grantorPersonId, viewer.personId), eq(carerGrant.householdId, viewer.householdId)))
    .orderBy(desc(carerGrant.createdAt));
  return rows.map((g) => ({ ...g, scopes: parseDelegableScopes(g.scopes), state: stateOf(g, today) }));
}

/** The spaces the login may act in as a carer, newest first. */
export async function listGrantsHeld(db: Db, userId: string, today: string): Promise<GrantView[]> {
  const rows = await db
    .select(grantColumns)
    .from(carerGrant)
    .innerJoin(person, eq(person.id, carerGrant.grantorPersonId))
    .where(eq(carerGrant.carerUserId, userId))
    .orderBy(desc(carerGrant.createdAt));
  return rows.map((g) => ({ ...g, scopes: parseDelegableScopes(g.scopes), state: stateOf(g, today) }));
}

/** The carer picks whose space this session acts in (a live grant of theirs), or goes back to their own. */
export async function chooseSpace(db: Db, viewer: MemberViewer, grantId: string | null, today: string, ip: string) {
  const userId = viewer.actor?.userId ?? viewer.userId;
  if (grantId === null) {
    await db.delete(carerSession).where(eq(carerSession.sessionId, viewer.sessionId));
    return;
  }
  if (!uuidPattern.test(grantId)) throw new AppError("not_found", "Accès introuvable.", 404);
  const [grant] = await db
    .select()
    .from(carerGrant)
    .where(and(eq(carerGrant.id, grantId), eq(carerGrant.carerUserId, userId)));
  if (!grant || !isGrantLive(grant, today)) throw new AppError("not_found", "Accès introuvable.", 404);
  await db
    .insert(carerSession)
    .values({ sessionId: viewer.sessionId, grantId })
    .onConflictDoUpdate({ target: carerSession.sessionId, set: { grantId } });
  await recordAudit(db, {
    action: "carer.space_chosen",
    outcome: "success",
    actorUserId: userId,
    householdId: grant.householdId,
    ipAddress: ip,
    details: { grantId },
  });
}

/**
 * After a carer filed a démarche: the audit says "par X pour le compte de Y", and the person is told by e-mail.
 * Does nothing for anyone else.
 */
export async function recordCarerAction(
  deps: Pick<CarerDeps, "db" | "mailer" | "logger">,
  viewer: MemberViewer,
  what: { kind: "claim" | "quote" | "message"; reference: string },
  ip: string,
): Promise<void> {
  if (relationOf(viewer) !== "carer" || !viewer.actor) return;
  const forName = `${viewer.firstName} ${viewer.lastName}`;
  const label = `par ${viewer.actor.name} pour le compte de ${forName}`;
  await recordAudit(deps.db, {
    action: "carer.action",
    outcome: "success",
    actorUserId: viewer.actor.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { kind: what.kind, reference: what.reference, grantId: viewer.carerGrantId ?? null, onBehalf: label },
  });
  const [owner] = await deps.db
    .select({ email: user.email })
    .from(person)
    .innerJoin(user, eq(user.id, person.userId))
    .where(eq(person.id, viewer.personId));
  if (!owner) return;
  const kindLabel = { claim: "une demande de remboursement", quote: "un devis", message: "un message" }[what.kind];
  await deps.mailer
    .send({
      to: owner.email,
      subject: "Une démarche a été faite pour votre compte",
      text:
        `Bonjour ${viewer.firstName},\n\n${viewer.actor.name} a envoyé ${kindLabel} (${what.reference}) pour votre compte ` +
        "sur votre espace adhérent.\n\nVous pouvez suivre la démarche dans « Mes démarches » et retirer cet accès à tout " +
        "moment dans « Mon compte », rubrique Aidants.\n\nVotre mutuelle",
    })
    .catch((error: unknown) => deps.logger?.error({ event: "carer_notice_failed", err: errorSummary(error) }));
}

/** What carers did in the viewer's own space, newest first: the access history's « par X pour le compte de Y ». */
export async function listCarerActions(db: Db, viewer: MemberViewer, limit = 20) {
  if (relationOf(viewer) === "carer" || !viewer.householdId) return [];
  const grants = await db
    .select({ id: carerGrant.id })
    .from(carerGrant)
    .where(and(eq(carerGrant.grantorPersonId, viewer.personId), eq(carerGrant.householdId, viewer.householdId)));
  if (grants.length === 0) return [];
  const rows = await db
    .select({ at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.householdId, viewer.householdId),
        eq(auditLog.action, "carer.action"),
        inArray(
          sql`${auditLog.details}->>'grantId'`,
          grants.map((g) => g.id),
        ),
      ),
    )
    .orderBy(desc(auditLog.at))
    .limit(limit);
  const kinds: Record<string, string> = { claim: "Demande de remboursement", quote: "Devis", message: "Message" };
  return rows.map((r) => ({
    at: r.at,
    what: `${kinds[String(r.details?.kind)] ?? "Démarche"} ${r.details?.kind === "message" ? "" : String(r.details?.reference ?? "")}`.trim(),
    by: String(r.details?.onBehalf ?? ""),
  }));
}
