// The advisors' work queues: one per kind of démarche, open requests oldest first, with who has taken each.
// "Take it" is one conditional update, so two advisors clicking at once cannot both get the same request.
import { and, asc, count, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { user } from "../accounts/schema.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { household, person } from "../households/schema.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { isOpenStatus, openRequestStatuses, type RequestKind } from "../requests/kinds.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { inTransaction } from "../db/transaction.server.ts";

/** URL names of the queues, in French, and the démarche kind each holds. */
export const queues = {
  remboursements: { kind: "claim", label: "Demandes de remboursement" },
  devis: { kind: "quote", label: "Devis" },
  rib: { kind: "bank_details", label: "Changements de coordonnées bancaires" },
  beneficiaires: { kind: "beneficiary", label: "Ajouts et retraits de bénéficiaires" },
  donnees: { kind: "data_rights", label: "Données personnelles (effacement, limitation, opposition)" },
  niveaux: { kind: "level_change", label: "Changements de niveau" },
  resiliations: { kind: "termination", label: "Résiliations" },
  representants: { kind: "legal_representative", label: "Représentants légaux (tutelle, curatelle)" },
} as const satisfies Record<string, { kind: RequestKind; label: string }>;

export type QueueName = keyof typeof queues;

export type AssignmentFilter = "tous" | "non-pris" | "moi";

export async function queueCounts(db: Db): Promise<Record<QueueName, number>> {
  const rows = await db
    .select({ kind: memberRequest.kind, n: count() })
    .from(memberRequest)
    .where(inArray(memberRequest.status, [...openRequestStatuses]))
    .groupBy(memberRequest.kind);
  const byKind = new Map(rows.map((r) => [r.kind, r.n]));
  return Object.fromEntries(Object.entries(queues).map(([name, q]) => [name, byKind.get(q.kind) ?? 0])) as Record<
    QueueName,
    number
  >;
}

export async function listQueue(
  db: Db,
  advisor: AdvisorViewer,
  name: QueueName,
  filter: { assignment: AssignmentFilter; status?: (typeof openRequestStatuses)[number] },
) {
  const assignee = user;
  return db
    .select({
      id: memberRequest.id,
      reference: memberRequest.reference,
      subject: memberRequest.subject,
      careType: memberRequest.careType,
      status: memberRequest.status,
      createdAt: memberRequest.createdAt,
      memberNumber: household.memberNumber,
      beneficiaryFirstName: person.firstName,
      beneficiaryLastName: person.lastName,
      assignedTo: memberRequest.assignedTo,
      assigneeName: assignee.name,
    })
    .from(memberRequest)
    .innerJoin(household, eq(household.id, memberRequest.householdId))
    .leftJoin(person, eq(person.id, memberRequest.beneficiaryId))
    .leftJoin(assignee, eq(assignee.id, memberRequest.assignedTo))
    .where(
      and(
        eq(memberRequest.kind, queues[name].kind),
        filter.status
          ? eq(memberRequest.status, filter.status)
          : inArray(memberRequest.status, [...openRequestStatuses]),
        filter.assignment === "moi"
          ? eq(memberRequest.assignedTo, advisor.userId)
          : filter.assignment === "non-pris"
            ? isNull(memberRequest.assignedTo)
            : undefined,
      ),
    )
    .orderBy(asc(memberRequest.createdAt), asc(memberRequest.id))
    .limit(200);
}

/**
 * Takes a request for oneself. Free → yours; already yours → nothing to do; someone else's → refused with
 * their name. Opening a submitted request also moves it to "En cours" for the member.
 */
export async function takeRequest(db: Db, advisor: AdvisorViewer, requestId: string, ip: string): Promise<void> {
  if (!uuidPattern.test(requestId)) throw new AppError("not_found", "Demande introuvable.", 404);
  const taken = await inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(memberRequest)
      .set({
        assignedTo: advisor.userId,
        assignedAt: sql`now()`,
        status: sql`case when ${memberRequest.status} = 'submitted' then 'in_progress' else ${memberRequest.status} end`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(memberRequest.id, requestId),
          or(isNull(memberRequest.assignedTo), eq(memberRequest.assignedTo, advisor.userId)),
          inArray(memberRequest.status, [...openRequestStatuses]),
        ),
      )
      .returning({ id: memberRequest.id, householdId: memberRequest.householdId, status: memberRequest.status });
    if (!row) return null;
    const [last] = await tx
      .select({ status: requestEvent.status })
      .from(requestEvent)
      .where(eq(requestEvent.requestId, requestId))
      .orderBy(sql`${requestEvent.at} desc, ${requestEvent.id} desc`)
      .limit(1);
    if (last?.status !== row.status)
      await tx
        .insert(requestEvent)
        .values({ requestId, status: row.status, note: "Prise en charge par un conseiller." });
    return row;
  });
  if (!taken) {
    const [other] = await db
      .select({ name: user.name, status: memberRequest.status })
      .from(memberRequest)
      .leftJoin(user, eq(user.id, memberRequest.assignedTo))
      .where(eq(memberRequest.id, requestId));
    if (!other) throw new AppError("not_found", "Demande introuvable.", 404);
    if (!isOpenStatus(other.status)) throw new AppError("closed", "Cette demande est déjà traitée.", 409);
    throw new AppError(
      "taken",
      `Cette demande est déjà prise en charge par ${other.name ?? "un autre conseiller"}.`,
      409,
    );
  }
  await recordAudit(db, {
    action: "backoffice.request_taken",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: taken.householdId,
    ipAddress: ip,
    details: { requestId },
  });
}

/** Decisions are for the advisor who took the request (or anyone, if nobody has). */
export function assertHandler(advisor: AdvisorViewer, assignedTo: string | null, assigneeName: string | null): void {
  if (assignedTo && assignedTo !== advisor.userId) {
    throw new AppError(
      "taken",
      `Cette demande est prise en charge par ${assigneeName ?? "un autre conseiller"} : elle seule ou lui seul peut décider.`,
      409,
    );
  }
}
