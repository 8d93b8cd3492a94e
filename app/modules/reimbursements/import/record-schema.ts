// One reimbursement line as the core system sends it (CSV column or JSON key names). Amounts in integer
// cents, dates ISO: nothing to guess about decimal separators or day/month order. Every value is read
// strictly (no JavaScript coercion: "" is not 0, "0x10" is not 16, " 12" is not 12) and every reason for
// refusing a line is one line of French naming the field.
import { z } from "zod";
import { categoryCodes } from "../../guarantees/categories.ts";
import { careTypes } from "../../shared/care-types.ts";
import { isCalendarDate } from "../../shared/iso-date.ts";

/** Columns a CSV header must have (JSON Lines objects are checked line by line). */
export const requiredFields = [
  "line_id",
  "member_number",
  "beneficiary_ref",
  "care_type",
  "care_date",
  "payment_date",
  "charged_cents",
  "base_cents",
  "amo_cents",
  "amc_cents",
  "paid_to",
] as const;

/** Free-text fields, the only ones where a tab or a line break is kept (the COPY path escapes them). */
const freeTextFields = new Set(["professional", "guarantee_label"]);
// C0 and C1 control characters and DEL: a NUL cannot be stored in a PostgreSQL text column at all.
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/;
const controlInFreeText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const absent = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/**
 * A whole number written in decimal digits only ("1250"; a JSON number is accepted when it is a whole number:
 * 1250 or 1250.0, never 12.5 nor 1250.0000000000002). Returns the number, or why not.
 */
export function readWholeNumber(value: unknown, { min, max }: { min: number; max: number }): number | string {
  let n: number;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || !Number.isInteger(value)) return "nombre entier attendu, sans décimales";
    n = value;
  } else if (typeof value === "string") {
    if (/^-\d+$/.test(value)) return "valeur négative";
    if (/^\d+[.,]\d*$/.test(value)) return "nombre entier attendu, sans virgule ni point";
    if (!/^\d{1,15}$/.test(value))
      return "nombre entier attendu, en chiffres uniquement (sans espace, signe ni exposant)";
    n = Number(value);
  } else {
    return "nombre entier attendu";
  }
  if (n < min) return n < 0 ? "valeur négative" : `${min} au moins`;
  if (n > max) return `${max} au plus`;
  return n;
}

const centsBounds = { min: 0, max: 100_000_000 };
const centsWhat = "montant en centimes : 12,50 € s'écrit 1250";

/** An integer field; `fallback` is what an empty or missing optional value stands for. */
const wholeNumber = <F extends number | null | undefined = undefined>(
  field: string,
  bounds: { min: number; max: number },
  what: string,
  fallback?: F,
) =>
  z
    .unknown()
    .optional()
    .transform((value, ctx): number | Exclude<F, undefined> => {
      if (absent(value)) {
        if (fallback !== undefined) return fallback;
        ctx.addIssue({ code: "custom", message: `${field} manquant (${what})` });
        return z.NEVER;
      }
      const n = readWholeNumber(value, bounds);
      if (typeof n === "number") return n;
      const problem = n === "valeur négative" && what === centsWhat ? "montant négatif" : n;
      ctx.addIssue({ code: "custom", message: `${field} : ${problem}${n.startsWith("nombre") ? ` (${what})` : ""}` });
      return z.NEVER;
    });

const cents = (field: string) => wholeNumber(field, centsBounds, centsWhat);

const text = (field: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${field} manquant` : `${field} : texte attendu`) })
    .trim()
    .min(1, `${field} manquant`)
    .max(max, `${field} trop long (${max} caractères au plus)`);

const isoDate = (field: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined ? `${field} : date manquante` : `${field} : date au format AAAA-MM-JJ attendue`,
    })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} : date au format AAAA-MM-JJ attendue`)
    .refine(isCalendarDate, `${field} : date inexistante`);

const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field} : texte attendu` })
    .max(max, `${field} trop long (${max} caractères au plus)`)
    .nullish()
    .transform((v) => (v == null || v.trim() === "" ? null : v.trim()));

const code = <T extends string>(field: string, values: readonly T[], expected?: string) =>
  z.enum(values as unknown as [T, ...T[]], {
    error: (issue) =>
      issue.input === undefined || issue.input === ""
        ? `${field} manquant`
        : `${field} inconnu${expected ? ` : ${expected} attendu` : ""}`,
  });

/**
 * An optional yes/no field: `true` or `false` (a JSON boolean, or those words in a CSV cell), nothing else
 * ("1", "oui", "O" are refused rather than guessed). Empty or absent: `fallback`.
 */
const flag = <F extends boolean | null>(field: string, fallback: F) =>
  z
    .unknown()
    .optional()
    .transform((value, ctx): boolean | F => {
      if (absent(value)) return fallback;
      if (value === true || value === "true") return true;
      if (value === false || value === "false") return false;
      ctx.addIssue({ code: "custom", message: `${field} : true ou false attendu` });
      return z.NEVER;
    });

export const importRecordSchema = z
  .object({
    line_id: text("line_id", 64),
    member_number: z
      .string({
        error: (issue) => (issue.input === undefined ? "member_number manquant" : "member_number : texte attendu"),
      })
      .trim()
      .regex(/^\d{8}$/, "member_number : 8 chiffres attendus"),
    beneficiary_ref: text("beneficiary_ref", 64),
    care_type: code("care_type", Object.keys(careTypes)),
    category: z
      .union([z.literal(""), z.null(), z.enum(categoryCodes as unknown as [string, ...string[]])], {
        error: "category : catégorie de garantie inconnue",
      })
      .optional()
      .transform((v) => (v === "" || v == null ? null : v)),
    quantity: wholeNumber("quantity", { min: 1, max: 999 }, "entier de 1 à 999", 1),
    care_date: isoDate("care_date"),
    payment_date: isoDate("payment_date"),
    professional: optionalText("professional", 200),
    charged_cents: cents("charged_cents"),
    base_cents: cents("base_cents"),
    amo_rate_bp: wholeNumber("amo_rate_bp", { min: 0, max: 10_000 }, "taux en points de base, de 0 à 10000", null),
    amo_deductible_cents: wholeNumber("amo_deductible_cents", centsBounds, centsWhat, 0),
    amo_cents: cents("amo_cents"),
    amc_cents: cents("amc_cents"),
    guarantee_label: optionalText("guarantee_label", 200),
    // What the guarantee engine needs to recompute the amount (ADR 0020): all optional.
    optam: flag("optam", null),
    out_of_pathway: flag("out_of_pathway", false),
    out_of_pathway_overrun_cents: wholeNumber("out_of_pathway_overrun_cents", centsBounds, centsWhat, 0),
    pathway_amo_rate_bp: wholeNumber(
      "pathway_amo_rate_bp",
      { min: 7_000, max: 10_000 },
      "taux de l'AMO dans le parcours, en points de base, de 7000 à 10000",
      null,
    ),
    price_limit_cents: wholeNumber("price_limit_cents", centsBounds, centsWhat, null),
    ear: z
      .union([z.literal(""), z.null(), z.enum(["left", "right", "both"])], {
        error: "ear inconnu : left, right ou both attendu",
      })
      .optional()
      .transform((v) => (v === "" || v == null ? null : v)),
    paid_to: code("paid_to", ["member", "beneficiary", "professional"] as const, "member, beneficiary ou professional"),
  })
  .superRefine((r, ctx) => {
    if (r.amo_cents + r.amc_cents > r.charged_cents) {
      ctx.addIssue({ code: "custom", message: "montants incohérents : amo_cents + amc_cents dépasse charged_cents" });
    }
    if (r.out_of_pathway_overrun_cents > 0 && !r.out_of_pathway) {
      ctx.addIssue({
        code: "custom",
        message:
          "out_of_pathway_overrun_cents sans out_of_pathway : un dépassement hors parcours suppose un soin hors parcours",
      });
    }
    if (r.pathway_amo_rate_bp !== null && !r.out_of_pathway) {
      ctx.addIssue({
        code: "custom",
        message:
          "pathway_amo_rate_bp sans out_of_pathway : le taux dans le parcours ne se donne que pour un soin hors parcours",
      });
    }
    if (r.payment_date < r.care_date) {
      ctx.addIssue({ code: "custom", message: "payment_date est avant care_date" });
    }
  });

const knownFields = Object.keys(importRecordSchema.shape);

export type ImportRecord = z.infer<typeof importRecordSchema>;

/** Why a text value cannot be stored as it is: bad UTF-8, a control character, half a surrogate pair. */
function textProblem(field: string, value: string): string | null {
  if (value.includes("\uFFFD")) return "encodage invalide : le fichier doit être en UTF-8";
  const control = (freeTextFields.has(field) ? controlInFreeText : controlCharacter).exec(value);
  if (control)
    return `${field} : caractère de contrôle interdit (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")})`;
  if (!value.isWellFormed()) return `${field} : caractère Unicode invalide`;
  return null;
}

/**
 * The first problem of a record, as one line of French for the rejection report. `latestCareDate` is the
 * clock's tomorrow (a day of tolerance for a core system in another time zone), read once per import rather
 * than for each of a million lines.
 */
export function validateRecord(
  raw: unknown,
  latestCareDate: string,
): { ok: true; record: ImportRecord } | { ok: false; reason: string } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, reason: "objet JSON attendu" };
  for (const field of knownFields) {
    const value = (raw as Record<string, unknown>)[field];
    if (typeof value !== "string") continue;
    const problem = textProblem(field, value);
    if (problem) return { ok: false, reason: problem };
  }
  const parsed = importRecordSchema.safeParse(raw);
  if (parsed.success) {
    if (parsed.data.care_date > latestCareDate) return { ok: false, reason: "care_date est dans le futur" };
    return { ok: true, record: parsed.data };
  }
  return { ok: false, reason: parsed.error.issues[0]?.message ?? "ligne invalide" };
}
