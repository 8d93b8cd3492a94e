// A démarche changes status when the mutuelle acts on it: the one path for every decision of the back-office
// (back-office/decisions.server.ts) and for payments. The member sees the
// new step in the timeline and gets an e-mail; the e-mail names the request, not the care (no health data).
import { and, eq, sql } from "drizzle-orm";
import { user } from "../accounts/schema.ts";
import type { Db } from "../db/client.server.ts";
import { person } from "../households/schema.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { notify } from "../notifications/preferences.server.ts";
import { AppError } from "../shared/app-error.ts";
import { formatEuros } from "../shared/format.ts";
import { requestStatusLabels, type RequestStatus } from "./labels.ts";
import { memberRequest, requestEvent } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";

// Which step may follow which: a decision is final, a payment follows an acceptance.
const allowed: Record<RequestStatus, RequestStatus[]> = {
  submitted: ["in_progress", "missing_document", "accepted", "refused", "cancelled"],
  in_progress: ["missing_document", "accepted", "refused", "cancelled"],
  missing_document: ["in_progress", "accepted", "refused"],
  accepted: ["paid"],
  refused: [],
  paid: [],
  cancelled: [],
};

export interface StatusChange {
  requestId: string;
  status: RequestStatus;
  /**
   * Shown to the member: the reason of a refusal, the document asked for… A function is run first in the
   * decision's transaction: a note built from rows the effect then changes (read locked there).
   */
  note?: string | ((tx: Db) => Promise<string>);
  /** What the mutuelle pays for it (required for "paid", kept with an accepted claim). */
  paidCents?: number;
  /** The advisor taking the decision, recorded as handling it when nobody had taken it. */
  assignTo?: string;
  /** What the decision does besides the status, in the same transaction (a reimbursement line, a new person…). */
  effect?: (tx: Db) => Promise<void>;
}

export async function changeRequestStatus(
  { db, mailer }: { db: Db; mailer: Mailer },
  change: StatusChange,
): Promise<void> {
  const [request] = await db
    .select({
      id: memberRequest.id,
      reference: memberRequest.reference,
      status: memberRequest.status,
      householdId: memberRequest.householdId,
    })
    .from(memberRequest)
    .where(eq(memberRequest.id, change.requestId));
  if (!request) throw new AppError("not_found", "Demande introuvable.", 404);
  if (!allowed[request.status].includes(change.status)) {
    throw new AppError(
      "bad_transition",
      `Une demande « ${requestStatusLabels[request.status]} » ne peut pas passer à « ${requestStatusLabels[change.status]} ».`,
      409,
    );
  }
  if (change.status === "paid" && !(Number.isInteger(change.paidCents) && change.paidCents! > 0)) {
    throw new AppError("paid_amount", "Indiquez le montant payé, en centimes.", 400);
  }
  await inTransaction(db, async (tx) => {
    const note = typeof change.note === "function" ? await change.note(tx) : change.note;
    const updated = await tx
      .update(memberRequest)
      .set({
        status: change.status,
        updatedAt: sql`now()`,
        ...(change.status === "refused" || change.status === "missing_document"
          ? { decisionReason: note ?? null }
          : {}),
        ...(change.paidCents !== undefined ? { paidCents: change.paidCents } : {}),
        ...(change.assignTo ? { assignedTo: sql`coalesce(${memberRequest.assignedTo}, ${change.assignTo})` } : {}),
      })
      // Only from the status read above: a concurrent change makes this one fail instead of overwriting it.
      .where(and(eq(memberRequest.id, request.id), eq(memberRequest.status, request.status)))
      .returning({ id: memberRequest.id });
    if (updated.length === 0) throw new AppError("conflict", "La demande vient de changer : rechargez-la.", 409);
    await tx.insert(requestEvent).values({
      requestId: request.id,
      status: change.status,
      note: change.status === "paid" ? `${formatEuros(change.paidCents!)} versés` : (note ?? null),
    });
    await change.effect?.(tx);
  });
  await tellMemberOfStatus({ db, mailer }, request.householdId, request.reference, change.status);
}

/**
 * The e-mail after a decision: it names the request, never the care (no health data in mail). Sent as the
 * member chose (notifications/preferences): "missing_document", "payment_received" for a payment, else
 * "request_status".
 */
export async function tellMemberOfStatus(
  { db, mailer }: { db: Db; mailer: Mailer },
  householdId: string,
  reference: string,
  status: RequestStatus,
): Promise<void> {
  // To the person the démarche is for when they sign in with their own access (a beneficiary), else to the
  // contract holder; never to the holder for a person who asked for the confidentiality of their care.
  const [concerned] = await db
    .select({ userId: user.id, firstName: person.firstName, confidential: person.careConfidential })
    .from(memberRequest)
    .innerJoin(person, eq(person.id, memberRequest.beneficiaryId))
    .leftJoin(user, eq(user.id, person.userId))
    .where(and(eq(memberRequest.householdId, householdId), eq(memberRequest.reference, reference)));
  const [holder] = await db
    .select({ userId: user.id, firstName: person.firstName })
    .from(person)
    .innerJoin(user, eq(user.id, person.userId))
    .where(and(eq(person.householdId, householdId), eq(person.role, "member")));
  const member =
    concerned?.userId && concerned.firstName
      ? { userId: concerned.userId, firstName: concerned.firstName }
      : concerned?.confidential
        ? null
        : holder;
  if (!member) return;
  const event =
    status === "missing_document" ? "missing_document" : status === "paid" ? "payment_received" : "request_status";
  await notify({ db, mailer }, { userId: member.userId }, event, {
    mail: {
      subject: `Votre demande ${reference} : ${requestStatusLabels[status]}`,
      text:
        `Bonjour ${member.firstName},\n\nVotre demande ${reference} est maintenant « ${requestStatusLabels[status]} ».\n` +
        "Le détail est dans votre espace adhérent, rubrique « Mes démarches ».\n\nVotre mutuelle",
    },
    push: {
      title: `Votre demande ${reference} : ${requestStatusLabels[status]}`,
      body: "Le détail est dans votre espace adhérent.",
      url: "/demandes",
    },
  });
}
