// An article as an administrateur types it. Pure.
import { z } from "zod";
import { helpPageKeys, helpThemeKeys } from "./themes.ts";
import { textField } from "../forms/form-data.ts";

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const articleSchema = z.object({
  title: z
    .string()
    .trim()
    .min(3, "Saisissez un titre (3 caractères au moins).")
    .max(120, "Le titre fait 120 caractères au plus."),
  slug: z
    .string()
    .trim()
    .max(80, "L'adresse fait 80 caractères au plus.")
    .regex(slugPattern, "L'adresse s'écrit en minuscules sans accent, chiffres et tirets (ex. : changer-de-rib)."),
  theme: z.enum(helpThemeKeys, { error: "Choisissez un thème." }),
  summary: z
    .string()
    .trim()
    .min(10, "Saisissez un résumé (10 caractères au moins).")
    .max(300, "Le résumé fait 300 caractères au plus."),
  body: z
    .string()
    .trim()
    .min(20, "Saisissez le texte de l'article (20 caractères au moins).")
    .max(20000, "Le texte fait 20 000 caractères au plus."),
  pages: z.array(z.enum(helpPageKeys, { error: "Cette page n'existe pas." })).max(helpPageKeys.length),
  position: z.coerce
    .number({ error: "Saisissez un nombre entier entre 0 et 999." })
    .int("Saisissez un nombre entier entre 0 et 999.")
    .min(0, "Saisissez un nombre entier entre 0 et 999.")
    .max(999, "Saisissez un nombre entier entre 0 et 999."),
});

export type ArticleInput = z.infer<typeof articleSchema>;

/** The form's fields (checkboxes "pages" may repeat) as the schema reads them. */
export function articleFields(form: FormData): Record<string, unknown> {
  const one = (name: string) => textField(form, name, 21000);
  return {
    title: one("title"),
    slug: one("slug"),
    theme: one("theme"),
    summary: one("summary"),
    body: one("body"),
    pages: form
      .getAll("pages")
      .slice(0, 20)
      .map((v) => String(v)),
    position: one("position") === "" ? "100" : one("position"),
  };
}

export const searchQuerySchema = z
  .string()
  .trim()
  .max(200, "Votre recherche fait 200 caractères au plus.")
  .transform((v) => v.replace(/\s+/g, " "));
