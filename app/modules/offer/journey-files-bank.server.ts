// "Adhérer en ligne", the attestation de droits (files through the uploads' pipeline, under adhesion/) and the
// bank details (IBANs encrypted, the mandate reference made once). Each change voids a signing code already sent.
import { and, count, eq, sql } from "drizzle-orm";
import { decryptIban, encryptIban } from "../banking/iban-crypto.server.ts";
import { maskIban } from "../banking/iban.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import type { StoredUpload } from "../claims/attachments.server.ts";
import type { ObjectStorage } from "../storage/index.server.ts";
import { type BankInput, maxAttestationFiles } from "./adhesion-rules.ts";
import { affiliationFile, affiliationJourney } from "./schema.ts";
import { newRum } from "./sepa.ts";
import {
  affiliationKeyPrefix,
  type Stored,
  signedError,
  voidSignCode,
  saveStep,
  storedOf,
  type JourneyView,
  type Deps,
} from "./journey.server.ts";

/** Attestation files checked and stored by the uploads' pipeline: their rows (the caller discards on failure). */
export async function recordAttestation(
  { db }: Pick<Deps, "db">,
  journeyId: string,
  stored: StoredUpload[],
): Promise<void> {
  if (stored.length === 0)
    throw new AppError("no_file", "Choisissez le fichier de votre attestation de droits (PDF, JPEG ou PNG).", 400);
  await inTransaction(db, async (tx) => {
    const [locked] = await tx
      .select({ status: affiliationJourney.status })
      .from(affiliationJourney)
      .where(eq(affiliationJourney.id, journeyId))
      .for("update");
    // Files are added while filling, and once signed when a gestionnaire asked for a document (as many again).
    if (locked?.status !== "in_progress" && locked?.status !== "document_requested") throw signedError();
    const most = locked.status === "in_progress" ? maxAttestationFiles : 2 * maxAttestationFiles;
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(affiliationFile)
      .where(eq(affiliationFile.journeyId, journeyId));
    if (n + stored.length > most)
      throw new AppError("too_many_files", `Vous pouvez joindre ${most} fichiers au plus.`, 400);
    await tx.insert(affiliationFile).values(
      stored.map((s) => ({
        journeyId,
        originalName: s.name.slice(0, 200),
        storedName: s.storedName,
        mimeType: s.mimeType,
        sizeBytes: s.sizeBytes,
        sha256: s.sha256,
        metadataStripped: s.metadataStripped,
        quarantined: s.quarantined,
        activeContent: s.activeContent,
      })),
    );
    await tx
      .update(affiliationJourney)
      .set({ ...voidSignCode, updatedAt: sql`now()` })
      .where(eq(affiliationJourney.id, journeyId));
  });
}

export async function removeAttestation(
  { db, storage }: { db: Db; storage: ObjectStorage },
  journeyId: string,
  fileId: string,
): Promise<void> {
  if (!uuidPattern.test(fileId)) return;
  const removed = await inTransaction(db, async (tx) => {
    const [locked] = await tx
      .select({ status: affiliationJourney.status })
      .from(affiliationJourney)
      .where(eq(affiliationJourney.id, journeyId))
      .for("update");
    if (locked?.status !== "in_progress") throw signedError();
    await tx.update(affiliationJourney).set(voidSignCode).where(eq(affiliationJourney.id, journeyId));
    return tx
      .delete(affiliationFile)
      .where(and(eq(affiliationFile.id, fileId), eq(affiliationFile.journeyId, journeyId)))
      .returning({ storedName: affiliationFile.storedName });
  });
  for (const f of removed) await storage.delete(affiliationKeyPrefix + f.storedName);
}

/** The attestation step is done once at least one file is there. */
export async function attestationDone({ db }: Pick<Deps, "db">, journey: JourneyView): Promise<void> {
  if (journey.files.length === 0)
    throw new AppError(
      "no_file",
      "Joignez votre attestation de droits à l'assurance maladie (PDF, JPEG ou PNG) avant de continuer.",
      400,
    );
  await saveStep(db, journey.id, {}, "banque");
}

/** The IBANs, encrypted; the mandate reference (RUM) is made the first time and kept afterwards. */
export async function saveBank(
  { db, ibanKeys }: Deps,
  journeyId: string,
  bank: BankInput,
  year: number,
): Promise<void> {
  const stored: Stored["bank"] = {
    holderName: bank.holderName,
    debitIbanEncrypted: encryptIban(ibanKeys, bank.debitIban, journeyId),
    debitMasked: maskIban(bank.debitIban),
    refundHolderName: bank.refundHolderName,
    refundIbanEncrypted: bank.refundIban ? encryptIban(ibanKeys, bank.refundIban, journeyId) : null,
    refundMasked: bank.refundIban ? maskIban(bank.refundIban) : null,
  };
  // Changing the IBAN after seeing the mandate means reading the mandate again.
  await saveStep(db, journeyId, { bank: stored, mandateSeen: false }, "mandat");
  await db
    .update(affiliationJourney)
    .set({ mandateRef: sql`coalesce(${affiliationJourney.mandateRef}, ${newRum(year)})` })
    .where(eq(affiliationJourney.id, journeyId));
}

/** The IBANs in clear (the mandate PDF, the acceptance). */
export async function journeyIbans(
  { db, ibanKeys }: Deps,
  journeyId: string,
): Promise<{ debit: string; refund: string | null } | null> {
  const bank = (await storedOf(db, journeyId)).bank;
  if (!bank) return null;
  return {
    debit: decryptIban(ibanKeys, bank.debitIbanEncrypted, journeyId),
    refund: bank.refundIbanEncrypted ? decryptIban(ibanKeys, bank.refundIbanEncrypted, journeyId) : null,
  };
}

export async function mandateSeen({ db }: Pick<Deps, "db">, journeyId: string): Promise<void> {
  await saveStep(db, journeyId, { mandateSeen: true }, "consentements");
}
