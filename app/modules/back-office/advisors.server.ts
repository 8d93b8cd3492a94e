// Advisor accounts, managed by administrateurs. Creating an account, or raising a role, is only proposed here:
// a second administrateur approves it (advisor-proposals.server.ts). Lowering a role takes effect at once.
// Every change audited.
import { emailField } from "../forms/fields.ts";
import { and, asc, eq, or, sql } from "drizzle-orm";
import { z } from "zod";
import { user } from "../accounts/schema.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { AppError } from "../shared/app-error.ts";
import { lockActiveAdministrators } from "./advisor-access.server.ts";
import { type AdvisorRole, advisorRoles, can, isRaise } from "./permissions.ts";
import { advisorProposal } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";

export const newAdvisorSchema = z.object({
  name: z.string().trim().min(2, "Saisissez le prénom et le nom.").max(80, "80 caractères au plus."),
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z][a-z0-9._-]{2,40}$/,
      "L'identifiant commence par une lettre : lettres, chiffres, point, tiret (3 à 41 caractères), par exemple prenom.nom.",
    ),
  email: emailField,
  role: z.enum(advisorRoles, { error: "Choisissez un rôle." }),
});

export type NewAdvisor = z.infer<typeof newAdvisorSchema>;

export async function listAdvisors(db: Db) {
  return db
    .select({
      id: user.id,
      name: user.name,
      username: user.username,
      email: user.email,
      role: user.advisorRole,
      twoFactorEnabled: user.twoFactorEnabled,
      deactivatedAt: user.deactivatedAt,
    })
    .from(user)
    .where(eq(user.role, "advisor"))
    .orderBy(asc(user.name));
}

export function requireAdministrator(admin: AdvisorViewer): void {
  if (!can(admin.role, "admin.manage"))
    throw new AppError("forbidden", "Seul un administrateur peut gérer les comptes des conseillers.", 403);
}

const takenMessage =
  "Cet identifiant ou cette adresse e-mail est déjà utilisé, ou attend déjà l'approbation d'un administrateur.";

/** A new account waits for a second administrateur; nothing is created (and nobody is mailed) before that. */
export async function proposeAdvisor(db: Db, admin: AdvisorViewer, input: NewAdvisor, ip: string): Promise<void> {
  requireAdministrator(admin);
  const [taken] = await db
    .select({ id: user.id })
    .from(user)
    .where(or(eq(user.username, input.username), eq(user.email, input.email)));
  if (taken) throw new AppError("taken", takenMessage, 409);
  const [proposal] = await db
    .insert(advisorProposal)
    .values({
      kind: "create",
      name: input.name,
      username: input.username,
      email: input.email,
      role: input.role,
      proposedBy: admin.userId,
    })
    .returning({ id: advisorProposal.id })
    .catch((error: unknown) => {
      // Another administrateur proposed the same login or address a moment ago.
      if (isUniqueViolation(error)) throw new AppError("taken", takenMessage, 409);
      throw error;
    });
  await recordAudit(db, {
    action: "backoffice.advisor_proposed",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details: { proposalId: proposal!.id, kind: "create", role: input.role },
  });
}

/**
 * Lowering a role applies at once ("changed"); raising one becomes a proposal ("proposed"). Never one's own role,
 * and never leaving no active administrateur (two administrateurs lowering each other at the same moment).
 */
export async function changeAdvisorRole(
  db: Db,
  admin: AdvisorViewer,
  advisorId: string,
  role: AdvisorRole,
  ip: string,
): Promise<"changed" | "proposed"> {
  requireAdministrator(admin);
  if (advisorId === admin.userId)
    throw new AppError(
      "self",
      "Vous ne pouvez pas changer votre propre rôle : demandez-le à un autre administrateur.",
      409,
    );
  const [target] = await db
    .select({ role: user.advisorRole, deactivatedAt: user.deactivatedAt })
    .from(user)
    .where(and(eq(user.id, advisorId), eq(user.role, "advisor")));
  if (!target) throw new AppError("not_found", "Conseiller introuvable.", 404);
  const current: AdvisorRole = target.role ?? "conseiller";
  if (current === role) throw new AppError("same_role", "Ce conseiller a déjà ce rôle.", 409);
  if (target.deactivatedAt)
    throw new AppError("deactivated", "Ce compte est désactivé : réactivez-le avant de changer son rôle.", 409);

  if (isRaise(current, role)) {
    const [proposal] = await db
      .insert(advisorProposal)
      .values({ kind: "role", advisorId, role, previousRole: current, proposedBy: admin.userId })
      .returning({ id: advisorProposal.id })
      .catch((error: unknown) => {
        if (isUniqueViolation(error))
          throw new AppError(
            "pending",
            "Un changement de rôle de ce conseiller attend déjà l'approbation d'un administrateur.",
            409,
          );
        throw error;
      });
    await recordAudit(db, {
      action: "backoffice.advisor_proposed",
      outcome: "success",
      actorUserId: admin.userId,
      ipAddress: ip,
      details: { proposalId: proposal!.id, kind: "role", advisorId, role },
    });
    return "proposed";
  }

  await inTransaction(db, async (tx) => {
    const admins = await lockActiveAdministrators(tx);
    if (!admins.includes(admin.userId))
      throw new AppError("forbidden", "Seul un administrateur actif peut changer un rôle.", 403);
    if (current === "administrateur" && admins.filter((id) => id !== advisorId).length === 0) {
      throw new AppError("last_admin", "Il doit rester au moins un administrateur actif.", 409);
    }
    const updated = await tx
      .update(user)
      .set({ advisorRole: role, updatedAt: sql`now()` })
      .where(and(eq(user.id, advisorId), eq(user.role, "advisor"), eq(user.advisorRole, current)))
      .returning({ id: user.id });
    if (updated.length === 0)
      throw new AppError("conflict", "Le rôle de ce conseiller vient d'être modifié : rechargez la page.", 409);
    // A pending promotion of this advisor is moot, and so are the proposals they made as an administrateur.
    await tx
      .update(advisorProposal)
      .set({ status: "cancelled", decidedBy: admin.userId, decidedAt: sql`now()` })
      .where(
        and(
          eq(advisorProposal.status, "pending"),
          or(eq(advisorProposal.advisorId, advisorId), eq(advisorProposal.proposedBy, advisorId)),
        ),
      );
  });
  await recordAudit(db, {
    action: "backoffice.advisor_role_changed",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details: { advisorId, role },
  });
  return "changed";
}
