// Signals that a claim deserves a second look. Pure: fraud-signals.server.ts gathers the facts, these rules
// only compare them. A signal is a reason to check, never a verdict: the advisor decides.

export type FraudSignalCode = "duplicate_care" | "reused_invoice" | "recent_iban_change" | "new_device_sign_in";

export interface FraudSignal {
  code: FraudSignalCode;
  /** Plain French for the advisor. Never names another household's member. */
  message: string;
}

const day = 86_400_000;
/** A claim filed up to 30 days (inclusive) after a bank change. */
export const ibanChangeWindowDays = 30;
/** A claim filed up to 7 days (inclusive) after a sign-in from a new device. */
export const newDeviceWindowDays = 7;
/** A device is new when no sign-in from it happened in the 90 days before. */
export const deviceMemoryDays = 90;

export interface FraudFacts {
  /** The request examined. Rules (a), (c) and (d) are about claims; (b) applies to any request with files. */
  request: {
    kind: string;
    filedAt: Date;
    beneficiaryId: string | null;
    careType: string | null;
    careDate: string | null;
    fileHashes: readonly string[];
  };
  /** The same household's other claims (this one excluded). */
  otherClaims: readonly {
    reference: string;
    beneficiaryId: string | null;
    careType: string | null;
    careDate: string | null;
  }[];
  /** Files of other requests whose checksum is one of this request's. */
  sameFiles: readonly { sha256: string; reference: string; sameHousehold: boolean }[];
  /** The household's bank changes (any status: even a cancelled one was asked for). */
  bankChanges: readonly { requestedAt: Date }[];
  /** The member's successful sign-ins; `device` is the browser and system family, null when not recorded. */
  signIns: readonly { at: Date; device: string | null }[];
}

const dateFr = (d: Date) =>
  new Intl.DateTimeFormat("fr-FR", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "Europe/Paris",
  }).format(d);

/** Within [from, from + days] (both ends included). */
function within(at: Date, from: Date, days: number): boolean {
  const delta = at.getTime() - from.getTime();
  return delta >= 0 && delta <= days * day;
}

export function duplicateCare(facts: FraudFacts): FraudSignal | null {
  const r = facts.request;
  if (r.kind !== "claim" || !r.careType || !r.careDate || !r.beneficiaryId) return null;
  const same = facts.otherClaims.filter(
    (c) => c.beneficiaryId === r.beneficiaryId && c.careType === r.careType && c.careDate === r.careDate,
  );
  if (same.length === 0) return null;
  const refs = same
    .map((c) => c.reference)
    .sort()
    .join(", ");
  return {
    code: "duplicate_care",
    message: `Une autre demande porte sur le même soin (même bénéficiaire, même type de soin, même date) : ${refs}.`,
  };
}

export function reusedInvoice(facts: FraudFacts): FraudSignal | null {
  const mine = new Set(facts.request.fileHashes);
  const matches = facts.sameFiles.filter((f) => mine.has(f.sha256));
  if (matches.length === 0) return null;
  const ownRefs = [...new Set(matches.filter((m) => m.sameHousehold).map((m) => m.reference))].sort();
  const others = matches.some((m) => !m.sameHousehold);
  const where = [
    ownRefs.length > 0 ? `dans une autre demande du même adhérent (${ownRefs.join(", ")})` : null,
    // Another household's request is not named: the advisor handling this claim has no need of who it is.
    others ? "dans la demande d'un autre adhérent" : null,
  ]
    .filter(Boolean)
    .join(" et ");
  return { code: "reused_invoice", message: `Un justificatif identique (même fichier) a déjà été envoyé ${where}.` };
}

export function recentIbanChange(facts: FraudFacts): FraudSignal | null {
  const r = facts.request;
  if (r.kind !== "claim") return null;
  const recent = facts.bankChanges
    .filter((c) => within(r.filedAt, c.requestedAt, ibanChangeWindowDays))
    .sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime())[0];
  if (!recent) return null;
  return {
    code: "recent_iban_change",
    message: `Demande envoyée moins de ${ibanChangeWindowDays} jours après un changement de coordonnées bancaires (demandé le ${dateFr(recent.requestedAt)}).`,
  };
}

/**
 * A sign-in in the 7 days before the claim from a device family ("Firefox sur Windows") that had not signed in
 * during the 90 days before it. Sign-ins whose device was not recorded (before this was kept) are unknown:
 * they never trigger the signal, and if one falls in the 90 days before, we cannot tell, so no signal either.
 */
export function newDeviceSignIn(facts: FraudFacts): FraudSignal | null {
  const r = facts.request;
  if (r.kind !== "claim") return null;
  const firstNew = facts.signIns
    .filter((s) => s.device !== null && within(r.filedAt, s.at, newDeviceWindowDays))
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .find((s) => {
      const before = facts.signIns.filter(
        (t) => t.at.getTime() < s.at.getTime() && within(s.at, t.at, deviceMemoryDays),
      );
      return !before.some((t) => t.device === null || t.device === s.device);
    });
  if (!firstNew) return null;
  return {
    code: "new_device_sign_in",
    message: `Demande envoyée moins de ${newDeviceWindowDays} jours après une connexion depuis un appareil inhabituel (${firstNew.device}, le ${dateFr(firstNew.at)}), non utilisé dans les ${deviceMemoryDays} jours précédents.`,
  };
}

/** Every rule, in a stable order. */
export function detectFraudSignals(facts: FraudFacts): FraudSignal[] {
  return [duplicateCare(facts), reusedInvoice(facts), recentIbanChange(facts), newDeviceSignIn(facts)].filter(
    (s): s is FraudSignal => s !== null,
  );
}
