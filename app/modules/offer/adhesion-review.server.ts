// The back-office queue "Adhésions": signed online adhesions, oldest first. A gestionnaire (contracts.decide)
// reviews one (identity and NIRs, the attestation de droits, the IBANs, the people covered) and accepts it — the
// household, its people, its bank accounts and the member's login are created, and the activation e-mail is
// written to the outbox, all in one transaction — or refuses it with a reason, e-mailed to the prospect (or asks
// for a missing document: adhesion-documents.server.ts). The queue's reads are in adhesion-queue.server.ts.
import { resetLinkIdentifier } from "../accounts/reset-link.server.ts";
import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { user, verification } from "../accounts/schema.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { encryptIban, type KeyRing } from "../banking/iban-crypto.server.ts";
import { createCredentialUser } from "../accounts/users.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { bankAccount, household, person } from "../households/schema.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { formatDate, formatEuros } from "../shared/format.ts";
import { journeyById, journeyDebits, journeyPrice } from "./journey.server.ts";
import { journeyIbans } from "./journey-files-bank.server.ts";
import { journeyNirs } from "./journey-people.server.ts";
import { preNotificationText } from "./journey-signature.server.ts";
import type { TariffCatalog } from "./model.ts";
import { checkNir, maskNir } from "./nir.ts";
import { affiliationJourney } from "./schema.ts";
import { decideOnSignedAdhesion, lockSigned } from "./adhesion-decision.server.ts";

/** How long the activation link of a new member works (single use: the password-reset mechanism's). */
export const activationLinkDays = 7;

export interface ReviewDeps {
  db: Db;
  ibanKeys: KeyRing;
  clock: Clock;
  mailer: Mailer;
  tariffs: TariffCatalog;
  publicUrl: string;
  debitDay: number;
  creditorId: string;
}

/** The queue's statuses: signed and waiting for a decision, or waiting for the document asked for. */
export const queued = ["signed", "document_requested"] as const;

/** The next member number: eight digits, after the highest one; numbered one at a time (an advisory lock). */
async function nextMemberNumber(tx: Db): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('household.member_number'))`);
  const [row] = await tx
    .select({ last: sql<string | null>`max(${household.memberNumber}::bigint)::text` })
    .from(household)
    .where(sql`${household.memberNumber} ~ '^[0-9]{8}$'`);
  const next = Math.max(Number(row?.last ?? 0) + 1, 20_000_001);
  if (next > 99_999_999) throw new AppError("numbers", "Plus de numéro d'adhérent disponible.", 500);
  return String(next);
}

/** The monthly price of the signed document, or null when it has none (it cannot be accepted then). */
async function signedMonthlyCents(tx: Db, id: string): Promise<number | null> {
  const [row] = await tx
    .select({ document: affiliationJourney.signedDocument })
    .from(affiliationJourney)
    .where(eq(affiliationJourney.id, id));
  const level = (row?.document as { level?: { monthlyCents?: unknown } } | null)?.level;
  return typeof level?.monthlyCents === "number" && Number.isInteger(level.monthlyCents) && level.monthlyCents >= 0
    ? level.monthlyCents
    : null;
}

/**
 * Accepts a signed adhesion: the contract (household), its people, its bank accounts and the SEPA mandate's
 * reference, the member's login (username: the member number) and an activation link to choose a password,
 * e-mailed through the outbox in the same transaction. Returns the member number.
 */
export async function acceptAdhesion(
  deps: ReviewDeps,
  advisor: AdvisorViewer,
  id: string,
  ip: string,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const { memberNumber, mailId } = await inTransaction(deps.db, async (tx) => {
    await lockSigned(tx, id);
    const journey = (await journeyById({ db: tx, ibanKeys: deps.ibanKeys }, id))!;
    const ibans = await journeyIbans({ db: tx, ibanKeys: deps.ibanKeys }, id);
    const tariff = deps.tariffs.find((t) => t.level === journey.level);
    const monthlyCents = await signedMonthlyCents(tx, id);
    if (
      !journey.identity ||
      !journey.address ||
      !journey.email ||
      !journey.bank ||
      !ibans ||
      monthlyCents === null ||
      !tariff
    )
      throw new AppError("incomplete", "Cette adhésion est incomplète : elle ne peut pas être acceptée.", 409);
    // The price is the one signed (the document's level.monthlyCents), whatever the tariffs say today: the
    // contract binds both parties as signed (art. 1103 code civil), and the mutuelle changes its premiums only
    // as its statuts provide, never between the signature and the acceptance (docs/offer.md). The tariffs'
    // price of today is kept in the audit when it differs.
    const tariffNow = journeyPrice(deps.tariffs, journey)?.monthlyCents ?? null;
    const price = { monthlyCents };
    const [taken] = await tx.select({ id: user.id }).from(user).where(eq(user.email, journey.email));
    if (taken)
      throw new AppError(
        "email_taken",
        "L'adresse e-mail de cette adhésion sert déjà à un compte : contactez la personne, ou refusez avec ce motif.",
        409,
      );
    const number = await nextMemberNumber(tx);
    const name = `${journey.identity.firstName} ${journey.identity.lastName}`;
    // Never used: the member chooses their password through the activation link.
    const userId = await createCredentialUser(
      tx,
      { name, email: journey.email, username: number, role: "member" },
      randomBytes(32).toString("base64url"),
    );
    const [home] = await tx
      .insert(household)
      .values({
        memberNumber: number,
        coverageLevel: tariff.label,
        coverageStart: journey.address.startDate,
        premiumMonthlyCents: price.monthlyCents,
        sepaMandateRef: journey.mandateRef,
        addressLine1: journey.address.addressLine1,
        postalCode: journey.address.postalCode,
        city: journey.address.city,
      })
      .returning({ id: household.id });
    const householdId = home!.id;
    const [debit] = await tx
      .insert(bankAccount)
      .values({
        householdId,
        holderName: journey.bank.holderName,
        ibanMasked: journey.bank.debitMasked,
        ibanEncrypted: encryptIban(deps.ibanKeys, ibans.debit, householdId),
      })
      .returning({ id: bankAccount.id });
    await tx.update(household).set({ bankAccountId: debit!.id }).where(eq(household.id, householdId));
    // Reimbursements to another account: every person's reimbursements go there (person.bank_account_id).
    let refundAccountId: string | null = null;
    if (ibans.refund && journey.bank.refundMasked) {
      const [refund] = await tx
        .insert(bankAccount)
        .values({
          householdId,
          holderName: journey.bank.refundHolderName ?? journey.bank.holderName,
          ibanMasked: journey.bank.refundMasked,
          ibanEncrypted: encryptIban(deps.ibanKeys, ibans.refund, householdId),
        })
        .returning({ id: bankAccount.id });
      refundAccountId = refund!.id;
    }
    const nirs = await journeyNirs({ db: tx, ibanKeys: deps.ibanKeys }, id);
    const people = [
      {
        role: "member" as const,
        firstName: journey.identity.firstName,
        lastName: journey.identity.lastName,
        birthDate: journey.identity.birthDate,
        nir: nirs.subscriber,
        userId,
      },
      ...journey.beneficiaries.map((b, i) => ({ ...b, nir: nirs.beneficiaries[i]?.nir ?? "", userId: null })),
    ];
    await tx.insert(person).values(
      people.map((p, i) => {
        // Each person's NIR carried over, encrypted bound to their id, once its key is checked again.
        const personId = randomUUID();
        if (p.nir && !checkNir(p.nir, p.birthDate).ok)
          throw new AppError(
            "nir",
            `Le numéro de sécurité sociale de ${p.firstName} ${p.lastName} n'est pas valable : demandez une pièce ou refusez l'adhésion.`,
            409,
          );
        return {
          id: personId,
          householdId,
          role: p.role,
          externalRef: `${number}-${String(i + 1).padStart(2, "0")}`,
          firstName: p.firstName,
          lastName: p.lastName,
          birthDate: p.birthDate,
          nirEncrypted: p.nir ? encryptIban(deps.ibanKeys, p.nir, personId) : null,
          nirMasked: p.nir ? maskNir(p.nir) : null,
          coverageStart: journey.address!.startDate,
          bankAccountId: refundAccountId,
          userId: p.userId,
        };
      }),
    );
    // The activation link is a password-reset link of the new login (better-auth consumes it), longer-lived.
    await tx.insert(verification).values({
      id: randomUUID(),
      identifier: resetLinkIdentifier(token),
      value: userId,
      expiresAt: new Date(deps.clock.now().getTime() + activationLinkDays * 86_400_000),
    });
    await tx
      .update(affiliationJourney)
      .set({
        status: "accepted",
        householdId,
        decidedBy: advisor.userId,
        decidedAt: deps.clock.now(),
        updatedAt: sql`now()`,
      })
      .where(eq(affiliationJourney.id, id));
    await recordAudit(tx, {
      action: "backoffice.affiliation_accepted",
      outcome: "success",
      actorUserId: advisor.userId,
      householdId,
      ipAddress: ip,
      details: {
        journeyId: id,
        memberNumber: number,
        monthlyCents,
        ...(tariffNow !== monthlyCents ? { tariffNowCents: tariffNow } : {}),
      },
    });
    const debits = journeyDebits(journey, price.monthlyCents, deps.clock.today(), deps.debitDay);
    const mail = await deps.mailer.enqueue(tx, {
      to: journey.email,
      subject: "Bienvenue : activez votre espace adhérent",
      text:
        `Bonjour ${journey.identity.firstName},\n\n` +
        `Votre adhésion est acceptée. Votre contrat ${tariff.label} commence le ${formatDate(journey.address.startDate)} ` +
        `(${formatEuros(price.monthlyCents)} par mois). Votre numéro d'adhérent : ${number}.\n\n` +
        `Pour activer votre espace adhérent, choisissez votre mot de passe en ouvrant ce lien (valable ` +
        `${activationLinkDays} jours, une seule fois) :\n` +
        `${deps.publicUrl}/activer-mon-adhesion?jeton=${encodeURIComponent(token)}\n\n` +
        `Vous vous connecterez ensuite avec votre numéro d'adhérent ou cette adresse e-mail.\n\n` +
        preNotificationText(journey.mandateRef!, deps.creditorId, debits) +
        `\nVotre mutuelle`,
    });
    return { memberNumber: number, mailId: mail };
  });
  await deps.mailer.deliver([mailId]);
  return memberNumber;
}

/** Refuses a signed adhesion with a reason, e-mailed to the prospect. */
export async function refuseAdhesion(
  deps: ReviewDeps,
  advisor: AdvisorViewer,
  id: string,
  reason: string,
  ip: string,
): Promise<void> {
  const text = reason.trim();
  if (text.length < 5 || text.length > 1000)
    throw new AppError(
      "reason",
      "Saisissez le motif du refus (5 à 1 000 caractères) : il est envoyé à la personne.",
      400,
    );
  await decideOnSignedAdhesion(deps, advisor, id, ip, {
    // Also while a requested document is awaited (the prospect may never send it).
    from: queued,
    set: { status: "refused", refusalReason: text, decidedBy: advisor.userId, decidedAt: deps.clock.now() },
    audit: "backoffice.affiliation_refused",
    mail: (journey) => ({
      subject: "Votre demande d'adhésion",
      text:
        `Bonjour ${journey.identity?.firstName ?? ""},\n\n` +
        `Nous ne pouvons pas donner suite à votre demande d'adhésion, pour le motif suivant :\n\n${text}\n\n` +
        `Aucune cotisation ne sera prélevée. Pour toute question, répondez à ce message ou contactez-nous.\n\nVotre mutuelle`,
    }),
  });
}
