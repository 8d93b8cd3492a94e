// "Adhérer en ligne", save and resume: each step is saved server-side as it is sent; the browser keeps a random
// token in a cookie (only its hash is stored); a resume link, e-mailed on request, is single-use, expires after
// resumeLinkDays, and gives the journey to whichever browser opens it (the old browser's token stops working).
// Then the people covered, the level, the attestation de droits (the uploads' pipeline), the bank details and
// the SEPA mandate, the consents, and the signature by a one-time code sent by e-mail. A signed journey waits
// in the back-office queue "Adhésions" (adhesion-review.server.ts); it can no longer be changed.
import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";
import { decryptIban, encryptIban, type KeyRing } from "../banking/iban-crypto.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { AppError } from "../shared/app-error.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import { hashToken } from "../shared/token.server.ts";
import { type BeneficiaryRole, consentTexts, type Debit, firstDebits } from "./adhesion-rules.ts";
import { type JourneyStep, journeySteps, nextStep } from "./journey-steps.ts";
import type { Insured, TariffCatalog } from "./model.ts";
import { maskNir } from "./nir.ts";
import { priceHousehold, PricingError } from "./pricing.ts";
import { affiliationFile, affiliationJourney } from "./schema.ts";

export const journeyCookie = "adhesion";
/**
 * Once signed, a journey stays in its browser this long (the signed page, its mandate PDF), then the browser
 * forgets it: the cookie is set again with this lifetime at the signature, and the server stops reading the
 * token after it even if a browser kept it. The signing e-mail is the prospect's record.
 */
export const signedJourneyMinutes = 60;
/** Where the attestation files of journeys are kept in the storage. */
export const affiliationKeyPrefix = "adhesion/";

export const newToken = () => randomBytes(32).toString("base64url");

export type JourneyStatus = (typeof affiliationJourney.$inferSelect)["status"];
/** The statuses in which the prospect's browser still works on the journey. */
const openStatuses: JourneyStatus[] = ["in_progress", "document_requested"];

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
  /** The current contract the mutuelle is asked to cancel on the member's behalf (résiliation infra-annuelle). */
  previousContract: {
    insurer: string;
    contractNumber: string | null;
    /** The day it began (journeys saved before it was asked have none). */
    startDate?: string;
  } | null;
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
  /** The document a gestionnaire asked for (status document_requested), as e-mailed. */
  documentRequest: string | null;
}

export interface Deps {
  db: Db;
  ibanKeys: KeyRing;
}

export type StoredBeneficiary = Omit<JourneyBeneficiary, "nirMasked"> & { nirEncrypted: string | null };
export type Stored = {
  identity?: { firstName: string; lastName: string; birthDate: string; nirEncrypted: string };
  address?: JourneyView["address"];
  previousContract?: JourneyView["previousContract"];
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
  /** Set by « Modifier » on the summary: once the journey is complete again, the next saved step returns to it. */
  returnToSummary?: boolean;
};

export type JourneyRow = typeof affiliationJourney.$inferSelect;

const mask = maskNir;

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
    previousContract: data.previousContract ?? null,
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
    documentRequest: row.documentRequest,
  };
}

export async function filesOf(db: Db, journeyId: string) {
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

/**
 * The journey of this browser (its cookie's token), or null: one still being filled (or waiting for a document
 * the back-office asked for), or signed less than signedJourneyMinutes ago.
 */
export async function findJourney(
  { db, ibanKeys, clock }: Deps & { clock: Clock },
  browserToken: string | null,
): Promise<JourneyView | null> {
  if (!browserToken || browserToken.length > 100) return null;
  const [row] = await db
    .select()
    .from(affiliationJourney)
    .where(
      and(
        eq(affiliationJourney.browserTokenHash, hashToken(browserToken)),
        or(
          inArray(affiliationJourney.status, openStatuses),
          gt(affiliationJourney.signedAt, new Date(clock.now().getTime() - signedJourneyMinutes * 60_000)),
        ),
      ),
    );
  return row ? view(row, ibanKeys, await filesOf(db, row.id)) : null;
}

/** Written with every change to the journey before its signature: a code sent earlier no longer signs. */
export const voidSignCode = { signCodeHash: null, signCodeExpiresAt: null } as const;

export const signedError = () =>
  new AppError("signed", "Votre adhésion est signée : elle ne peut plus être modifiée en ligne.", 409);

/** Merges `patch` into the journey's data and moves it to `step`, only while it is being filled. */
export async function saveStep(db: Db, journeyId: string, patch: Partial<Stored>, step: JourneyStep): Promise<void> {
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

export async function storedOf(db: Db, journeyId: string): Promise<Stored> {
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
  step: { address: NonNullable<JourneyView["address"]>; previousContract: JourneyView["previousContract"] },
): Promise<void> {
  await saveStep(db, journeyId, step, "beneficiaires");
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
/**
 * Back to an earlier step. `fromSummary` (« Modifier » on the summary): the journey remembers it, and once the step
 * is saved and nothing is missing it comes back to the summary instead of walking through every later step again.
 */
export async function goToStep(
  { db }: Pick<Deps, "db">,
  journey: JourneyView,
  step: JourneyStep,
  fromSummary = false,
): Promise<void> {
  if (journey.status !== "in_progress") throw signedError();
  if (journeySteps.indexOf(step) > journeySteps.indexOf(journey.step)) return;
  await saveStep(db, journey.id, { returnToSummary: fromSummary && journey.step === "signature" }, step);
}

/**
 * After a step is saved: a journey sent back from the summary returns to it once complete (a new IBAN still shows
 * its mandate first: the mandate is unread until then, so the journey is not complete).
 */
export async function returnToSummaryIfComplete(deps: Deps & { tariffs: TariffCatalog }, journeyId: string) {
  if ((await storedOf(deps.db, journeyId)).returnToSummary !== true) return;
  const journey = await journeyById(deps, journeyId);
  if (!journey || journey.status !== "in_progress") return;
  if (missingForSignature(journey, journeyPrice(deps.tariffs, journey) !== null).length > 0) return;
  await saveStep(deps.db, journeyId, { returnToSummary: false }, "signature");
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
