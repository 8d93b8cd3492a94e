// The back-office queue "Adhésions", read side: the signed adhesions waiting for a gestionnaire, one opened for
// review with its people, IBANs and files, and a file of it. The decisions are in adhesion-review.server.ts.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { decryptIban, type KeyRing } from "../banking/iban-crypto.server.ts";
import type { Db } from "../db/client.server.ts";
import { household } from "../households/schema.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { journeyById, type JourneyView, type Stored } from "./journey.server.ts";
import { journeyIbans } from "./journey-files-bank.server.ts";
import { affiliationFile, affiliationJourney } from "./schema.ts";
import { infectedFilesDeletedFromJourney } from "../storage/quarantine-rescan.server.ts";

import { queued } from "./adhesion-review.server.ts";

/** The adhesions an advisor has to look at (signed ones: a requested document is the prospect's move). */
export async function countSignedAdhesions(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(affiliationJourney)
    .where(eq(affiliationJourney.status, "signed"));
  return row?.n ?? 0;
}

/** The signed adhesions waiting for a decision, or for a document asked for, oldest signature first. */
export async function listSignedAdhesions(db: Db) {
  const rows = await db
    .select({
      id: affiliationJourney.id,
      email: affiliationJourney.email,
      data: affiliationJourney.data,
      signedAt: affiliationJourney.signedAt,
      status: affiliationJourney.status,
    })
    .from(affiliationJourney)
    .where(inArray(affiliationJourney.status, queued))
    .orderBy(asc(affiliationJourney.signedAt))
    .limit(200);
  return rows.map((r) => {
    const data = r.data as Stored;
    return {
      id: r.id,
      email: r.email,
      name: data.identity ? `${data.identity.firstName} ${data.identity.lastName}` : "",
      people: 1 + (data.beneficiaries?.length ?? 0),
      startDate: data.address?.startDate ?? null,
      signedAt: r.signedAt,
      documentRequested: r.status === "document_requested",
    };
  });
}

export type AdhesionReview = JourneyView & {
  nir: string;
  beneficiaryNirs: (string | null)[];
  debitIban: string | null;
  refundIban: string | null;
  refusalReason: string | null;
  documentRequest: string | null;
  documentRequestedAt: Date | null;
  cancellationSentAt: Date | null;
  /** The former insurer's answer, once recorded. */
  cancellationAnswer: {
    receivedOn: string;
    lastCoveredDay: string | null;
    refusal: string | null;
  } | null;
  memberNumber: string | null;
  /** Files the antivirus found infected after they were kept in quarantine, deleted since: how many, last when. */
  infectedFilesDeleted: { count: number; lastAt: Date | null };
};

/** One adhesion with what the advisor checks in clear (NIRs, IBANs), or null. */
export async function getAdhesionForReview(
  deps: { db: Db; ibanKeys: KeyRing },
  id: string,
): Promise<AdhesionReview | null> {
  const journey = await journeyById(deps, id);
  if (!journey || journey.status === "in_progress") return null;
  const [row] = await deps.db
    .select({
      data: affiliationJourney.data,
      refusalReason: affiliationJourney.refusalReason,
      documentRequest: affiliationJourney.documentRequest,
      documentRequestedAt: affiliationJourney.documentRequestedAt,
      cancellationSentAt: affiliationJourney.cancellationSentAt,
      cancellationAnswerOn: affiliationJourney.cancellationAnswerOn,
      cancellationOldLastDay: affiliationJourney.cancellationOldLastDay,
      cancellationRefusal: affiliationJourney.cancellationRefusal,
      memberNumber: household.memberNumber,
    })
    .from(affiliationJourney)
    .leftJoin(household, eq(household.id, affiliationJourney.householdId))
    .where(eq(affiliationJourney.id, id));
  const data = row!.data as Stored;
  const ibans = await journeyIbans(deps, id);
  return {
    ...journey,
    nir: data.identity ? decryptIban(deps.ibanKeys, data.identity.nirEncrypted, id) : "",
    beneficiaryNirs: (data.beneficiaries ?? []).map((b) =>
      b.nirEncrypted ? decryptIban(deps.ibanKeys, b.nirEncrypted, id) : null,
    ),
    debitIban: ibans?.debit ?? null,
    refundIban: ibans?.refund ?? null,
    refusalReason: row!.refusalReason,
    documentRequest: row!.documentRequest,
    documentRequestedAt: row!.documentRequestedAt,
    cancellationSentAt: row!.cancellationSentAt,
    cancellationAnswer: row!.cancellationAnswerOn
      ? {
          receivedOn: row!.cancellationAnswerOn,
          lastCoveredDay: row!.cancellationOldLastDay,
          refusal: row!.cancellationRefusal,
        }
      : null,
    memberNumber: row!.memberNumber,
    infectedFilesDeleted: await infectedFilesDeletedFromJourney(deps.db, journey.id),
  };
}

/** An attestation file of a signed (or decided) adhesion, for the advisor. */
export async function getAdhesionFile(db: Db, journeyId: string, fileId: string) {
  if (!uuidPattern.test(journeyId) || !uuidPattern.test(fileId)) return null;
  const [file] = await db
    .select({
      storedName: affiliationFile.storedName,
      mimeType: affiliationFile.mimeType,
      originalName: affiliationFile.originalName,
      quarantined: affiliationFile.quarantined,
    })
    .from(affiliationFile)
    .innerJoin(affiliationJourney, eq(affiliationJourney.id, affiliationFile.journeyId))
    .where(
      and(
        eq(affiliationFile.id, fileId),
        eq(affiliationFile.journeyId, journeyId),
        sql`${affiliationJourney.status} <> 'in_progress'`,
      ),
    );
  return file && !file.quarantined ? file : null;
}
