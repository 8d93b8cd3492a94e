// "Adhérer en ligne", save and resume: each step is saved server-side as it is sent; the browser keeps a random
// token in a cookie (only its hash is stored); a resume link, e-mailed on request, is single-use, expires after
// resumeLinkDays, and gives the journey to whichever browser opens it (the old browser's token stops working).
// Then the people covered, the level, the attestation de droits (the uploads' pipeline), the bank details and
// the SEPA mandate, the consents, and the signature by a one-time code sent by e-mail. A signed journey waits
// in the back-office queue "Adhésions" (adhesion-review.server.ts); it can no longer be changed.
import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, lt, sql } from "drizzle-orm";
import { user } from "../accounts/schema.ts";
import { createCookie } from "react-router";
import { decryptIban, encryptIban, type KeyRing } from "../banking/iban-crypto.server.ts";
import { maskIban } from "../banking/iban.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { formatDate, formatEuros } from "../shared/format.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { hashToken } from "../shared/token.server.ts";
import type { StoredUpload } from "../claims/attachments.server.ts";
import type { ObjectStorage } from "../storage/index.server.ts";
import {
  type BankInput,
  type BeneficiaryInput,
  beneficiaryRoleLabels,
  type BeneficiaryRole,
  consentTexts,
  type Debit,
  firstDebits,
  maxAttestationFiles,
  signCode,
} from "./adhesion-rules.ts";
import { type JourneyStep, journeySteps, nextStep, resumeLinkDays } from "./journey-form.ts";
import type { Insured, TariffCatalog } from "./model.ts";
import { priceHousehold, PricingError } from "./pricing.ts";
import { affiliationFile, affiliationJourney } from "./schema.ts";
import { newRum } from "./sepa.ts";

export const journeyCookie = "adhesion";
/** Where the attestation files of journeys are kept in the storage. */
export const affiliationKeyPrefix = "adhesion/";

const newToken = () => randomBytes(32).toString("base64url");

export type JourneyStatus = (typeof affiliationJourney.$inferSelect)["status"];

export interface JourneyBeneficiary {
  id: string;
  role: BeneficiaryRole;
  firstName: string;
  lastName: string;
  birthDate: string;
  nirMasked: string | null;
  rank: number;
}

export interface JourneyView {
  id: string;
  step: JourneyStep;
  status: JourneyStatus;
  email: string | null;
  identity: { firstName: string; lastName: string; birthDate: string; nirMasked: string } | null;
  address: { addressLine1: string; postalCode: string; city: string; startDate: string } | null;
  beneficiaries: JourneyBeneficiary[];
  level: string | null;
  bank: {
    holderName: string;
    debitMasked: string;
    refundHolderName: string | null;
    refundMasked: string | null;
  } | null;
  mandateRef: string | null;
  mandateSeen: boolean;
  consents: { id: string; text: string; acceptedAt: string }[] | null;
  files: { id: string; name: string; sizeBytes: number; mimeType: string; quarantined: boolean }[];
  signCodeSentAt: Date | null;
  signedAt: Date | null;
  signedSha256: string | null;
}

interface Deps {
  db: Db;
  ibanKeys: KeyRing;
}

type StoredBeneficiary = Omit<JourneyBeneficiary, "nirMasked"> & { nirEncrypted: string | null };
export type Stored = {
  identity?: { firstName: string; lastName: string; birthDate: string; nirEncrypted: string };
  address?: JourneyView["address"];
  beneficiaries?: StoredBeneficiary[];
  level?: string;
  bank?: {
    holderName: string;
    debitIbanEncrypted: string;
    debitMasked: string;
    refundHolderName: string | null;
    refundIbanEncrypted: string | null;
    refundMasked: string | null;
  };
  mandateSeen?: boolean;
  consents?: { id: string; text: string; acceptedAt: string }[];
};

export type JourneyRow = typeof affiliationJourney.$inferSelect;

const mask = (nir: string) => `${nir.slice(0, 5)} •••••••• ${nir.slice(13)}`;

function view(
  row: JourneyRow,
  keys: KeyRing,
  files: { id: string; name: string; sizeBytes: number; mimeType: string; quarantined: boolean }[],
): JourneyView {
  const data = row.data as Stored;
  const nir = data.identity ? decryptIban(keys, data.identity.nirEncrypted, row.id) : null;
  return {
    id: row.id,
    step: (journeySteps as readonly string[]).includes(row.step) ? (row.step as JourneyStep) : "identite",
    status: row.status,
    email: row.email,
    identity: data.identity
      ? {
          firstName: data.identity.firstName,
          lastName: data.identity.lastName,
          birthDate: data.identity.birthDate,
          // Shown back masked: the sex and birth year and month, the rest hidden.
          nirMasked: mask(nir!),
        }
      : null,
    address: data.address ?? null,
    beneficiaries: (data.beneficiaries ?? []).map(({ nirEncrypted, ...b }) => ({
      ...b,
      nirMasked: nirEncrypted ? mask(decryptIban(keys, nirEncrypted, row.id)) : null,
    })),
    level: data.level ?? null,
    bank: data.bank
      ? {
          holderName: data.bank.holderName,
          debitMasked: data.bank.debitMasked,
          refundHolderName: data.bank.refundHolderName,
          refundMasked: data.bank.refundMasked,
        }
      : null,
    mandateRef: row.mandateRef,
    mandateSeen: data.mandateSeen === true,
    consents: data.consents ?? null,
    files,
    signCodeSentAt: row.signCodeSentAt,
    signedAt: row.signedAt,
    signedSha256: row.signedSha256,
  };
}

async function filesOf(db: Db, journeyId: string) {
  return db
    .select({
      id: affiliationFile.id,
      name: affiliationFile.originalName,
      sizeBytes: affiliationFile.sizeBytes,
      mimeType: affiliationFile.mimeType,
      quarantined: affiliationFile.quarantined,
    })
    .from(affiliationFile)
    .where(eq(affiliationFile.journeyId, journeyId))
    .orderBy(asc(affiliationFile.createdAt));
}

/** A journey by id, whatever its status (the back-office and the purge). */
export async function journeyById({ db, ibanKeys }: Deps, id: string): Promise<JourneyView | null> {
  if (!uuidPattern.test(id)) return null;
  const [row] = await db.select().from(affiliationJourney).where(eq(affiliationJourney.id, id));
  return row ? view(row, ibanKeys, await filesOf(db, row.id)) : null;
}

/** The journey of this browser (its cookie's token), or null. */
export async function findJourney({ db, ibanKeys }: Deps, browserToken: string | null): Promise<JourneyView | null> {
  if (!browserToken || browserToken.length > 100) return null;
  const [row] = await db
    .select()
    .from(affiliationJourney)
    .where(eq(affiliationJourney.browserTokenHash, hashToken(browserToken)));
  return row ? view(row, ibanKeys, await filesOf(db, row.id)) : null;
}

const signedError = () =>
  new AppError("signed", "Votre adhésion est signée : elle ne peut plus être modifiée en ligne.", 409);

/** Merges `patch` into the journey's data and moves it to `step`, only while it is being filled. */
async function saveStep(db: Db, journeyId: string, patch: Partial<Stored>, step: JourneyStep): Promise<void> {
  const updated = await db
    .update(affiliationJourney)
    .set({
      data: sql`${affiliationJourney.data} || ${JSON.stringify(patch)}::jsonb`,
      step,
      ...voidSignCode,
      updatedAt: sql`now()`,
    })
    .where(and(eq(affiliationJourney.id, journeyId), eq(affiliationJourney.status, "in_progress")))
    .returning({ id: affiliationJourney.id });
  if (updated.length === 0) throw signedError();
}

async function storedOf(db: Db, journeyId: string): Promise<Stored> {
  const [row] = await db
    .select({ data: affiliationJourney.data })
    .from(affiliationJourney)
    .where(eq(affiliationJourney.id, journeyId));
  return row?.data ?? {};
}

/** Step 1 saved: a new journey (and its browser token to set) or this browser's, updated. */
export async function saveIdentity(
  { db, ibanKeys }: Deps,
  browserToken: string | null,
  input: { email: string; firstName: string; lastName: string; birthDate: string; nir: string },
): Promise<{ browserToken: string; journeyId: string }> {
  const existing = browserToken
    ? (
        await db
          .select({ id: affiliationJourney.id, data: affiliationJourney.data, status: affiliationJourney.status })
          .from(affiliationJourney)
          .where(eq(affiliationJourney.browserTokenHash, hashToken(browserToken)))
      )[0]
    : undefined;
  // A journey already signed (or decided) stays as it is: typing an identity again starts a new one.
  if (existing && browserToken && existing.status === "in_progress") {
    const identity = { ...pick(input), nirEncrypted: encryptIban(ibanKeys, input.nir, existing.id) };
    const updated = await db
      .update(affiliationJourney)
      .set({
        email: input.email,
        data: { ...(existing.data as Stored), identity },
        step: (existing.data as Stored).address ? "beneficiaires" : "adresse",
        ...voidSignCode,
        updatedAt: sql`now()`,
      })
      .where(and(eq(affiliationJourney.id, existing.id), eq(affiliationJourney.status, "in_progress")))
      .returning({ id: affiliationJourney.id });
    if (updated.length === 0) throw signedError();
    return { browserToken, journeyId: existing.id };
  }
  const token = newToken();
  const id = randomUUID();
  await db.insert(affiliationJourney).values({
    id,
    browserTokenHash: hashToken(token),
    email: input.email,
    step: "adresse",
    data: { identity: { ...pick(input), nirEncrypted: encryptIban(ibanKeys, input.nir, id) } },
  });
  return { browserToken: token, journeyId: id };
}

function pick(input: { firstName: string; lastName: string; birthDate: string }) {
  return { firstName: input.firstName, lastName: input.lastName, birthDate: input.birthDate };
}

export async function saveAddress(
  { db }: Pick<Deps, "db">,
  journeyId: string,
  address: NonNullable<JourneyView["address"]>,
): Promise<void> {
  await saveStep(db, journeyId, { address }, "beneficiaires");
}

/** Adds a spouse or a child (the caller has checked the form and the clashes with the others). */
export async function addBeneficiary(
  { db, ibanKeys }: Deps,
  journeyId: string,
  input: BeneficiaryInput,
): Promise<void> {
  const stored = await storedOf(db, journeyId);
  const beneficiary: StoredBeneficiary = {
    id: randomUUID(),
    role: input.role,
    firstName: input.firstName,
    lastName: input.lastName,
    birthDate: input.birthDate,
    rank: input.rank,
    nirEncrypted: input.nir ? encryptIban(ibanKeys, input.nir, journeyId) : null,
  };
  await saveStep(db, journeyId, { beneficiaries: [...(stored.beneficiaries ?? []), beneficiary] }, "beneficiaires");
}

export async function removeBeneficiary({ db }: Pick<Deps, "db">, journeyId: string, id: string): Promise<void> {
  const stored = await storedOf(db, journeyId);
  await saveStep(
    db,
    journeyId,
    { beneficiaries: (stored.beneficiaries ?? []).filter((b) => b.id !== id) },
    "beneficiaires",
  );
}

export async function beneficiariesDone({ db }: Pick<Deps, "db">, journeyId: string): Promise<void> {
  await saveStep(db, journeyId, {}, "niveau");
}

/** The NIRs already on the journey (the subscriber's, then each beneficiary's), in clear, for the clash check. */
export async function journeyNirs(
  { db, ibanKeys }: Deps,
  journeyId: string,
): Promise<{
  subscriber: string;
  beneficiaries: { role: BeneficiaryRole; birthDate: string; rank: number; nir: string }[];
}> {
  const stored = await storedOf(db, journeyId);
  return {
    subscriber: stored.identity ? decryptIban(ibanKeys, stored.identity.nirEncrypted, journeyId) : "",
    beneficiaries: (stored.beneficiaries ?? []).map((b) => ({
      role: b.role,
      birthDate: b.birthDate,
      rank: b.rank,
      nir: b.nirEncrypted ? decryptIban(ibanKeys, b.nirEncrypted, journeyId) : "",
    })),
  };
}

/** The people to price: the subscriber first, then the beneficiaries. */
export function insuredOf(journey: Pick<JourneyView, "identity" | "beneficiaries">): Insured[] {
  return [
    ...(journey.identity ? [{ role: "subscriber" as const, birthDate: journey.identity.birthDate }] : []),
    ...journey.beneficiaries.map((b) => ({ role: b.role, birthDate: b.birthDate })),
  ];
}

/** The journey's monthly price on `level`, at its start date; null when it cannot be priced yet. */
export function journeyPrice(tariffs: TariffCatalog, journey: JourneyView, level = journey.level) {
  const tariff = tariffs.find((t) => t.level === level);
  if (!tariff || !journey.address || !journey.identity) return null;
  try {
    return priceHousehold(tariff, {
      postalCode: journey.address.postalCode,
      date: journey.address.startDate,
      people: insuredOf(journey),
    });
  } catch (error) {
    if (error instanceof PricingError) return null;
    throw error;
  }
}

export async function saveLevel({ db }: Pick<Deps, "db">, journeyId: string, level: string): Promise<void> {
  await saveStep(db, journeyId, { level }, "attestation");
}

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
    if (locked?.status !== "in_progress") throw signedError();
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(affiliationFile)
      .where(eq(affiliationFile.journeyId, journeyId));
    if (n + stored.length > maxAttestationFiles)
      throw new AppError("too_many_files", `Vous pouvez joindre ${maxAttestationFiles} fichiers au plus.`, 400);
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

/** Each consent stored with the exact text shown and when it was given. */
export async function saveConsents({ db, clock }: { db: Db; clock: Clock }, journeyId: string): Promise<void> {
  const acceptedAt = clock.now().toISOString();
  await saveStep(
    db,
    journeyId,
    { consents: consentTexts.map((c) => ({ id: c.id, text: c.text, acceptedAt })) },
    "signature",
  );
}

/** Goes back to a step already done, to correct it (never past the step reached, never once signed). */
export async function goToStep({ db }: Pick<Deps, "db">, journey: JourneyView, step: JourneyStep): Promise<void> {
  if (journey.status !== "in_progress") throw signedError();
  if (journeySteps.indexOf(step) > journeySteps.indexOf(journey.step)) return;
  await saveStep(db, journey.id, {}, step);
}

/** The step before `step`. */
export function previousStep(step: JourneyStep): JourneyStep {
  return journeySteps[Math.max(journeySteps.indexOf(step) - 1, 0)]!;
}
export { nextStep };

/** What is missing before signing, in French; empty when everything is there. */
export function missingForSignature(journey: JourneyView, priced: boolean): string[] {
  const missing: string[] = [];
  if (!journey.identity || !journey.email) missing.push("votre identité");
  if (!journey.address) missing.push("votre adresse et la date de début");
  if (!journey.level || !priced) missing.push("le niveau de garanties");
  if (journey.files.length === 0) missing.push("l'attestation de droits");
  if (!journey.bank || !journey.mandateRef) missing.push("vos coordonnées bancaires");
  if (!journey.mandateSeen) missing.push("la lecture du mandat de prélèvement");
  if (!journey.consents) missing.push("vos consentements");
  return missing;
}

/** The first debits announced with the mandate, for a journey priced at `monthlyCents`. */
export function journeyDebits(
  journey: JourneyView,
  monthlyCents: number,
  notifiedOn: string,
  debitDay: number,
): Debit[] {
  return firstDebits({ startDate: journey.address!.startDate, notifiedOn, monthlyCents, debitDay });
}

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

/** Written with every change to the journey before its signature: a code sent earlier no longer signs. */
const voidSignCode = { signCodeHash: null, signCodeExpiresAt: null } as const;

/** The document signed: the summary as shown, the consents' texts, the mandate's terms. */
export function signedDocumentOf(
  journey: JourneyView,
  extra: { levelLabel: string; monthlyCents: number; debits: Debit[]; creditorId: string; creditorName: string },
) {
  return {
    subscriber: { ...journey.identity, email: journey.email },
    address: journey.address,
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
  const sha256 = createHash("sha256").update(JSON.stringify(document)).digest("hex");
  const signed = await inTransaction(deps.db, async (tx) => {
    // Single use: only the code still there, on a journey still being filled, signs.
    const done = await tx
      .update(affiliationJourney)
      .set({
        status: "signed",
        step: "envoyee",
        signedDocument: document,
        signedSha256: sha256,
        signedAt: deps.clock.now(),
        signedIp: ip,
        signCodeHash: null,
        signCodeExpiresAt: null,
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

/**
 * "Démarche commerciale à finaliser": the unsigned journey started with the e-mail address of this login (the
 * latest), for the dashboard. The address is the login's, verified: the same proof as the e-mailed resume link.
 */
export async function unfinishedJourneyOf(
  db: Db,
  userId: string,
): Promise<{ id: string; step: JourneyStep; createdAt: Date } | null> {
  const [row] = await db
    .select({ id: affiliationJourney.id, step: affiliationJourney.step, createdAt: affiliationJourney.createdAt })
    .from(affiliationJourney)
    .innerJoin(user, eq(user.email, affiliationJourney.email))
    .where(and(eq(user.id, userId), eq(affiliationJourney.status, "in_progress")))
    .orderBy(desc(affiliationJourney.updatedAt))
    .limit(1);
  if (!row) return null;
  return {
    ...row,
    step: (journeySteps as readonly string[]).includes(row.step) ? (row.step as JourneyStep) : "identite",
  };
}

/** Hands that journey to the signed-in member's browser (as a resume link would): the new browser token. */
export async function resumeForMember(db: Db, userId: string): Promise<string | null> {
  const journey = await unfinishedJourneyOf(db, userId);
  if (!journey) return null;
  const browserToken = newToken();
  await db
    .update(affiliationJourney)
    .set({ browserTokenHash: hashToken(browserToken), updatedAt: sql`now()` })
    .where(and(eq(affiliationJourney.id, journey.id), eq(affiliationJourney.status, "in_progress")));
  return browserToken;
}

/** A new resume link by e-mail (the previous one stops working). */
export async function sendResumeLink(
  deps: { db: Db; clock: Clock; mailer: Mailer; publicUrl: string },
  journey: JourneyView,
): Promise<void> {
  if (!journey.email) throw new AppError("no_email", "Saisissez d'abord votre adresse e-mail.", 400);
  // Re-sendable, but not in a loop: one link a minute at most (nobody's mailbox is flooded from here).
  const [row] = await deps.db
    .select({ expires: affiliationJourney.resumeTokenExpiresAt })
    .from(affiliationJourney)
    .where(eq(affiliationJourney.id, journey.id));
  const sentAt = row?.expires ? row.expires.getTime() - resumeLinkDays * 24 * 3600 * 1000 : null;
  if (sentAt !== null && deps.clock.now().getTime() - sentAt < 60_000)
    throw new AppError(
      "too_soon",
      "Un lien vient de vous être envoyé : attendez une minute avant d'en demander un autre.",
      429,
    );
  const token = newToken();
  const expires = new Date(deps.clock.now().getTime() + resumeLinkDays * 24 * 3600 * 1000);
  await deps.db
    .update(affiliationJourney)
    .set({ resumeTokenHash: hashToken(token), resumeTokenExpiresAt: expires, updatedAt: sql`now()` })
    .where(eq(affiliationJourney.id, journey.id));
  await deps.mailer.send({
    to: journey.email,
    subject: "Reprendre votre adhésion en ligne",
    text:
      `Bonjour${journey.identity ? ` ${journey.identity.firstName}` : ""},\n\n` +
      `Votre demande d'adhésion est enregistrée. Pour la reprendre là où vous l'avez laissée, ouvrez ce lien ` +
      `(valable ${resumeLinkDays} jours, une seule fois) :\n${deps.publicUrl}/offre/adherer/reprendre?jeton=${token}\n\n` +
      `Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n\nVotre mutuelle`,
  });
}

/** Opens a resume link: single-use and before its expiry; returns the new browser token to set. */
export async function resumeJourney(
  { db, clock }: { db: Db; clock: Clock },
  token: string,
): Promise<{ browserToken: string } | { error: "unknown" | "expired" }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { error: "unknown" };
  const [row] = await db
    .select({ id: affiliationJourney.id, expires: affiliationJourney.resumeTokenExpiresAt })
    .from(affiliationJourney)
    .where(eq(affiliationJourney.resumeTokenHash, hashToken(token)));
  if (!row) return { error: "unknown" };
  if (!row.expires || row.expires.getTime() <= clock.now().getTime()) return { error: "expired" };
  const browserToken = newToken();
  // Only if the link is still unused: two clicks at once cannot both take the journey.
  const taken = await db
    .update(affiliationJourney)
    .set({
      browserTokenHash: hashToken(browserToken),
      resumeTokenHash: null,
      resumeTokenExpiresAt: null,
      updatedAt: sql`now()`,
    })
    .where(eq(affiliationJourney.resumeTokenHash, hashToken(token)))
    .returning({ id: affiliationJourney.id });
  return taken.length === 1 ? { browserToken } : { error: "unknown" };
}

// The browser's token, in React Router's cookie helper (parsing and serialising by the cookie-es library it
// ships): HttpOnly, SameSite=Lax, on /offre only, Secure with COOKIE_SECURE. Not signed: the value is itself a
// 256-bit random secret whose hash is looked up; a forged value opens nothing.
const journeyCookieJar = createCookie(journeyCookie, {
  path: "/offre",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 30 * 24 * 3600,
});

/** The cookie removed: the browser forgets its journey (to start another one once one is signed). */
export function clearJourneyCookieHeader(secure: boolean): Promise<string> {
  return journeyCookieJar.serialize("", { secure, maxAge: 0 });
}

/** The cookie holding the browser's token. */
export function journeyCookieHeader(token: string, secure: boolean): Promise<string> {
  return journeyCookieJar.serialize(token, { secure });
}

/** This browser's token, or null (no cookie, an empty or unreadable one). */
export async function readJourneyCookie(request: Request): Promise<string | null> {
  const value: unknown = await journeyCookieJar.parse(request.headers.get("cookie"));
  return typeof value === "string" && value !== "" ? value : null;
}
