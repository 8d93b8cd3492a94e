// The second administrateur's side of four eyes on advisor accounts: the pending proposals, and approving or
// refusing one. An approval is refused to the proposer, to the advisor it concerns, and to anyone linked with
// the proposer (one brought the other's account in or promoted it: advisor-links.server.ts).
import { randomBytes } from "node:crypto";
import { aliasedTable, and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Auth } from "../accounts/auth.server.ts";
import { user } from "../accounts/schema.ts";
import { createCredentialUser } from "../accounts/users.server.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { areLinked } from "./advisor-links.server.ts";
import { requireAdministrator } from "./advisors.server.ts";
import { advisorProposal } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";

/** Why the viewer may not approve a proposal (the page says so instead of offering the button). */
export type ApprovalBar = "own" | "about_you" | "linked" | "proposer_gone";

const barMessages: Record<ApprovalBar, string> = {
  own: "Vous avez fait cette proposition : un autre administrateur doit l'approuver (principe des quatre yeux).",
  about_you: "Cette proposition vous concerne : un autre administrateur doit l'approuver.",
  linked:
    "Votre compte et celui de l'auteur de la proposition ont été créés ou promus l'un par l'autre : un autre administrateur doit l'approuver (principe des quatre yeux).",
  proposer_gone: "L'auteur de cette proposition n'est plus administrateur actif : elle ne peut plus être approuvée.",
};

export function approvalBarMessage(bar: ApprovalBar): string {
  return barMessages[bar];
}

const proposer = aliasedTable(user, "proposer");
const concerned = aliasedTable(user, "concerned");

export async function listPendingProposals(db: Db, viewer: AdvisorViewer) {
  const rows = await db
    .select({
      id: advisorProposal.id,
      kind: advisorProposal.kind,
      name: advisorProposal.name,
      username: advisorProposal.username,
      email: advisorProposal.email,
      role: advisorProposal.role,
      previousRole: advisorProposal.previousRole,
      advisorId: advisorProposal.advisorId,
      advisorName: concerned.name,
      proposedBy: advisorProposal.proposedBy,
      proposerName: proposer.name,
      proposerRole: proposer.advisorRole,
      proposerDeactivatedAt: proposer.deactivatedAt,
      proposedAt: advisorProposal.proposedAt,
    })
    .from(advisorProposal)
    .leftJoin(proposer, eq(proposer.id, advisorProposal.proposedBy))
    .leftJoin(concerned, eq(concerned.id, advisorProposal.advisorId))
    .where(eq(advisorProposal.status, "pending"))
    .orderBy(asc(advisorProposal.proposedAt));
  return Promise.all(rows.map(async (row) => ({ ...row, bar: await approvalBar(db, viewer, row) })));
}

async function approvalBar(
  db: Db,
  approver: AdvisorViewer,
  p: {
    proposedBy: string | null;
    advisorId: string | null;
    proposerRole: string | null;
    proposerDeactivatedAt: Date | null;
  },
): Promise<ApprovalBar | null> {
  if (p.proposedBy === approver.userId) return "own";
  if (p.advisorId === approver.userId) return "about_you";
  if (!p.proposedBy || p.proposerRole !== "administrateur" || p.proposerDeactivatedAt) return "proposer_gone";
  if (await areLinked(db, approver.userId, p.proposedBy)) return "linked";
  return null;
}

async function loadPending(db: Db, proposalId: string) {
  if (!uuidPattern.test(proposalId)) throw new AppError("not_found", "Proposition introuvable.", 404);
  const [row] = await db
    .select({
      id: advisorProposal.id,
      kind: advisorProposal.kind,
      status: advisorProposal.status,
      name: advisorProposal.name,
      username: advisorProposal.username,
      email: advisorProposal.email,
      role: advisorProposal.role,
      previousRole: advisorProposal.previousRole,
      advisorId: advisorProposal.advisorId,
      proposedBy: advisorProposal.proposedBy,
      proposerRole: proposer.advisorRole,
      proposerDeactivatedAt: proposer.deactivatedAt,
    })
    .from(advisorProposal)
    .leftJoin(proposer, eq(proposer.id, advisorProposal.proposedBy))
    .where(eq(advisorProposal.id, proposalId));
  if (!row) throw new AppError("not_found", "Proposition introuvable.", 404);
  if (row.status !== "pending") throw new AppError("state", "Cette proposition a déjà été traitée.", 409);
  return row;
}

/**
 * Creates the account (and mails its password link), applies the role, or reactivates the administrateur
 * account, in one step with the decision.
 */
export async function approveProposal(
  { db, auth }: { db: Db; auth: Auth },
  admin: AdvisorViewer,
  proposalId: string,
  ip: string,
): Promise<"create" | "role" | "reactivate"> {
  requireAdministrator(admin);
  const p = await loadPending(db, proposalId);
  const bar = await approvalBar(db, admin, p);
  if (bar) {
    await recordAudit(db, {
      action: "backoffice.advisor_proposal_approved",
      outcome: "denied",
      actorUserId: admin.userId,
      ipAddress: ip,
      details: { proposalId: p.id, reason: bar },
    });
    throw new AppError(bar, barMessages[bar], bar === "proposer_gone" ? 409 : 403);
  }
  const advisorId = await inTransaction(db, async (tx) => {
    const [claimed] = await tx
      .update(advisorProposal)
      .set({ status: "approved", decidedBy: admin.userId, decidedAt: sql`now()` })
      .where(and(eq(advisorProposal.id, p.id), eq(advisorProposal.status, "pending")))
      .returning({ id: advisorProposal.id });
    if (!claimed)
      throw new AppError("state", "Cette proposition vient d'être traitée par un autre administrateur.", 409);
    if (p.kind === "create") {
      // A random password nobody knows: the advisor sets their own from the e-mailed link.
      const id = await createCredentialUser(
        tx,
        {
          name: p.name ?? "",
          email: p.email ?? "",
          username: p.username ?? "",
          role: "advisor",
          advisorRole: p.role,
        },
        randomBytes(32).toString("base64url"),
      );
      await tx.update(advisorProposal).set({ advisorId: id }).where(eq(advisorProposal.id, p.id));
      return id;
    }
    if (p.kind === "reactivate") {
      const [back] = await tx
        .update(user)
        .set({ deactivatedAt: null, updatedAt: sql`now()` })
        .where(
          and(
            eq(user.id, p.advisorId ?? ""),
            eq(user.role, "advisor"),
            eq(user.advisorRole, p.role),
            isNotNull(user.deactivatedAt),
          ),
        )
        .returning({ id: user.id });
      if (!back)
        throw new AppError(
          "stale",
          "Ce compte a été réactivé ou a changé de rôle depuis la proposition : refusez-la.",
          409,
        );
      return back.id;
    }
    const [raised] = await tx
      .update(user)
      .set({ advisorRole: p.role, updatedAt: sql`now()` })
      .where(
        and(
          eq(user.id, p.advisorId ?? ""),
          eq(user.role, "advisor"),
          eq(user.advisorRole, p.previousRole ?? "conseiller"),
          isNull(user.deactivatedAt),
        ),
      )
      .returning({ id: user.id });
    if (!raised)
      throw new AppError(
        "stale",
        "Ce conseiller a changé de rôle ou a été désactivé depuis la proposition : refusez-la et proposez à nouveau.",
        409,
      );
    return raised.id;
  }).catch((error: unknown) => {
    if (isUniqueViolation(error))
      throw new AppError(
        "taken",
        "Cet identifiant ou cette adresse e-mail est déjà utilisé par un autre compte : refusez la proposition.",
        409,
      );
    throw error;
  });
  const details = { proposalId: p.id, advisorId, role: p.role, proposedBy: p.proposedBy };
  if (p.kind === "create") {
    await auth.api.requestPasswordReset({ body: { email: p.email ?? "" } });
    await recordAudit(db, {
      action: "backoffice.advisor_created",
      outcome: "success",
      actorUserId: admin.userId,
      ipAddress: ip,
      details,
    });
  } else if (p.kind === "reactivate") {
    await recordAudit(db, {
      action: "backoffice.advisor_reactivated",
      outcome: "success",
      actorUserId: admin.userId,
      ipAddress: ip,
      details,
    });
  } else {
    await recordAudit(db, {
      action: "backoffice.advisor_role_changed",
      outcome: "success",
      actorUserId: admin.userId,
      ipAddress: ip,
      details,
    });
  }
  return p.kind;
}

/** Any administrateur may refuse (the proposer withdraws their own): a refusal changes nothing else. */
export async function refuseProposal(db: Db, admin: AdvisorViewer, proposalId: string, ip: string): Promise<void> {
  requireAdministrator(admin);
  const p = await loadPending(db, proposalId);
  const [done] = await db
    .update(advisorProposal)
    .set({ status: "refused", decidedBy: admin.userId, decidedAt: sql`now()` })
    .where(and(eq(advisorProposal.id, p.id), eq(advisorProposal.status, "pending")))
    .returning({ id: advisorProposal.id });
  if (!done) throw new AppError("state", "Cette proposition vient d'être traitée par un autre administrateur.", 409);
  await recordAudit(db, {
    action: "backoffice.advisor_proposal_refused",
    outcome: "success",
    actorUserId: admin.userId,
    ipAddress: ip,
    details: { proposalId: p.id, kind: p.kind },
  });
}
