// "Adhérer en ligne", the signature: a one-time code sent by e-mail (hashed, bound to the journey and to the
// address it went to, single use, tries counted), the document signed with its SHA-256, and the pre-notification
// of the first debits. The steps before it are in journey.server.ts.
import { createHash, randomInt } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { type KeyRing } from "../banking/iban-crypto.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { formatDate, formatEuros } from "../shared/format.ts";
import { hashToken } from "../shared/token.server.ts";
import { beneficiaryRoleLabels, type Debit, signCode } from "./adhesion-rules.ts";
import type { TariffCatalog } from "./model.ts";
import { affiliationJourney } from "./schema.ts";
import { journeyDebits, journeyPrice, missingForSignature, signedError, type JourneyView } from "./journey.server.ts";

export interface SignatureDeps {
  db: Db;
  ibanKeys: KeyRing;
  clock: Clock;
  mailer: Mailer;
  tariffs: TariffCatalog;
  creditorId: string;
  creditorName: string;
  debitDay: number;
}

/**
 * Sends a new signature code (the previous one stops working); one a minute at most, and `limit` (the seconds to
 * wait, or 0) counts the codes per address and network address, as resume links and password resets are.
 */
export async function sendSignCode(
  deps: SignatureDeps,
  journey: JourneyView,
  limit: () => Promise<number> = () => Promise.resolve(0),
): Promise<void> {
  if (journey.status !== "in_progress") throw signedError();
  const price = journeyPrice(deps.tariffs, journey);
  const missing = missingForSignature(journey, price !== null);
  if (missing.length > 0) throw new AppError("incomplete", `Il manque encore : ${missing.join(", ")}.`, 400);
  const now = deps.clock.now();
  if (journey.signCodeSentAt && now.getTime() - journey.signCodeSentAt.getTime() < signCode.resendAfterSeconds * 1000)
    throw new AppError(
      "too_soon",
      "Un code vient de vous être envoyé : attendez une minute avant d'en demander un autre.",
      429,
    );
  const wait = await limit();
  if (wait > 0) {
    const minutes = Math.max(1, Math.ceil(wait / 60));
    throw new AppError(
      "rate_limited",
      `Trop de codes demandés pour cette adresse. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
      429,
    );
  }
  const code = String(randomInt(0, 10 ** signCode.digits)).padStart(signCode.digits, "0");
  await deps.db
    .update(affiliationJourney)
    .set({
      signCodeHash: codeHash(journey.id, journey.email ?? "", code),
      signCodeExpiresAt: new Date(now.getTime() + signCode.lifetimeMinutes * 60_000),
      signCodeSentAt: now,
      signCodeAttempts: 0,
      updatedAt: sql`now()`,
    })
    .where(and(eq(affiliationJourney.id, journey.id), eq(affiliationJourney.status, "in_progress")));
  await deps.mailer.send({
    to: journey.email!,
    subject: "Votre code de signature",
    text:
      `Bonjour ${journey.identity!.firstName},\n\n` +
      `Voici le code pour signer votre adhésion : ${code}\n\n` +
      `Il est valable ${signCode.lifetimeMinutes} minutes et ne sert qu'une fois. Ne le communiquez à personne : ` +
      `votre mutuelle ne vous le demandera jamais.\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n\nVotre mutuelle`,
  });
}

/**
 * The code's hash, bound to the journey and to the address it was sent to: a code asked for one address cannot
 * sign after the address was changed (security review R1). Any change to what would be signed voids it too
 * (`voidSignCode`, in every step's update).
 */
function codeHash(journeyId: string, email: string, code: string): string {
  return hashToken(`${journeyId}:${email.toLowerCase()}:${code}`);
}

/** The document signed: the summary as shown, the consents' texts, the mandate's terms. */
export function signedDocumentOf(
  journey: JourneyView,
  extra: { levelLabel: string; monthlyCents: number; debits: Debit[]; creditorId: string; creditorName: string },
) {
  return {
    subscriber: { ...journey.identity, email: journey.email },
    address: journey.address,
    // The member's request that the mutuelle cancel their current contract (résiliation infra-annuelle).
    previousContractCancellation: journey.previousContract ?? "non demandée",
    beneficiaries: journey.beneficiaries.map((b) => ({
      role: beneficiaryRoleLabels[b.role],
      firstName: b.firstName,
      lastName: b.lastName,
      birthDate: b.birthDate,
      nir: b.nirMasked,
      rank: b.rank,
    })),
    level: { id: journey.level, label: extra.levelLabel, monthlyCents: extra.monthlyCents },
    attestation: journey.files.map((f) => f.name),
    mandate: {
      scheme: "CORE",
      type: "récurrent",
      reference: journey.mandateRef,
      creditorId: extra.creditorId,
      creditorName: extra.creditorName,
      debtor: journey.bank?.holderName,
      iban: journey.bank?.debitMasked,
      firstDebits: extra.debits,
    },
    refundAccount: journey.bank?.refundMasked
      ? { holder: journey.bank.refundHolderName, iban: journey.bank.refundMasked }
      : "le compte prélevé",
    consents: journey.consents,
  };
}

export type SignResult = { ok: true } | { ok: false; message: string; status: number };

/** Checks the code: single use, before its expiry, within the attempts; signs on success. */
export async function signJourney(
  deps: SignatureDeps,
  journey: JourneyView,
  code: string,
  ip: string,
): Promise<SignResult> {
  if (journey.status !== "in_progress") throw signedError();
  const [row] = await deps.db.select().from(affiliationJourney).where(eq(affiliationJourney.id, journey.id));
  if (!row?.signCodeHash || !row.signCodeExpiresAt)
    return { ok: false, status: 400, message: "Demandez d'abord un code : il vous sera envoyé par e-mail." };
  if (row.signCodeExpiresAt.getTime() <= deps.clock.now().getTime())
    return { ok: false, status: 410, message: "Ce code a expiré : demandez-en un nouveau." };
  // The try is counted before the code is compared, in one conditional update: guesses sent at once cannot
  // all be compared before any is counted (security review R2).
  const [counted] = await deps.db
    .update(affiliationJourney)
    .set({ signCodeAttempts: sql`${affiliationJourney.signCodeAttempts} + 1` })
    .where(and(eq(affiliationJourney.id, journey.id), lt(affiliationJourney.signCodeAttempts, signCode.maxAttempts)))
    .returning({ attempts: affiliationJourney.signCodeAttempts });
  if (!counted) return { ok: false, status: 429, message: "Trop d'essais avec ce code : demandez-en un nouveau." };
  const typed = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(typed) || codeHash(journey.id, row.email ?? "", typed) !== row.signCodeHash) {
    const left = signCode.maxAttempts - counted.attempts;
    return left > 0
      ? {
          ok: false,
          status: 400,
          message: `Ce code n'est pas le bon. Il vous reste ${left} essai${left > 1 ? "s" : ""}.`,
        }
      : { ok: false, status: 429, message: "Trop d'essais avec ce code : demandez-en un nouveau." };
  }
  const price = journeyPrice(deps.tariffs, journey);
  const tariff = deps.tariffs.find((t) => t.level === journey.level);
  if (!price || !tariff || missingForSignature(journey, true).length > 0)
    return { ok: false, status: 400, message: "Votre adhésion est incomplète : reprenez les étapes." };
  const today = deps.clock.today();
  const debits = journeyDebits(journey, price.monthlyCents, today, deps.debitDay);
  const document = signedDocumentOf(journey, {
    levelLabel: tariff.label,
    monthlyCents: price.monthlyCents,
    debits,
    creditorId: deps.creditorId,
    creditorName: deps.creditorName,
  });
  // The exact text signed is kept as it was hashed (UTF-8): sha256(signed_text) = signed_sha256, checkable again
  // by anyone; a jsonb copy alone would not do (PostgreSQL reorders its keys).
  const signedText = JSON.stringify(document);
  const sha256 = createHash("sha256").update(signedText, "utf8").digest("hex");
  const signed = await inTransaction(deps.db, async (tx) => {
    // Single use: only the code still there, on a journey still being filled, signs.
    const done = await tx
      .update(affiliationJourney)
      .set({
        status: "signed",
        step: "envoyee",
        signedDocument: document,
        signedText,
        signedSha256: sha256,
        signedAt: deps.clock.now(),
        signedIp: ip,
        signCodeHash: null,
        signCodeExpiresAt: null,
        // A resume link sent before the signature opens nothing any more.
        resumeTokenHash: null,
        resumeTokenExpiresAt: null,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(affiliationJourney.id, journey.id),
          eq(affiliationJourney.status, "in_progress"),
          eq(affiliationJourney.signCodeHash, row.signCodeHash!),
        ),
      )
      .returning({ id: affiliationJourney.id });
    if (done.length === 0) return null;
    await recordAudit(tx, {
      action: "affiliation.signed",
      outcome: "success",
      ipAddress: ip,
      details: { journeyId: journey.id, sha256, mandateRef: journey.mandateRef },
    });
    return deps.mailer.enqueue(tx, {
      to: journey.email!,
      subject: "Votre adhésion est signée",
      text:
        `Bonjour ${journey.identity!.firstName},\n\n` +
        `Votre demande d'adhésion au niveau ${tariff.label} (${formatEuros(price.monthlyCents)} par mois, à partir du ` +
        `${formatDate(journey.address!.startDate)}) est signée. Un conseiller vérifie votre dossier ; vous recevrez ` +
        `ensuite un e-mail pour activer votre espace adhérent.\n\n` +
        `Vous pouvez renoncer à votre adhésion, sans frais ni motif, pendant 14 jours calendaires à compter d'aujourd'hui.\n\n` +
        preNotificationText(journey.mandateRef!, deps.creditorId, debits) +
        `\nEmpreinte du document signé (SHA-256) : ${sha256}\n\nVotre mutuelle`,
    });
  });
  if (signed === null) return { ok: false, status: 409, message: "Ce code a déjà servi : demandez-en un nouveau." };
  await deps.mailer.deliver([signed]);
  return { ok: true };
}

/** The pre-notification of the first debits (SEPA CORE), as it goes in the e-mails. */
export function preNotificationText(mandateRef: string, creditorId: string, debits: Debit[]): string {
  const lines = debits.map(
    (d) =>
      `  - le ${formatDate(d.date)} : ${formatEuros(d.amountCents)}${d.months.length > 1 ? ` (${d.months.length} mois)` : ""}`,
  );
  return (
    `Prélèvements à venir (mandat SEPA ${mandateRef}, créancier ${creditorId}) :\n${lines.join("\n")}\n` +
    "Puis le même montant chaque mois à la même date.\n"
  );
}
