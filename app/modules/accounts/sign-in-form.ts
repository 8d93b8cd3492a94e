// The sign-in form's one schema, shared by the page and the action.
import { z } from "zod";

export const memberNumberPattern = /^\d{8}$/;

export const signInSchema = z.object({
  identifier: z
    .string({ error: "Saisissez votre numéro d'adhérent ou votre adresse e-mail." })
    .trim()
    .min(1, "Saisissez votre numéro d'adhérent ou votre adresse e-mail.")
    .max(254, "Cet identifiant est trop long.")
    .refine(
      (v) => memberNumberPattern.test(v) || z.email().safeParse(v).success || /^[a-z0-9._-]{3,64}$/i.test(v),
      "Saisissez un numéro d'adhérent à 8 chiffres ou une adresse e-mail valide.",
    ),
  password: z
    .string({ error: "Saisissez votre mot de passe." })
    .min(1, "Saisissez votre mot de passe.")
    .max(128, "Ce mot de passe est trop long."),
  redirectTo: z.string().optional(),
});

export type SignInInput = z.infer<typeof signInSchema>;
