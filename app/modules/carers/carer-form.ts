// The form a member fills to give a carer access.
import { z } from "zod";
import { emailField } from "../forms/fields.ts";
import { isCalendarDate } from "../shared/iso-date.ts";
import { delegableScopes } from "../accounts/scopes.ts";
import { textField } from "../forms/form-data.ts";

export const grantSchema = z.object({
  name: z.string().trim().min(1, "Indiquez le nom de la personne aidante.").max(120, "Le nom est trop long."),
  email: emailField,
  scopes: z.array(z.enum(delegableScopes)).min(1, "Cochez au moins un accès à donner."),
  endsOn: z.string().trim().refine(isCalendarDate, "Indiquez la date de fin au format jj/mm/aaaa."),
  note: z.string().trim().max(500, "La note ne peut pas dépasser 500 caractères.").optional(),
});

/** Reads the posted form (scopes are repeated checkboxes). */
export function parseGrantForm(form: FormData) {
  return grantSchema.safeParse({
    name: textField(form, "name", 500),
    email: textField(form, "email", 500),
    scopes: form.getAll("scopes").map(String),
    endsOn: textField(form, "endsOn", 20),
    note: textField(form, "note", 1000) || undefined,
  });
}
