// The first steps of "Adhérer en ligne" as Zod schemas with French messages per field, built when a form is read
// (the action's), never at the module's top: pages import journey-steps.ts for labels, not this. Pure.
import { z } from "zod";
import { emailField } from "../forms/fields.ts";
import { addMonths } from "../clock/calendar.ts";
import { isCalendarDate } from "../shared/iso-date.ts";
import { departementOf } from "./departement.ts";
import { checkNir, normaliseNir } from "./nir.ts";
import { normaliseDate } from "./quote-form.ts";
import { personName } from "./journey-steps.ts";
import { previousContractClash } from "./previous-contract.ts";

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Saisissez votre ${what}.`)
    .max(80, `Votre ${what} : 80 caractères au plus.`)
    .regex(personName, `Votre ${what} : des lettres, espaces, apostrophes et tirets seulement.`);

export function identitySchema(today: string) {
  return z
    .object({
      email: emailField,
      firstName: name("prénom"),
      lastName: name("nom"),
      birthDate: z
        .string()
        .transform(normaliseDate)
        .refine(
          isCalendarDate,
          "Date de naissance invalide : saisissez-la au format JJ/MM/AAAA, par exemple 25/08/1984.",
        )
        .refine((v) => v <= addMonths(today, -18 * 12), "L'adhérent doit être majeur."),
      nir: z.string().max(30),
    })
    .superRefine((v, ctx) => {
      const checked = checkNir(v.nir, isCalendarDate(v.birthDate) ? v.birthDate : undefined);
      if (!checked.ok) ctx.addIssue({ code: "custom", path: ["nir"], message: checked.message });
    })
    .transform((v) => ({ ...v, nir: normaliseNir(v.nir) }));
}

export function addressSchema(today: string) {
  return z
    .object({
      addressLine1: z.string().trim().min(3, "Saisissez votre adresse (numéro et rue).").max(120),
      postalCode: z
        .string()
        .trim()
        .regex(/^\d{5}$/, "Saisissez le code postal en 5 chiffres, par exemple 69003.")
        .refine((v) => departementOf(v) !== null, "Ce code postal ne correspond à aucun département."),
      city: z.string().trim().min(1, "Saisissez votre commune.").max(80),
      startDate: z
        .string()
        .transform(normaliseDate)
        .refine(isCalendarDate, "Date invalide : saisissez-la au format JJ/MM/AAAA, par exemple 01/02/2027.")
        .refine((v) => v.endsWith("-01"), "Le contrat commence le 1er d'un mois : choisissez un 1er.")
        .refine((v) => v >= today, "La date de début ne peut pas être dans le passé.")
        .refine((v) => v <= addMonths(today, 12), "La date de début doit être dans les 12 prochains mois."),
      // Résiliation infra-annuelle of the current contract by the mutuelle, on the member's behalf (optional).
      cancelPrevious: z.string().default(""),
      previousInsurer: z.string().trim().max(100, "Le nom de l'organisme : 100 caractères au plus.").default(""),
      previousContractNumber: z
        .string()
        .trim()
        .max(40, "Le numéro de contrat : 40 caractères au plus.")
        .regex(/^[A-Za-z0-9 ./-]*$/, "Le numéro de contrat : des chiffres, lettres, espaces, points, tirets ou /.")
        .default(""),
      // The day the current contract began: the résiliation infra-annuelle needs one year of membership.
      previousStartDate: z.string().default("").transform(normaliseDate),
    })
    .superRefine((v, ctx) => {
      if (v.cancelPrevious !== "oui") return;
      if (!insurerName.test(v.previousInsurer))
        ctx.addIssue({
          code: "custom",
          path: ["previousInsurer"],
          message: "Saisissez le nom de votre mutuelle ou assurance actuelle (lettres, chiffres, espaces, & . ' -).",
        });
      if (!isCalendarDate(v.previousStartDate) || v.previousStartDate < "1950-01-01") {
        ctx.addIssue({
          code: "custom",
          path: ["previousStartDate"],
          message:
            "Saisissez la date de début de votre contrat actuel au format JJ/MM/AAAA (sur votre échéancier ou votre " +
            "certificat d'adhésion), par exemple 01/01/2024.",
        });
        return;
      }
      if (v.previousStartDate > today) {
        ctx.addIssue({
          code: "custom",
          path: ["previousStartDate"],
          message: "La date de début de votre contrat actuel ne peut pas être dans le futur.",
        });
        return;
      }
      // Only once the new start date is itself valid (its own message otherwise).
      if (!isCalendarDate(v.startDate) || !v.startDate.endsWith("-01") || v.startDate < today) return;
      const clash = previousContractClash(v.previousStartDate, v.startDate, today);
      if (clash) ctx.addIssue({ code: "custom", path: [clash.field], message: clash.message });
    })
    .transform(({ cancelPrevious, previousInsurer, previousContractNumber, previousStartDate, ...address }) => ({
      address,
      previousContract:
        cancelPrevious === "oui"
          ? {
              insurer: previousInsurer,
              contractNumber: previousContractNumber === "" ? null : previousContractNumber,
              startDate: previousStartDate,
            }
          : null,
    }));
}

/** The current insurer's name, written into the résiliation letter: no markup, no link. */
const insurerName = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} '’&.-]{1,99}$/u;

/** Zod's issues as one French message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
