// Erasure, restriction and objection requests: démarches the member files from "Mes données personnelles"
// and a gestionnaire decides in the back-office (queue "donnees"). Nothing changes when the member asks.
import { isOpenStatus } from "../requests/kinds.ts";
import { detailsOf, type DataRightsDetails } from "../requests/details.ts";
import { and, desc, eq } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { newReference } from "../requests/reference.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { dataRightLabels } from "./rights-form.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { isUniqueViolation } from "../db/errors.ts";

export async function requestDataRight(
  db: Db,
  viewer: MemberViewer,
  input: DataRightsDetails,
  today: string,
  ip: string,
): Promise<string> {
  const alreadyOpen = new AppError(
    "already_open",
    "Une demande de ce type est déjà en cours : vous la suivez dans Mes démarches.",
    409,
  );
  const pending = await listDataRightsRequests(db, viewer);
  if (pending.some((r) => r.details.right === input.right && isOpenStatus(r.status))) throw alreadyOpen;
  const reference = newReference("RGPD", Number(today.slice(0, 4)));
  await inTransaction(db, async (tx) => {
    const [request] = await tx
      .insert(memberRequest)
      .values({
        reference,
        householdId: viewer.householdId,
        kind: "data_rights",
        subject: dataRightLabels[input.right],
        details: { ...input },
      })
      .returning({ id: memberRequest.id });
    await tx.insert(requestEvent).values({ requestId: request!.id, status: "submitted", note: null });
  }).catch((error: unknown) => {
    // A twin post passed the check at the same time and inserted first: the partial unique index
    // member_request_open_data_right_unique refused this one.
    throw isUniqueViolation(error) ? alreadyOpen : error;
  });
  await recordAudit(db, {
    action: "personal_data.request",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { reference, right: input.right },
  });
  return reference;
}

export async function listDataRightsRequests(db: Db, viewer: MemberViewer) {
  const rows = await db
    .select({
      id: memberRequest.id,
      reference: memberRequest.reference,
      status: memberRequest.status,
      details: memberRequest.details,
      decisionReason: memberRequest.decisionReason,
      createdAt: memberRequest.createdAt,
    })
    .from(memberRequest)
    .where(and(eq(memberRequest.householdId, viewer.householdId), eq(memberRequest.kind, "data_rights")))
    .orderBy(desc(memberRequest.createdAt))
    .limit(50);
  return rows.map((r) => ({ ...r, details: detailsOf("data_rights", r.details) }));
}
