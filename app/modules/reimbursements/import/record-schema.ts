// One reimbursement line as the core system sends it (CSV column or JSON key names). Amounts in integer
// cents, dates ISO: nothing to guess about decimal separators or day/month order.
import { z } from "zod";
import { categoryCodes } from "../../guarantees/categories.ts";
import { careTypes } from "../../shared/care-types.ts";
import { isCalendarDate } from "../../shared/iso-date.ts";

const cents = (field: string) =>
  z.coerce
    .number({ error: `${field} : nombre entier de centimes attendu` })
    .int(`${field} : nombre entier de centimes attendu`)
    .min(0, `${field} : montant négatif`)
    .max(100_000_000, `${field} : montant trop élevé`);

const isoDate = (field: string) =>
  z
    .string({ error: `${field} : date manquante` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} : date au format AAAA-MM-JJ attendue`)
    .refine(isCalendarDate, `${field} : date inexistante`);

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? null : v.trim()));

export const importRecordSchema = z
  .object({
    line_id: z.string({ error: "line_id manquant" }).trim().min(1, "line_id manquant").max(64, "line_id trop long (64 caractères au plus)"),
    member_number: z.string({ error: "member_number manquant" }).trim().regex(/^\d{8}$/, "member_number : 8 chiffres attendus"),
    beneficiary_ref: z.string({ error: "beneficiary_ref manquant" }).trim().min(1, "beneficiary_ref manquant").max(64),
    care_type: z.enum(Object.keys(careTypes) as [string, ...string[]], { error: "care_type inconnu" }),
    category: z
      .union([z.literal(""), z.enum(categoryCodes as unknown as [string, ...string[]], { error: "category : catégorie de garantie inconnue" })])
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : v)),
    quantity: z
      .union([z.literal(""), z.coerce.number().int().min(1).max(999)], { error: "quantity : entier de 1 à 999 attendu" })
      .optional()
      .transform((v) => (v === "" || v === undefined ? 1 : v)),
    care_date: isoDate("care_date"),
    payment_date: isoDate("payment_date"),
    professional: optionalText(200),
    charged_cents: cents("charged_cents"),
    base_cents: cents("base_cents"),
    amo_rate_bp: z
      .union([z.literal(""), z.coerce.number().int().min(0).max(10_000)], { error: "amo_rate_bp : entier de 0 à 10000 attendu" })
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : v)),
    amo_deductible_cents: z
      .union([z.literal(""), cents("amo_deductible_cents")])
      .optional()
      .transform((v) => (v === "" || v === undefined ? 0 : v)),
    amo_cents: cents("amo_cents"),
    amc_cents: cents("amc_cents"),
    guarantee_label: optionalText(200),
    paid_to: z.enum(["member", "beneficiary", "professional"], { error: "paid_to : member, beneficiary ou professional attendu" }),
  })
  .superRefine((r, ctx) => {
    if (r.amo_cents + r.amc_cents > r.charged_cents) {
      ctx.addIssue({ code: "custom", message: "montants incohérents : amo_cents + amc_cents dépasse charged_cents" });
    }
    if (r.payment_date < r.care_date) {
      ctx.addIssue({ code: "custom", message: "payment_date est avant care_date" });
    }
  });

export type ImportRecord = z.infer<typeof importRecordSchema>;

/**
 * The first problem of a record, as one line of French for the rejection report. `latestCareDate` is the
 * clock's tomorrow (a day of tolerance for a core system in another time zone), read once per import rather
 * than for each of a million lines.
 */
export function validateRecord(raw: unknown, latestCareDate: string): { ok: true; record: ImportRecord } | { ok: false; reason: string } {
  if (typeof raw === "object" && raw !== null && Object.values(raw).some((v) => typeof v === "string" && v.includes("\uFFFD"))) {
    return { ok: false, reason: "encodage invalide : le fichier doit être en UTF-8" };
  }
  const parsed = importRecordSchema.safeParse(raw);
  if (parsed.success) {
    if (parsed.data.care_date > latestCareDate) return { ok: false, reason: "care_date est dans le futur" };
    return { ok: true, record: parsed.data };
  }
  return { ok: false, reason: parsed.error.issues[0]?.message ?? "ligne invalide" };
}
