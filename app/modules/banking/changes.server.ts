// Changing a RIB without letting a stolen login redirect the money quietly:
//   1. the member proves who they are again (step-up, checked by the route);
//   2. the new IBAN is checked, encrypted, and waits out a hold (48 h by default) during which payments keep
//      going to the previous account;
//   3. an alert that no setting can switch off goes to the account's e-mail as it was before any recent
//      change, with a link that cancels without signing in;
//   4. the démarche shows in "Mes démarches"; every step is audited with the masked IBAN only.
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { isUniqueViolation } from "../db/errors.ts";
import { securityAlertRecipients } from "../accounts/contact.server.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { bankAccount, household, person } from "../households/schema.ts";
import type { Mailer, OutgoingMail } from "../mail/mailer.server.ts";
import { newReference } from "../requests/reference.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import type { Logger } from "../shared/logger.server.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import type { Clock } from "../clock/index.ts";
import { applyDueBankChanges } from "./settle.server.ts";
import { encryptIban, type KeyRing } from "./iban-crypto.server.ts";
import { maskIban } from "./iban.ts";
import { bankChange } from "./schema.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { hashToken } from "../shared/token.server.ts";

export interface BankChangeDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  ibanKeys: KeyRing;
  bankChangeHoldHours: number;
  publicUrl: string;
}

/** "contrat" for the contract's account, else a beneficiary's person id (a uuid, so never "contrat"). */
export type BankTarget = string;

const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

/**
 * The bank details the viewer may see: for the contract holder, the contract's account and every beneficiary's;
 * for a beneficiary with their own access (`onlyPersonId`), their own reimbursement account only — never the
 * contract's payment account nor another person's.
 */
export async function getBankDetails(db: Db, clock: Clock, viewer: MemberViewer) {
  await applyDueBankChanges(db, clock.now(), viewer.householdId);
  const own = viewer.onlyPersonId ?? null;
  const [contract] = own
    ? []
    : await db
        .select({ holderName: bankAccount.holderName, ibanMasked: bankAccount.ibanMasked })
        .from(household)
        .leftJoin(bankAccount, eq(bankAccount.id, household.bankAccountId))
        .where(eq(household.id, viewer.householdId));
  const beneficiaries = await db
    .select({
      personId: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      coverageStart: person.coverageStart,
      holderName: bankAccount.holderName,
      ibanMasked: bankAccount.ibanMasked,
    })
    .from(person)
    .leftJoin(bankAccount, eq(bankAccount.id, person.bankAccountId))
    .where(
      and(eq(person.householdId, viewer.householdId), ne(person.role, "member"), own ? eq(person.id, own) : undefined),
    )
    .orderBy(asc(person.birthDate));
  const pending = await db
    .select({
      id: bankChange.id,
      personId: bankChange.personId,
      effectiveAt: bankChange.effectiveAt,
      ibanMasked: bankAccount.ibanMasked,
      holderName: bankAccount.holderName,
      reference: memberRequest.reference,
    })
    .from(bankChange)
    .innerJoin(bankAccount, eq(bankAccount.id, bankChange.newBankAccountId))
    .leftJoin(memberRequest, eq(memberRequest.id, bankChange.requestId))
    .where(
      and(
        eq(bankChange.householdId, viewer.householdId),
        eq(bankChange.status, "pending"),
        own ? eq(bankChange.personId, own) : undefined,
      ),
    )
    .orderBy(desc(bankChange.requestedAt));
  return {
    ownOnly: own !== null,
    contract: contract?.ibanMasked ? { holderName: contract.holderName!, ibanMasked: contract.ibanMasked } : null,
    beneficiaries: beneficiaries.map((b) => ({
      ...b,
      account: b.ibanMasked ? { holderName: b.holderName!, ibanMasked: b.ibanMasked } : null,
    })),
    pending: pending.map((p) => ({ ...p, effectiveLabel: when.format(p.effectiveAt) })),
  };
}

/**
 * Who a target names, checked against the viewer's household: an id from elsewhere is a 404. A beneficiary with
 * their own access (`onlyPersonId`) names only themselves: the contract's account and another person's are 404.
 */
export async function describeTarget(
  db: Db,
  viewer: Pick<MemberViewer, "householdId" | "onlyPersonId">,
  target: BankTarget,
): Promise<{ personId: string | null; firstName: string | null; label: string; previousAccountId: string | null }> {
  if (viewer.onlyPersonId && target !== viewer.onlyPersonId)
    throw new AppError("not_found", "Bénéficiaire introuvable.", 404);
  if (target === "contrat") {
    const [row] = await db
      .select({ accountId: household.bankAccountId })
      .from(household)
      .where(eq(household.id, viewer.householdId));
    return {
      personId: null,
      firstName: null,
      label: "le contrat (cotisations et remboursements)",
      previousAccountId: row?.accountId ?? null,
    };
  }
  if (!uuidPattern.test(target)) throw new AppError("not_found", "Bénéficiaire introuvable.", 404);
  const [row] = await db
    .select({ id: person.id, firstName: person.firstName, accountId: person.bankAccountId })
    .from(person)
    .where(and(eq(person.id, target), eq(person.householdId, viewer.householdId), ne(person.role, "member")));
  if (!row) throw new AppError("not_found", "Bénéficiaire introuvable.", 404);
  return {
    personId: row.id,
    firstName: row.firstName,
    label: viewer.onlyPersonId ? "vos remboursements" : `les remboursements de ${row.firstName}`,
    previousAccountId: row.accountId,
  };
}

export async function requestBankChange(
  deps: BankChangeDeps,
  viewer: MemberViewer,
  input: { target: BankTarget; iban: string; holderName: string },
  ip: string,
): Promise<{ reference: string; effectiveAt: Date }> {
  const { db } = deps;
  const target = await describeTarget(db, viewer, input.target);
  const { token: cancelToken, hash: cancelTokenHash } = newCancelToken();
  // The hold runs on the application's clock, as does the job that ends it (applyDueBankChanges).
  const requestedAt = deps.clock.now();
  const effectiveAt = new Date(requestedAt.getTime() + deps.bankChangeHoldHours * 3600 * 1000);
  const masked = maskIban(input.iban);
  const reference = newReference("RIB", Number(deps.clock.today().slice(0, 4)));
  const alerts = await bankChangeAlertMails(deps, viewer.userId, {
    reference,
    label: target.label,
    masked,
    holderName: input.holderName,
    effectiveAt,
    cancelToken,
  });

  const mailIds = await inTransaction(db, async (tx) => {
    const [open] = await tx
      .select({ id: bankChange.id })
      .from(bankChange)
      .where(
        and(
          eq(bankChange.householdId, viewer.householdId),
          inArray(bankChange.status, ["pending", "awaiting_approval"]),
          target.personId ? eq(bankChange.personId, target.personId) : isNull(bankChange.personId),
        ),
      );
    if (open) {
      throw new AppError(
        "pending",
        "Un changement de RIB est déjà en attente pour ce compte : annulez-le d'abord si vous voulez en saisir un autre.",
        409,
      );
    }
    const [account] = await tx
      .insert(bankAccount)
      .values({
        householdId: viewer.householdId,
        holderName: input.holderName,
        ibanMasked: masked,
        ibanEncrypted: encryptIban(deps.ibanKeys, input.iban, viewer.householdId),
      })
      .returning({ id: bankAccount.id });
    const [request] = await tx
      .insert(memberRequest)
      .values({
        reference,
        householdId: viewer.householdId,
        beneficiaryId: target.personId,
        kind: "bank_details",
        subject: `Nouveau RIB pour ${target.label}`,
        status: "in_progress",
      })
      .returning({ id: memberRequest.id });
    await tx.insert(requestEvent).values([
      { requestId: request!.id, status: "submitted", note: null },
      {
        requestId: request!.id,
        status: "in_progress",
        note: `Délai de sécurité : le nouveau compte sera utilisé à partir du ${when.format(effectiveAt)}.`,
      },
    ]);
    // The partial unique index on pending changes turns a concurrent second request into an error here.
    await tx.insert(bankChange).values({
      householdId: viewer.householdId,
      personId: target.personId,
      newBankAccountId: account!.id,
      previousBankAccountId: target.previousAccountId,
      requestId: request!.id,
      cancelTokenHash,
      requestedBy: viewer.userId,
      requestedAt,
      effectiveAt,
    });
    // The alert is written with the change: committed together, or not at all.
    return enqueueMails(deps.mailer, tx, alerts);
  }).catch((error: unknown) => {
    if (isUniqueViolation(error))
      throw new AppError(
        "pending",
        "Un changement de RIB est déjà en attente pour ce compte : annulez-le d'abord si vous voulez en saisir un autre.",
        409,
      );
    throw error;
  });
  await recordAudit(db, {
    action: "banking.change_requested",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { reference, ibanMasked: masked, target: target.personId ?? "contrat" },
  });

  // Sent at once; if SMTP refuses, the rows stay in the outbox and the job runner tries again.
  await deps.mailer.deliver(mailIds);
  return { reference, effectiveAt };
}

/**
 * The alert no setting can switch off: to the account's e-mail, and any address it left in the last 30 days.
 * The caller writes these mails in the transaction that makes the change (`mailer.enqueue(tx, …)`), then
 * delivers them after the commit: a committed change always has its alert, retried until SMTP accepts it.
 */
export async function bankChangeAlertMails(
  deps: Pick<BankChangeDeps, "db" | "publicUrl">,
  memberUserId: string,
  change: {
    reference: string;
    label: string;
    masked: string;
    holderName: string;
    effectiveAt: Date;
    cancelToken: string;
  },
): Promise<OutgoingMail[]> {
  const recipients = await securityAlertRecipients(deps.db, memberUserId);
  const text =
    `Bonjour,\n\nLes coordonnées bancaires de votre contrat viennent d'être modifiées (${change.reference}) :\n` +
    `- pour : ${change.label}\n- nouveau compte : ${change.masked}\n- titulaire : ${change.holderName}\n\n` +
    `Par sécurité, ce compte ne sera utilisé qu'à partir du ${when.format(change.effectiveAt)}.\n\n` +
    `Si vous n'êtes pas à l'origine de ce changement, annulez-le avec ce lien, sans avoir à vous connecter :\n${deps.publicUrl}/ma-mutuelle/coordonnees-bancaires/annuler?jeton=${change.cancelToken}\n` +
    "puis changez votre mot de passe et contactez votre mutuelle.\n\n" +
    "Ce message de sécurité est toujours envoyé : il ne peut pas être désactivé.\n\nVotre mutuelle";
  return recipients.map((to) => ({
    to,
    subject: "Alerte sécurité : vos coordonnées bancaires ont été modifiées",
    text,
  }));
}

/** Writes each mail's outbox row in `tx`; returns their ids for `mailer.deliver` after the commit. */
export async function enqueueMails(mailer: Mailer, tx: Db, mails: readonly OutgoingMail[]): Promise<number[]> {
  const ids: number[] = [];
  for (const mail of mails) ids.push(await mailer.enqueue(tx, mail));
  return ids;
}

export function newCancelToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}
