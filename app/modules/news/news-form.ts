// A news item as an administrateur types it. Pure.
import { z } from "zod";
import { isCalendarDate } from "../shared/iso-date.ts";

export const newsSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(3, "Saisissez un titre (3 caractères au moins).")
      .max(120, "Le titre fait 120 caractères au plus."),
    body: z
      .string()
      .trim()
      .min(10, "Saisissez le texte de l'actualité (10 caractères au moins).")
      .max(1000, "Le texte fait 1 000 caractères au plus."),
    publishFrom: z.string().trim().refine(isCalendarDate, "Saisissez la date de début de publication."),
    publishUntil: z
      .string()
      .trim()
      .refine((v) => v === "" || isCalendarDate(v), "Saisissez une date de fin valide, ou laissez vide.")
      .transform((v) => (v === "" ? null : v)),
  })
  .refine((v) => v.publishUntil === null || v.publishUntil >= v.publishFrom, {
    path: ["publishUntil"],
    message: "La fin de publication est après son début.",
  });

export type NewsInput = z.infer<typeof newsSchema>;
