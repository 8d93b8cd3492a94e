// Fields several forms share, written once so they read and refuse alike everywhere.
import { z } from "zod";

/**
 * An e-mail address typed in a form: trimmed, lower-cased (we compare addresses, and mail servers treat them
 * case-insensitively in practice), at most 254 characters (RFC 5321), refused in plain French with an example.
 */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "L'adresse e-mail est trop longue.")
  .pipe(z.email("Saisissez une adresse e-mail complète, par exemple prenom.nom@exemple.fr."));
