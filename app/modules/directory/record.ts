// One line of a directory file (docs/directory.md), read strictly: a value that could mean two things is
// refused with the field named, in French. Pure.
import { z } from "zod";
import { identifierKinds, isSpecialtyCode, type SpecialtyCode } from "./specialties.ts";

/** No control character (U+0000–U+001F, U+007F–U+009F), as the décomptes' import. */
const hasNoControl = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return false;
  }
  return true;
};
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "obligatoire")
    .max(max, `${max} caractères au plus`)
    .refine(hasNoControl, "caractère de contrôle interdit");
const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,3}(\.\d{1,8})?$/, "nombre décimal avec un point attendu (ex. 45.7640)")
    .transform(Number)
    .refine((n) => n >= min && n <= max, `entre ${min} et ${max} attendu`);
const flag = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .refine((s) => s === "" || s === "oui" || s === "non", "« oui », « non » ou vide attendu")
  .transform((s) => s === "oui");

const identifierRules = {
  rpps: { pattern: /^\d{11}$/, message: "11 chiffres attendus (RPPS)" },
  adeli: { pattern: /^\d{9}$/, message: "9 chiffres attendus (ADELI)" },
  finess: { pattern: /^\d[\dAB]\d{7}$/, message: "9 caractères attendus (FINESS, ex. 690000880 ou 2A0000014)" },
} as const;

export const professionalRecordSchema = z
  .object({
    identifier_kind: z
      .string()
      .trim()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(identifierKinds, { error: "« rpps », « adeli » ou « finess » attendu" })),
    identifier: z.string().trim().min(1, "obligatoire"),
    name: text(200),
    specialties: z
      .string()
      .trim()
      .min(1, "au moins une spécialité")
      .transform((s) => s.split("|").map((x) => x.trim().toLowerCase()))
      .superRefine((codes, ctx) => {
        const unknown = codes.filter((c) => !isSpecialtyCode(c));
        if (unknown.length > 0)
          ctx.addIssue({ code: "custom", message: `spécialité inconnue : ${unknown.join(", ")}` });
      })
      .transform((codes) => [...new Set(codes)] as SpecialtyCode[]),
    address: text(200),
    postcode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, "5 chiffres attendus"),
    city: text(100),
    phone: z
      .string()
      .trim()
      .regex(/^(\+?[\d ]{6,20})?$/, "chiffres et espaces attendus")
      .optional()
      .transform((s) => s || null),
    latitude: coordinate(-90, 90),
    longitude: coordinate(-180, 180),
    partner: flag.optional().transform((b) => b ?? false),
    offer_100_sante: flag.optional().transform((b) => b ?? false),
    tiers_payant: flag.optional().transform((b) => b ?? false),
    accessible: flag.optional().transform((b) => b ?? false),
  })
  .superRefine((r, ctx) => {
    const rule = identifierRules[r.identifier_kind];
    if (!rule.pattern.test(r.identifier)) ctx.addIssue({ code: "custom", path: ["identifier"], message: rule.message });
  });

export type ProfessionalRecord = z.output<typeof professionalRecordSchema>;

export const requiredColumns = [
  "identifier_kind",
  "identifier",
  "name",
  "specialties",
  "address",
  "postcode",
  "city",
  "latitude",
  "longitude",
] as const;

/** The record, or the line's rejection reason ("identifier : 11 chiffres attendus (RPPS)"). */
export function parseProfessionalRecord(
  raw: unknown,
): { ok: true; value: ProfessionalRecord } | { ok: false; reason: string } {
  const parsed = professionalRecordSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const reasons = parsed.error.issues.map((i) => {
    const field = i.path.join(".");
    const message = i.code === "invalid_type" ? (field ? "obligatoire" : "objet attendu") : i.message;
    return field ? `${field} : ${message}` : message;
  });
  return { ok: false, reason: [...new Set(reasons)].join(" ; ") };
}

/** The identifier of a line, even a refused one (a full import does not withdraw a professional whose line was refused). */
export function readableKey(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const kind = typeof r.identifier_kind === "string" ? r.identifier_kind.trim().toLowerCase() : "";
  const id = typeof r.identifier === "string" ? r.identifier.trim() : "";
  return kind && id ? `${kind}:${id}` : null;
}
