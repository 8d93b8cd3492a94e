// A decided erasure (GDPR art. 17): removes or anonymises what the mutuelle is not bound to keep, in the
// decision's transaction; the files go after the commit (a crash in between leaves files without rows, which
// the orphan sweeps remove). What stays — contract, people, reimbursements, démarches and their documents,
// bank details, advisor accesses — is what the law makes the mutuelle keep (see the retention in the brand
// file and docs/personal-data.md); the member reads both lists before asking.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { auditLog } from "../audit/schema.ts";
import { claimDraft } from "../claims/schema.ts";
import { requestFile } from "../requests/schema.ts";
import type { Db } from "../db/client.server.ts";
import { household, person } from "../households/schema.ts";
import { message, messageFile, messageThread } from "../messaging/schema.ts";
import { deleteHouseholdExports } from "./export.server.ts";
import type { ObjectStorage } from "../storage/storage.server.ts";
import { deleteFiles, type StoredFileRef } from "./storage.server.ts";

export interface ErasureResult {
  threads: number;
  drafts: number;
  /** Files to delete once the transaction has committed. */
  files: StoredFileRef[];
}

/**
 * Drafts of the holder's space: not those a beneficiary started from their own access (their data, not the
 * holder's to erase).
 */
const holdersDraft = sql`not exists (select 1 from ${person} where ${person.householdId} = ${claimDraft.householdId} and ${person.role} <> 'member' and ${person.userId} = ${claimDraft.createdBy})`;

export async function eraseWhatMayGo(tx: Db, householdId: string): Promise<ErasureResult> {
  const files: StoredFileRef[] = [];
  // The messagerie of the holder's space: threads, their messages and attachments (rows cascade from the
  // thread). A beneficiary's own threads (written from their own access) are theirs and stay.
  const holdersThreads = and(eq(messageThread.householdId, householdId), isNull(messageThread.personId));
  const messageFiles = await tx
    .select({ storedName: messageFile.storedName })
    .from(messageFile)
    .innerJoin(message, eq(message.id, messageFile.messageId))
    .innerJoin(messageThread, eq(messageThread.id, message.threadId))
    .where(and(eq(messageFile.householdId, householdId), holdersThreads));
  files.push(...messageFiles.map((f) => ({ area: "messagerie" as const, storedName: f.storedName })));
  const threads = await tx.delete(messageThread).where(holdersThreads).returning({ id: messageThread.id });
  // Claim drafts never sent, with their files (a sent claim's files are part of the démarche, kept).
  const drafts = tx
    .select({ id: claimDraft.id })
    .from(claimDraft)
    .where(and(eq(claimDraft.householdId, householdId), holdersDraft));
  const draftFiles = await tx
    .delete(requestFile)
    .where(
      and(
        eq(requestFile.householdId, householdId),
        inArray(requestFile.draftId, drafts),
        isNull(requestFile.requestId),
      ),
    )
    .returning({ storedName: requestFile.storedName });
  files.push(...draftFiles.map((f) => ({ area: "demandes" as const, storedName: f.storedName })));
  const deletedDrafts = await tx
    .delete(claimDraft)
    .where(and(eq(claimDraft.householdId, householdId), holdersDraft))
    .returning({ id: claimDraft.id });
  // Archives of "Télécharger mes données".
  files.push(...(await deleteHouseholdExports(tx, householdId)));
  // The optional phone number; the postal address stays (the contract's mail goes there).
  await tx.update(household).set({ phone: null }).where(eq(household.id, householdId));
  // The member's own sign-ins and actions keep their date and outcome, without the IP address.
  const [member] = await tx
    .select({ userId: person.userId })
    .from(person)
    .where(and(eq(person.householdId, householdId), eq(person.role, "member")));
  if (member?.userId) await tx.update(auditLog).set({ ipAddress: null }).where(eq(auditLog.actorUserId, member.userId));
  return { threads: threads.length, drafts: deletedDrafts.length, files };
}

/** After the commit: the files of the rows erased. */
export async function deleteErasedFiles(storage: ObjectStorage, result: ErasureResult): Promise<void> {
  await deleteFiles(storage, result.files);
}
