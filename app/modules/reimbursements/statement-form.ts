// The statement request: who and which payment dates. One schema for the page and the PDF route.
import { z } from "zod";
import { isCalendarDate } from "../shared/iso-date.ts";

const isoDate = (message: string) => z.string({ error: message }).refine(isCalendarDate, message);

export const statementSchema = z
  .object({
    beneficiaire: z.union([z.literal(""), z.uuid("Choisissez un bénéficiaire dans la liste.")]).optional(),
    du: isoDate("Saisissez la date de début au format jj/mm/aaaa."),
    au: isoDate("Saisissez la date de fin au format jj/mm/aaaa."),
  })
  .refine((v) => v.du <= v.au, { path: ["au"], message: "La date de fin doit être après la date de début." })
  .refine((v) => Date.parse(v.au) - Date.parse(v.du) <= 3 * 366 * 86_400_000, {
    path: ["au"],
    message: "Un relevé couvre au plus 3 ans : choisissez une période plus courte.",
  });

export type StatementRequest = z.infer<typeof statementSchema>;
