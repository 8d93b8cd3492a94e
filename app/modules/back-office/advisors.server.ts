// Advisor accounts, managed by an administrateur: create one (the new advisor chooses a password from an
// e-mailed link, then enrols TOTP at first sign-in), change a role. Every change audited.
import { randomBytes } from "node:crypto";
import { and, asc, eq, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Auth } from "../accounts/auth.server.ts";
import { user } from "../accounts/schema.ts";
import { createCredentialUser } from "../accounts/users.server.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { type AdvisorRole, advisorRoles } from "./permissions.ts";

export const newAdvisorSchema = z.object({
  name: z.string().trim().min(2, "Saisissez le prénom et le nom.").max(80, "80 caractères au plus."),
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9._-]{2,40}$/, "L'identifiant commence par une lettre : lettres, chiffres, point, tiret (3 à 41 caractères), par exemple prenom.nom."),
  email: z.string().trim().toLowerCase().pipe(z.email("Saisissez une adresse e-mail complète.")),
  role: z.enum(advisorRoles, { error: "Choisissez un rôle." }),
});

export type NewAdvisor = z.infer<typeof newAdvisorSchema>;

export async function listAdvisors(db: Db) {
  return db
    .select({ id: user.id, name: user.name, username: user.username, email: user.email, role: user.advisorRole, twoFactorEnabled: user.twoFactorEnabled })
    .from(user)
    .where(eq(user.role, "advisor"))
    .orderBy(asc(user.name));
}

export async function createAdvisor({ db, auth }: { db: Db; auth: Auth }, admin: AdvisorViewer, input: NewAdvisor, ip: string): Promise<void> {
  const [taken] = await db.select({ id: user.id }).from(user).where(or(eq(user.username, input.username), eq(user.email, input.email)));
  if (taken) throw new AppError("taken", "Cet identifiant ou cette adresse e-mail est déjà utilisé.", 409);
  // A random password nobody knows: the advisor sets their own from the e-mailed link.
  const id = await db.transaction((tx) =>
    createCredentialUser(tx as unknown as Db, { name: input.name, email: input.email, username: input.username, role: "advisor", advisorRole: input.role }, randomBytes(32).toString("base64url")),
  );
  await auth.api.requestPasswordReset({ body: { email: input.email } });
  await recordAudit(db, { action: "backoffice.advisor_created", outcome: "success", actorUserId: admin.userId, ipAddress: ip, details: { advisorId: id, role: input.role } });
}

export async function changeAdvisorRole(db: Db, admin: AdvisorViewer, advisorId: string, role: AdvisorRole, ip: string): Promise<void> {
  if (advisorId === admin.userId) throw new AppError("self", "Vous ne pouvez pas changer votre propre rôle : demandez-le à un autre administrateur.", 409);
  const updated = await db
    .update(user)
    .set({ advisorRole: role, updatedAt: sql`now()` })
    .where(and(eq(user.id, advisorId), eq(user.role, "advisor"), ne(user.id, admin.userId)))
    .returning({ id: user.id });
  if (updated.length === 0) throw new AppError("not_found", "Conseiller introuvable.", 404);
  await recordAudit(db, { action: "backoffice.advisor_role_changed", outcome: "success", actorUserId: admin.userId, ipAddress: ip, details: { advisorId, role } });
}
