// The search form's query string (GET: a result page can be bookmarked, shared and opened without JavaScript).
import { z } from "zod";
import { isSpecialtyCode } from "./specialties.ts";

const coordinate = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,3}(\.\d{1,8})?$/)
    .transform(Number)
    .refine((n) => n >= min && n <= max);

export const searchQuerySchema = z.object({
  lieu: z.string().trim().max(100, "100 caractères au plus").default(""),
  specialite: z
    .string()
    .default("")
    .refine((s) => s === "" || isSpecialtyCode(s), "spécialité inconnue")
    .transform((s) => (s === "" || !isSpecialtyCode(s) ? null : s)),
  partenaires: z
    .enum(["", "1"])
    .default("")
    .transform((s) => s === "1"),
  lat: coordinate(-90, 90).optional(),
  lon: coordinate(-180, 180).optional(),
  page: z
    .string()
    .regex(/^\d{1,4}$/, "numéro de page invalide")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 500, "numéro de page invalide")
    .default(1),
});

export type SearchQuery = z.output<typeof searchQuerySchema>;

/** The query's values, or the French message of each field that is wrong. */
export function parseSearchQuery(params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const key of ["lieu", "specialite", "partenaires", "lat", "lon", "page"]) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  const parsed = searchQuerySchema.safeParse(raw);
  if (parsed.success) return { ok: true as const, query: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "lieu");
    fieldErrors[field] ??= field === "lat" || field === "lon" ? "position invalide" : issue.message;
  }
  return { ok: false as const, fieldErrors, lieu: (params.get("lieu") ?? "").slice(0, 100) };
}

/** /aide-contact's nearest-agency search: a place, or a position. */
export const agencyQuerySchema = z.object({
  lieu: z.string().trim().max(100).default(""),
  lat: coordinate(-90, 90).optional(),
  lon: coordinate(-180, 180).optional(),
});
