// The advisor's form recording a legal representative (tutelle, curatelle) from the judgment. Pure.
import { z } from "zod";
import { emailField } from "../forms/fields.ts";
import { isCalendarDate } from "../shared/iso-date.ts";
import { legalMeasures } from "./legal-measures.ts";

export const legalRepresentativeSchema = z.object({
  personId: z.uuid("Choisissez la personne protégée."),
  measure: z.enum(legalMeasures, "Choisissez la mesure prononcée par le jugement."),
  name: z.string().trim().min(1, "Indiquez le nom du représentant.").max(120, "Le nom est trop long."),
  email: emailField,
  endsOn: z.string().trim().refine(isCalendarDate, "Indiquez la date de fin de la mesure au format jj/mm/aaaa."),
});
