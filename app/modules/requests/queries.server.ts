import { detailsOf } from "./details.ts";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { prepared } from "../db/prepared.server.ts";
import { person } from "../households/schema.ts";
import { memberRequest, requestEvent, requestFile } from "./schema.ts";

/** The household's démarches, newest first (all of them, or the latest `limit` for the dashboard). */
export async function listRequests(db: Db, viewer: MemberViewer, limit = 500) {
  const name = viewer.onlyPersonId ? "list_requests_person" : "list_requests";
  const statement = prepared(db, name, (d) =>
    d
      .select({
        id: memberRequest.id,
        reference: memberRequest.reference,
        kind: memberRequest.kind,
        careType: memberRequest.careType,
        careDate: memberRequest.careDate,
        subject: memberRequest.subject,
        status: memberRequest.status,
        createdAt: memberRequest.createdAt,
        beneficiaryFirstName: person.firstName,
      })
      .from(memberRequest)
      .leftJoin(person, eq(person.id, memberRequest.beneficiaryId))
      .where(
        and(
          eq(memberRequest.householdId, sql.placeholder("householdId")),
          viewer.onlyPersonId ? eq(memberRequest.beneficiaryId, sql.placeholder("onlyPersonId")) : notConfidential,
        ),
      )
      .orderBy(desc(memberRequest.createdAt), desc(memberRequest.id))
      .limit(sql.placeholder("limit"))
      .prepare(name),
  );
  return statement.execute({ householdId: viewer.householdId, onlyPersonId: viewer.onlyPersonId, limit });
}

/** A beneficiary (or a carer acting for one) follows only the démarches filed for them. */
function onlyPerson(viewer: MemberViewer) {
  return viewer.onlyPersonId ? eq(memberRequest.beneficiaryId, viewer.onlyPersonId) : notConfidential;
}

/** The household's reader never sees the démarches of a person who asked for the confidentiality of their care. */
const notConfidential = sql`not exists (select 1 from person c where c.id = ${memberRequest.beneficiaryId} and c.care_confidential)`;

/** One démarche with its timeline and files, or null when it is not this household's. */
export async function getRequest(db: Db, viewer: MemberViewer, id: string) {
  const [request] = await db
    .select({
      id: memberRequest.id,
      reference: memberRequest.reference,
      kind: memberRequest.kind,
      careType: memberRequest.careType,
      careDate: memberRequest.careDate,
      subject: memberRequest.subject,
      details: memberRequest.details,
      amountCents: memberRequest.amountCents,
      abroad: memberRequest.abroad,
      country: memberRequest.country,
      currency: memberRequest.currency,
      status: memberRequest.status,
      decisionReason: memberRequest.decisionReason,
      paidCents: memberRequest.paidCents,
      createdAt: memberRequest.createdAt,
      beneficiaryFirstName: person.firstName,
      beneficiaryLastName: person.lastName,
    })
    .from(memberRequest)
    .leftJoin(person, eq(person.id, memberRequest.beneficiaryId))
    .where(and(eq(memberRequest.id, id), eq(memberRequest.householdId, viewer.householdId), onlyPerson(viewer)));
  if (!request) return null;
  const [events, files] = await Promise.all([
    db
      .select({ at: requestEvent.at, status: requestEvent.status, note: requestEvent.note })
      .from(requestEvent)
      .where(eq(requestEvent.requestId, id))
      .orderBy(asc(requestEvent.at)),
    db
      .select({
        id: requestFile.id,
        originalName: requestFile.originalName,
        sizeBytes: requestFile.sizeBytes,
        quarantined: requestFile.quarantined,
      })
      .from(requestFile)
      .where(and(eq(requestFile.requestId, id), eq(requestFile.householdId, viewer.householdId)))
      .orderBy(asc(requestFile.createdAt)),
  ]);
  // The member's page reads a devis's lines and answer; other kinds' details are the back-office's.
  const { details, ...common } = request;
  return { ...common, quote: request.kind === "quote" ? detailsOf("quote", details) : null, events, files };
}

/** A file of one of the household's démarches, to download; null for anything else. */
export async function getRequestFile(db: Db, viewer: MemberViewer, requestId: string, fileId: string) {
  const [file] = await db
    .select({
      storedName: requestFile.storedName,
      originalName: requestFile.originalName,
      mimeType: requestFile.mimeType,
    })
    .from(requestFile)
    .innerJoin(memberRequest, eq(memberRequest.id, requestFile.requestId))
    // A quarantined file (not yet scanned) is never served, even to its owner.
    .where(
      and(
        eq(requestFile.id, fileId),
        eq(requestFile.requestId, requestId),
        eq(requestFile.householdId, viewer.householdId),
        eq(memberRequest.householdId, viewer.householdId),
        onlyPerson(viewer),
        eq(requestFile.quarantined, false),
      ),
    );
  return file ?? null;
}

/** Every file the household sent with its démarches (quarantined ones included, marked), newest first. */
export async function listRequestFiles(db: Db, viewer: MemberViewer) {
  return db
    .select({
      id: requestFile.id,
      requestId: memberRequest.id,
      reference: memberRequest.reference,
      originalName: requestFile.originalName,
      quarantined: requestFile.quarantined,
      createdAt: requestFile.createdAt,
    })
    .from(requestFile)
    .innerJoin(memberRequest, eq(memberRequest.id, requestFile.requestId))
    .where(
      and(
        eq(requestFile.householdId, viewer.householdId),
        eq(memberRequest.householdId, viewer.householdId),
        onlyPerson(viewer),
      ),
    )
    .orderBy(desc(requestFile.createdAt))
    .limit(200);
}
