// Adding and removing a covered person: what the member types, checked with French messages. Pure.
import { z } from "zod";
import { isCalendarDate } from "../shared/iso-date.ts";
import { addDays } from "../clock/calendar.ts";

export const relationshipLabels = {
  spouse: "Conjoint ou partenaire",
  child: "Enfant",
  other: "Autre personne à charge",
} as const;
export type Relationship = keyof typeof relationshipLabels;

const name = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Saisissez le ${label}.`)
    .max(60, `Le ${label} fait 60 caractères au plus.`)
    .regex(
      /^[\p{L}][\p{L} '’-]*$/u,
      `Le ${label} ne contient que des lettres, des espaces, des apostrophes et des tirets.`,
    );

// Date fields post "YYYY-MM-DD"; a browser without a date picker lets people type "25/08/2026".
const day = (message: string) =>
  z
    .string()
    .trim()
    .transform((v) => v.replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, "$3-$2-$1"))
    .refine(isCalendarDate, message);

/** `today` as "YYYY-MM-DD" in the mutuelle's time zone, passed in so the rules stay pure. */
export function addBeneficiarySchema(today: string) {
  return z
    .object({
      firstName: name("prénom"),
      lastName: name("nom"),
      birthDate: day("Saisissez la date de naissance au format JJ/MM/AAAA.").refine(
        (d) => d <= today,
        "La date de naissance ne peut pas être dans le futur.",
      ),
      relationship: z.enum(["spouse", "child", "other"], { error: "Choisissez le lien avec vous." }),
      startDate: day("Saisissez la date de début de couverture souhaitée."),
    })
    .refine((v) => v.startDate >= today, {
      path: ["startDate"],
      message: "La couverture ne peut pas commencer avant aujourd'hui.",
    })
    .refine((v) => v.startDate <= addDays(today, 366), {
      path: ["startDate"],
      message: "Choisissez une date dans les 12 prochains mois.",
    });
}

export function removeBeneficiarySchema(today: string) {
  return z.object({
    endDate: day("Saisissez la date de fin de couverture.")
      .refine((d) => d >= today, "La couverture ne peut pas finir avant aujourd'hui.")
      .refine((d) => d <= addDays(today, 366), "Choisissez une date dans les 12 prochains mois."),
  });
}
