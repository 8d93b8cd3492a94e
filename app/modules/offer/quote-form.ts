// The "Obtenir un tarif" form: postcode, the birth date and role of each person, the level wanted. Parsed with
// Zod into French messages per field; the rows come back as typed so nothing is lost. Pure.
import { z } from "zod";
import { addYears } from "../clock/calendar.ts";
import { isCalendarDate } from "../shared/iso-date.ts";
import { departementOf } from "./departement.ts";
import { type Insured, insuredRoles } from "./model.ts";

export const maxPeople = 10;

export interface QuoteRow {
  role: Insured["role"];
  birthDate: string;
}

export interface QuoteValues {
  postalCode: string;
  wanted: string;
  rows: QuoteRow[];
}

/** "25/08/1984" or "1984-08-25" → "1984-08-25"; anything else unchanged (then refused). */
export function normaliseDate(text: string): string {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return fr ? `${fr[3]}-${fr[2]!.padStart(2, "0")}-${fr[1]!.padStart(2, "0")}` : text.trim();
}

/** The rows as typed (for re-rendering), from form fields role_0, birth_0, role_1… */
export function readQuoteValues(form: Record<string, string>): QuoteValues {
  const count = Math.min(maxPeople, Math.max(1, Number.parseInt(form.count ?? "1", 10) || 1));
  const rows: QuoteRow[] = [];
  for (let i = 0; i < count; i++) {
    const role = i === 0 ? "subscriber" : (form[`role_${i}`] ?? "child");
    rows.push({
      role:
        (insuredRoles as readonly string[]).includes(role) && (i === 0 || role !== "subscriber")
          ? (role as QuoteRow["role"])
          : "child",
      birthDate: (form[`birth_${i}`] ?? "").slice(0, 20),
    });
  }
  return { postalCode: (form.postalCode ?? "").trim().slice(0, 10), wanted: (form.wanted ?? "").slice(0, 40), rows };
}

/** The rows back as form fields (what `readQuoteValues` reads), for an action's answer to show them again. */
export function quoteFields(values: QuoteValues): Record<string, string> {
  const fields: Record<string, string> = {
    postalCode: values.postalCode,
    wanted: values.wanted,
    count: String(values.rows.length),
  };
  values.rows.forEach((row, i) => {
    fields[`role_${i}`] = row.role;
    fields[`birth_${i}`] = row.birthDate;
  });
  return fields;
}

export type QuoteParse =
  | { ok: true; postalCode: string; wanted: string | null; people: Insured[] }
  | { ok: false; errors: Record<string, string> };

export function parseQuote(values: QuoteValues, today: string, levels: readonly string[]): QuoteParse {
  const errors: Record<string, string> = {};
  const postal = z
    .string()
    .regex(/^\d{5}$/, "Saisissez le code postal en 5 chiffres, par exemple 69003.")
    .refine((v) => departementOf(v) !== null, "Ce code postal ne correspond à aucun département.")
    .safeParse(values.postalCode.replace(/\s/g, ""));
  if (!postal.success) errors.postalCode = postal.error.issues[0]!.message;
  const oldest = addYears(today, -120);
  const birth = z
    .string()
    .min(1, "Saisissez la date de naissance, par exemple 25/08/1984.")
    .refine(isCalendarDate, "Date de naissance invalide : saisissez-la au format JJ/MM/AAAA, par exemple 25/08/1984.")
    .refine((v) => v <= today, "La date de naissance ne peut pas être dans le futur.")
    .refine((v) => v >= oldest, "Vérifiez l'année de naissance : plus de 120 ans.");
  const people: Insured[] = [];
  values.rows.forEach((row, i) => {
    const parsed = birth.safeParse(normaliseDate(row.birthDate));
    if (!parsed.success) errors[`birth_${i}`] = parsed.error.issues[0]!.message;
    else people.push({ role: row.role, birthDate: parsed.data });
  });
  const spouses = values.rows.map((r, i) => (r.role === "spouse" ? i : -1)).filter((i) => i >= 0);
  if (spouses.length > 1)
    errors[`role_${spouses[1]}`] = "Un seul conjoint peut être couvert : choisissez un autre lien.";
  const wanted = values.wanted === "" ? null : values.wanted;
  if (wanted !== null && !levels.includes(wanted)) errors.wanted = "Choisissez un niveau dans la liste.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, postalCode: postal.data!, wanted, people };
}
