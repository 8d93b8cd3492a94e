// "Adhérer en ligne", the steps after the address: the people covered, the bank details, the consents' exact
// texts, the first debits announced with the SEPA mandate, and the signature code's limits. Pure: no I/O.
import { z } from "zod";
import { checkHolderName, checkIban } from "../banking/iban.ts";
import { addMonths, ageOn } from "../clock/calendar.ts";
import { contractDebits, type Debit, firstDebitMonth, preNotificationDays } from "../documents/premium-schedule.ts";
import { isCalendarDate } from "../shared/iso-date.ts";
import { checkNir, normaliseNir } from "./nir.ts";
import { normaliseDate } from "./quote-form.ts";
import { personName } from "./journey-steps.ts";

/** The signature code: 6 digits, valid 10 minutes, 5 tries, one new code a minute at most. */
export const signCode = { digits: 6, lifetimeMinutes: 10, maxAttempts: 5, resendAfterSeconds: 60 } as const;
/** At most this many beneficiaries besides the subscriber, and attestation files per journey. */
export const maxBeneficiaries = 9;
export const maxAttestationFiles = 5;
/** A child is covered up to this age (included), as a dependant of the subscriber. */
export const maxChildAge = 27;
export { preNotificationDays };

export type BeneficiaryRole = "spouse" | "child";
export const beneficiaryRoleLabels: Record<BeneficiaryRole, string> = { spouse: "Conjoint", child: "Enfant" };

export interface BeneficiaryInput {
  role: BeneficiaryRole;
  firstName: string;
  lastName: string;
  birthDate: string;
  /** Normalised NIR, or "" for a child attached to the subscriber's number. */
  nir: string;
  /** Rang de naissance: tells twins apart (1, then 2…). */
  rank: number;
}

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Saisissez le ${what}.`)
    .max(80, `Le ${what} : 80 caractères au plus.`)
    .regex(personName, `Le ${what} : des lettres, espaces, apostrophes et tirets seulement.`);

export function beneficiarySchema(today: string) {
  return z
    .object({
      role: z.enum(["spouse", "child"], "Choisissez le lien avec vous : conjoint ou enfant."),
      firstName: name("prénom"),
      lastName: name("nom"),
      birthDate: z
        .string()
        .transform(normaliseDate)
        .refine(
          isCalendarDate,
          "Date de naissance invalide : saisissez-la au format JJ/MM/AAAA, par exemple 14/03/2015.",
        )
        .refine((v) => v <= today, "La date de naissance ne peut pas être dans le futur."),
      nir: z.string().max(30).default(""),
      rank: z
        .string()
        .trim()
        .default("1")
        .transform((v) => (v === "" ? "1" : v))
        .refine((v) => /^[1-9]$/.test(v), "Le rang de naissance est un chiffre de 1 à 9 (2 pour le second jumeau).")
        .transform(Number),
    })
    .superRefine((v, ctx) => {
      if (!isCalendarDate(v.birthDate) || v.birthDate > today) return;
      if (v.role === "spouse" && ageOn(v.birthDate, today) < 16)
        ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Un conjoint a au moins 16 ans." });
      if (v.role === "child" && ageOn(v.birthDate, today) > maxChildAge)
        ctx.addIssue({
          code: "custom",
          path: ["birthDate"],
          message: `Un enfant est couvert jusqu'à ${maxChildAge} ans inclus : au-delà, il adhère lui-même.`,
        });
      const typed = normaliseNir(v.nir);
      if (typed === "" && v.role === "spouse") {
        ctx.addIssue({
          code: "custom",
          path: ["nir"],
          message: "Saisissez le numéro de sécurité sociale du conjoint (15 caractères, clé comprise).",
        });
        return;
      }
      if (typed === "") return;
      const checked = checkNir(typed, v.birthDate);
      if (!checked.ok) ctx.addIssue({ code: "custom", path: ["nir"], message: checked.message });
    })
    .transform((v): BeneficiaryInput => ({ ...v, nir: normaliseNir(v.nir) }));
}

/** What adding `candidate` to `list` breaks, as a field and a French message, or null. */
export function beneficiaryClash(
  list: readonly Pick<BeneficiaryInput, "role" | "birthDate" | "rank" | "nir">[],
  candidate: Pick<BeneficiaryInput, "role" | "birthDate" | "rank" | "nir">,
  subscriberNir: string,
): { field: string; message: string } | null {
  if (list.length >= maxBeneficiaries)
    return { field: "form", message: `Vous pouvez couvrir ${maxBeneficiaries} personnes au plus en plus de vous.` };
  if (candidate.role === "spouse" && list.some((b) => b.role === "spouse"))
    return { field: "role", message: "Un seul conjoint peut être couvert." };
  if (candidate.nir && (candidate.nir === subscriberNir || list.some((b) => b.nir === candidate.nir)))
    return { field: "nir", message: "Ce numéro de sécurité sociale est déjà celui d'une autre personne du contrat." };
  if (
    candidate.role === "child" &&
    list.some((b) => b.role === "child" && b.birthDate === candidate.birthDate && b.rank === candidate.rank)
  )
    return {
      field: "rank",
      message: "Un autre enfant né le même jour a déjà ce rang de naissance : donnez 2 au second jumeau.",
    };
  return null;
}

export interface BankInput {
  holderName: string;
  debitIban: string;
  /** Reimbursements go to another account. */
  refundHolderName: string | null;
  refundIban: string | null;
}

/** The bank step: the account debited for the contributions, and the one credited with reimbursements. */
export function checkBankForm(
  values: Record<string, string | undefined>,
): { ok: true; bank: BankInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const holder = checkHolderName(values.holderName ?? "");
  if (!holder.ok) errors.holderName = holder.message;
  const debit = checkIban(values.debitIban ?? "");
  if (!debit.ok) errors.debitIban = debit.message;
  const separate = values.refundAccount === "autre";
  let refundHolder: string | null = null;
  let refund: string | null = null;
  if (separate) {
    // The same checks as the debit account's, said of this account, so that the error summary tells them apart.
    const ofRefundAccount = (message: string) =>
      `Compte des remboursements : ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
    const h = checkHolderName(values.refundHolderName ?? "");
    if (!h.ok) errors.refundHolderName = ofRefundAccount(h.message);
    else refundHolder = h.name;
    const r = checkIban(values.refundIban ?? "");
    if (!r.ok) errors.refundIban = ofRefundAccount(r.message);
    else refund = r.iban;
  }
  if (Object.keys(errors).length > 0 || !holder.ok || !debit.ok) return { ok: false, errors };
  return {
    ok: true,
    bank: {
      holderName: holder.name,
      debitIban: debit.iban,
      refundHolderName: refund && refund !== debit.iban ? refundHolder : null,
      refundIban: refund && refund !== debit.iban ? refund : null,
    },
  };
}

/** The consents, each shown and stored with its exact text; all are required to sign. */
export const consentTexts = [
  {
    id: "notice",
    text: "J'ai lu la notice d'information et les statuts de la mutuelle, et je les accepte.",
  },
  {
    id: "distance",
    text:
      "J'ai reçu les informations précontractuelles de la vente à distance. Je sais que je peux renoncer à mon " +
      "adhésion, sans frais ni motif, pendant 14 jours calendaires révolus à compter de sa signature " +
      "(article L221-18 du code de la mutualité), par lettre ou par e-mail à la mutuelle.",
  },
  {
    id: "mandat",
    text:
      "J'autorise la mutuelle à envoyer des instructions à ma banque pour débiter mon compte, et ma banque à " +
      "débiter mon compte conformément à ces instructions (mandat de prélèvement SEPA de cette adhésion). Je peux " +
      "demander à ma banque le remboursement d'un prélèvement dans les 8 semaines qui suivent la date de débit.",
  },
  {
    id: "exactitude",
    text: "Je certifie que les renseignements donnés sont exacts.",
  },
] as const;
export type ConsentId = (typeof consentTexts)[number]["id"];

/** The consents missing from a posted form, as field errors. */
export function missingConsents(values: Record<string, string | undefined>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const c of consentTexts)
    if (values[`consent_${c.id}`] !== "oui")
      errors[`consent_${c.id}`] = "Cochez cette case pour pouvoir signer votre adhésion.";
  return errors;
}

export type { Debit };

/**
 * The first debits of a new contract, announced (pre-notified) with the mandate: one debit a month on the debit
 * day, each paying its own month, the first at least `preNotificationDays` after `notifiedOn` and paying every
 * month since the start that has not been debited. The échéancier computes them the same way (one function,
 * documents/premium-schedule.ts contractDebits), from the acceptance date.
 */
export function firstDebits(input: {
  startDate: string;
  notifiedOn: string;
  monthlyCents: number;
  debitDay: number;
  count?: number;
}): Debit[] {
  const first = firstDebitMonth(input.startDate, input.notifiedOn, input.debitDay);
  return contractDebits(
    {
      debitDay: input.debitDay,
      coverageStart: input.startDate,
      coverageEnd: null,
      premiums: [{ from: input.startDate, monthlyCents: input.monthlyCents }],
      firstNotifiedOn: input.notifiedOn,
    },
    addMonths(`${first}-01`, (input.count ?? 3) - 1).slice(0, 7),
  );
}
