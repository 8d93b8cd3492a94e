// Adding or removing a covered person is the mutuelle's decision: the member files a démarche (with a
// supporting document for an addition), the back-office validates it. Nothing changes on the contract here.
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { recordUploads, type StoredUpload } from "../claims/attachments.server.ts";
import type { Db } from "../db/client.server.ts";
import { newReference } from "../requests/reference.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { openRequestStatuses } from "../requests/kinds.ts";
import { detailsOf, type BeneficiaryRequestDetails } from "../requests/details.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { relationshipLabels, type Relationship } from "./beneficiary-form.ts";
import { person } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";

export interface BeneficiaryAddition {
  firstName: string;
  lastName: string;
  birthDate: string;
  relationship: Relationship;
  startDate: string;
}

export async function listCoveredPeople(db: Db, viewer: MemberViewer) {
  const people = await db
    .select({
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      role: person.role,
      birthDate: person.birthDate,
      coverageStart: person.coverageStart,
      coverageEnd: person.coverageEnd,
    })
    .from(person)
    .where(eq(person.householdId, viewer.householdId))
    .orderBy(person.birthDate);
  const open = await db
    .select({
      id: memberRequest.id,
      reference: memberRequest.reference,
      status: memberRequest.status,
      details: memberRequest.details,
      createdAt: memberRequest.createdAt,
    })
    .from(memberRequest)
    .where(
      and(
        eq(memberRequest.householdId, viewer.householdId),
        eq(memberRequest.kind, "beneficiary"),
        inArray(memberRequest.status, [...openRequestStatuses]),
      ),
    )
    .orderBy(desc(memberRequest.createdAt));
  return { people, open: open.map((r) => ({ ...r, details: detailsOf("beneficiary", r.details) })) };
}

export async function findRemovablePerson(db: Db, viewer: MemberViewer, personId: string) {
  if (!uuidPattern.test(personId)) return null;
  const [row] = await db
    .select({ id: person.id, firstName: person.firstName, lastName: person.lastName })
    .from(person)
    .where(and(eq(person.id, personId), eq(person.householdId, viewer.householdId), ne(person.role, "member")));
  return row ?? null;
}

/** One transaction: the démarche and its document rows; the caller deletes the stored files if it fails. */
export async function requestBeneficiaryAddition(
  db: Db,
  viewer: MemberViewer,
  input: BeneficiaryAddition,
  stored: StoredUpload[],
  ip: string,
  today: string,
): Promise<string> {
  if (stored.length === 0)
    throw new AppError(
      "no_file",
      "Joignez un justificatif : livret de famille, acte de naissance, attestation de PACS…",
      400,
    );
  // The year the request is sent, as every démarche's reference.
  const reference = newReference("BEN", Number(today.slice(0, 4)));
  const details: BeneficiaryRequestDetails = { action: "add", ...input };
  await inTransaction(db, async (tx) => {
    const [request] = await tx
      .insert(memberRequest)
      .values({
        reference,
        householdId: viewer.householdId,
        kind: "beneficiary",
        subject: `Ajout de ${input.firstName} ${input.lastName} (${relationshipLabels[input.relationship].toLowerCase()})`,
        details,
      })
      .returning({ id: memberRequest.id });
    await tx.insert(requestEvent).values({ requestId: request!.id, status: "submitted", note: null });
    await recordUploads(tx, viewer, { requestId: request!.id }, stored);
  });
  await recordAudit(db, {
    action: "beneficiary.request",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { reference, kind: "add" },
  });
  return reference;
}

export async function requestBeneficiaryRemoval(
  db: Db,
  viewer: MemberViewer,
  personId: string,
  endDate: string,
  ip: string,
  today: string,
): Promise<string> {
  const who = await findRemovablePerson(db, viewer, personId);
  if (!who) throw new AppError("not_found", "Bénéficiaire introuvable.", 404);
  const reference = newReference("BEN", Number(today.slice(0, 4)));
  const details: BeneficiaryRequestDetails = {
    action: "remove",
    personId: who.id,
    firstName: who.firstName,
    lastName: who.lastName,
    endDate,
  };
  await inTransaction(db, async (tx) => {
    const [request] = await tx
      .insert(memberRequest)
      .values({
        reference,
        householdId: viewer.householdId,
        beneficiaryId: who.id,
        kind: "beneficiary",
        subject: `Retrait de ${who.firstName} ${who.lastName}`,
        details,
      })
      .returning({ id: memberRequest.id });
    await tx.insert(requestEvent).values({ requestId: request!.id, status: "submitted", note: null });
  });
  await recordAudit(db, {
    action: "beneficiary.request",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { reference, kind: "remove" },
  });
  return reference;
}
