// RIB changes seen from the back-office.
//   - An advisor may enter a member's new RIB (after a phone call): it waits for a SECOND person, a
//     gestionnaire other than the one who entered it (four eyes), before the usual hold and alert. Nor may
//     an advisor approve when one of the two brought the other's account in or promoted it: an administrateur
//     would otherwise create a gestionnaire for an address they control and approve their own RIB with it.
//   - A member's own change, during its hold, can be blocked on suspicion of fraud.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { isUniqueViolation } from "../db/errors.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { areLinked } from "../back-office/advisor-links.server.ts";
import { can } from "../back-office/permissions.ts";
import type { Db } from "../db/client.server.ts";
import { bankAccount, household, person } from "../households/schema.ts";
import { newReference } from "../requests/reference.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { tellMemberOfStatus } from "../requests/status.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import {
  type BankChangeDeps,
  type BankTarget,
  describeTarget,
  newCancelToken,
  bankChangeAlertMails,
  enqueueMails,
} from "./changes.server.ts";
import { encryptIban } from "./iban-crypto.server.ts";
import { maskIban } from "./iban.ts";
import { bankChange } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";

export async function proposeBankChange(
  deps: BankChangeDeps,
  advisor: AdvisorViewer,
  input: { memberNumber: string; target: BankTarget; iban: string; holderName: string; note: string },
  ip: string,
): Promise<string> {
  if (!can(advisor.role, "banking.propose")) throw new AppError("forbidden", "Action non autorisée.", 403);
  const { db } = deps;
  const [home] = await db
    .select({ id: household.id })
    .from(household)
    .where(eq(household.memberNumber, input.memberNumber));
  if (!home) throw new AppError("member", "Aucun adhérent avec ce numéro.", 400);
  const target = await describeTarget(db, { householdId: home.id }, input.target);
  const [open] = await db
    .select({ id: bankChange.id })
    .from(bankChange)
    .where(
      and(
        eq(bankChange.householdId, home.id),
        inArray(bankChange.status, ["pending", "awaiting_approval"]),
        target.personId ? eq(bankChange.personId, target.personId) : isNull(bankChange.personId),
      ),
    );
  if (open)
    throw new AppError(
      "open_change",
      "Un changement de RIB est déjà en cours pour ce compte : traitez-le d'abord.",
      409,
    );
  const reference = newReference("RIB", Number(deps.clock.today().slice(0, 4)));
  const masked = maskIban(input.iban);
  await inTransaction(db, async (tx) => {
    const [account] = await tx
      .insert(bankAccount)
      .values({
        householdId: home.id,
        holderName: input.holderName,
        ibanMasked: masked,
        ibanEncrypted: encryptIban(deps.ibanKeys, input.iban, home.id),
      })
      .returning({ id: bankAccount.id });
    const [request] = await tx
      .insert(memberRequest)
      .values({
        reference,
        householdId: home.id,
        beneficiaryId: target.personId,
        kind: "bank_details",
        subject: `Nouveau RIB pour ${target.label}, saisi par votre mutuelle`,
        status: "submitted",
      })
      .returning({ id: memberRequest.id });
    await tx.insert(requestEvent).values({
      requestId: request!.id,
      status: "submitted",
      note: "Saisi par un conseiller, en attente de validation par un second gestionnaire.",
    });
    await tx.insert(bankChange).values({
      householdId: home.id,
      personId: target.personId,
      newBankAccountId: account!.id,
      previousBankAccountId: target.previousAccountId,
      requestId: request!.id,
      status: "awaiting_approval",
      cancelTokenHash: newCancelToken().hash,
      proposedByAdvisor: advisor.userId,
      advisorNote: input.note,
      effectiveAt: sql`now()`, // replaced at approval by the end of the hold
    });
  });
  await recordAudit(db, {
    action: "backoffice.bank_proposed",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: home.id,
    ipAddress: ip,
    details: { reference, ibanMasked: masked },
  });
  return reference;
}

/** The second person's approval: the hold starts now, and the member is alerted as for their own change. */
export async function approveBankChange(
  deps: BankChangeDeps,
  advisor: AdvisorViewer,
  changeId: string,
  ip: string,
): Promise<void> {
  if (!can(advisor.role, "banking.approve"))
    throw new AppError("forbidden", "Seul un gestionnaire peut approuver un changement de RIB.", 403);
  const { db } = deps;
  const change = await loadChange(db, changeId);
  if (change.status !== "awaiting_approval")
    throw new AppError("state", "Ce changement n'attend pas d'approbation.", 409);
  if (change.proposedByAdvisor === advisor.userId) {
    throw new AppError(
      "four_eyes",
      "Vous avez saisi ce RIB : un autre gestionnaire doit l'approuver (principe des quatre yeux).",
      403,
    );
  }
  if (change.proposedByAdvisor && (await areLinked(db, advisor.userId, change.proposedByAdvisor))) {
    await recordAudit(db, {
      action: "backoffice.bank_approved",
      outcome: "denied",
      actorUserId: advisor.userId,
      householdId: change.householdId,
      ipAddress: ip,
      details: { changeId: change.id, reason: "linked" },
    });
    throw new AppError(
      "four_eyes_linked",
      "Votre compte et celui de la personne qui a saisi ce RIB ont été créés ou promus l'un par l'autre : un autre gestionnaire doit l'approuver (principe des quatre yeux).",
      403,
    );
  }
  const { token, hash } = newCancelToken();
  const requestedAt = deps.clock.now();
  const effectiveAt = new Date(requestedAt.getTime() + deps.bankChangeHoldHours * 3600 * 1000);
  const target = await describeTarget(db, { householdId: change.householdId }, change.personId ?? "contrat");
  const [member] = await db
    .select({ userId: person.userId })
    .from(person)
    .where(and(eq(person.householdId, change.householdId), eq(person.role, "member")));
  const alerts = member?.userId
    ? await bankChangeAlertMails(deps, member.userId, {
        reference: change.reference ?? "",
        label: target.label,
        masked: change.ibanMasked,
        holderName: change.holderName,
        effectiveAt,
        cancelToken: token,
      })
    : [];
  const mailIds = await inTransaction(db, async (tx) => {
    const [moved] = await tx
      .update(bankChange)
      .set({ status: "pending", approvedBy: advisor.userId, effectiveAt, cancelTokenHash: hash, requestedAt })
      .where(and(eq(bankChange.id, change.id), eq(bankChange.status, "awaiting_approval")))
      .returning({ id: bankChange.id });
    if (!moved) throw new AppError("conflict", "Ce changement vient d'être traité par quelqu'un d'autre.", 409);
    if (change.requestId) {
      await tx
        .update(memberRequest)
        .set({ status: "in_progress", updatedAt: sql`now()` })
        .where(eq(memberRequest.id, change.requestId));
      await tx.insert(requestEvent).values({
        requestId: change.requestId,
        status: "in_progress",
        note: "Validé par un second gestionnaire ; délai de sécurité en cours.",
      });
    }
    // The member's alert is written with the approval: committed together, or not at all.
    return enqueueMails(deps.mailer, tx, alerts);
  }).catch((error: unknown) => {
    // The member entered another RIB for the same account meanwhile: one pending change per account.
    if (isUniqueViolation(error))
      throw new AppError(
        "open_change",
        "Un autre changement de RIB est déjà en attente pour ce compte : traitez-le d'abord.",
        409,
      );
    throw error;
  });
  await recordAudit(db, {
    action: "backoffice.bank_approved",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: change.householdId,
    ipAddress: ip,
    details: { changeId: change.id },
  });
  await deps.mailer.deliver(mailIds);
}

/** Suspicion of fraud: the change never takes effect; the member is told the request is refused. */
export async function blockBankChange(
  deps: BankChangeDeps,
  advisor: AdvisorViewer,
  changeId: string,
  note: string,
  ip: string,
): Promise<void> {
  if (!can(advisor.role, "banking.approve"))
    throw new AppError("forbidden", "Seul un gestionnaire peut bloquer un changement de RIB.", 403);
  if (!note.trim()) throw new AppError("note", "Indiquez pourquoi vous bloquez ce changement.", 400);
  const { db } = deps;
  const change = await loadChange(db, changeId);
  await inTransaction(db, async (tx) => {
    const [moved] = await tx
      .update(bankChange)
      .set({ status: "blocked", settledAt: sql`now()`, advisorNote: note.trim() })
      .where(and(eq(bankChange.id, change.id), inArray(bankChange.status, ["pending", "awaiting_approval"])))
      .returning({ id: bankChange.id });
    if (!moved) throw new AppError("state", "Ce changement est déjà appliqué, annulé ou bloqué.", 409);
    if (change.requestId) {
      await tx
        .update(memberRequest)
        .set({
          status: "refused",
          decisionReason: "Changement bloqué par votre mutuelle par sécurité : contactez-la.",
          updatedAt: sql`now()`,
        })
        .where(eq(memberRequest.id, change.requestId));
      await tx.insert(requestEvent).values({
        requestId: change.requestId,
        status: "refused",
        note: "Changement bloqué par votre mutuelle par sécurité : contactez-la.",
      });
    }
  });
  await recordAudit(db, {
    action: "backoffice.bank_blocked",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: change.householdId,
    ipAddress: ip,
    details: { changeId: change.id },
  });
  if (change.reference) await tellMemberOfStatus(deps, change.householdId, change.reference, "refused");
}

async function loadChange(db: Db, changeId: string) {
  if (!uuidPattern.test(changeId)) throw new AppError("not_found", "Changement introuvable.", 404);
  const [change] = await db
    .select({
      id: bankChange.id,
      status: bankChange.status,
      householdId: bankChange.householdId,
      personId: bankChange.personId,
      requestId: bankChange.requestId,
      proposedByAdvisor: bankChange.proposedByAdvisor,
      reference: memberRequest.reference,
      ibanMasked: bankAccount.ibanMasked,
      holderName: bankAccount.holderName,
    })
    .from(bankChange)
    .innerJoin(bankAccount, eq(bankAccount.id, bankChange.newBankAccountId))
    .leftJoin(memberRequest, eq(memberRequest.id, bankChange.requestId))
    .where(eq(bankChange.id, changeId));
  if (!change) throw new AppError("not_found", "Changement introuvable.", 404);
  return change;
}
