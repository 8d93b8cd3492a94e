// The member's coordonnées as typed in "Mon compte": one schema, French messages, shared by page and server.
import { z } from "zod";
import { emailField } from "../forms/fields.ts";

const text = (max: number, label: string) => z.string().trim().max(max, `${label} : ${max} caractères au plus.`);

/** "06 12 34 56 78" from "0612345678", "+33 6 12 34 56 78", "06.12.34.56.78"; other countries as typed, + and digits. */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, "");
  if (compact === "") return "";
  const french = compact.replace(/^(?:\+33|0033)(\d{9})$/, "0$1");
  if (/^0[1-9]\d{8}$/.test(french)) return french.replace(/(\d{2})(?=\d)/g, "$1 ");
  if (/^\+(?!33)\d{7,15}$/.test(compact)) return compact;
  return null;
}

export const contactSchema = z.object({
  addressLine1: text(100, "Adresse").min(3, "Saisissez votre adresse (numéro et rue)."),
  addressLine2: text(100, "Complément d'adresse").optional().default(""),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, "Le code postal compte 5 chiffres, par exemple 75015."),
  city: text(60, "Ville").min(1, "Saisissez votre ville."),
  phone: z
    .string()
    .trim()
    .max(30, "Numéro de téléphone trop long.")
    .transform((value, ctx) => {
      const phone = normalisePhone(value);
      if (phone === null) {
        ctx.addIssue({
          code: "custom",
          message: "Saisissez un numéro à 10 chiffres (06 12 34 56 78) ou un numéro international commençant par +.",
        });
        return z.NEVER;
      }
      return phone;
    }),
});

export type ContactInput = z.infer<typeof contactSchema>;

export const emailSchema = z.object({
  email: emailField,
});
