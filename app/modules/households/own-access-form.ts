// The forms of a beneficiary's own access: the member's invitation, the request from the sign-in page, and
// the activation (identity, then password).
import { z } from "zod";
import { emailField } from "../forms/fields.ts";
import { isCalendarDate } from "../shared/iso-date.ts";

const email = emailField;

const birthDate = z.string().trim().refine(isCalendarDate, "Indiquez la date de naissance au format jj/mm/aaaa.");

export const inviteSchema = z.object({ email });

export const ownAccessRequestSchema = z.object({
  memberNumber: z
    .string()
    .trim()
    .regex(/^\d{6,12}$/, "Indiquez le numéro d'adhérent du contrat (chiffres seulement)."),
  firstName: z.string().trim().min(1, "Indiquez votre prénom.").max(100, "Le prénom est trop long."),
  birthDate,
  email,
});

export const activationSchema = z.object({
  token: z.string().max(200),
  birthDate,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Le code reçu par e-mail compte 6 chiffres."),
  password: z.string().max(1000),
  confirmPassword: z.string().max(1000),
});
