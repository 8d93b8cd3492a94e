import { z } from "zod";

// The one way a route reads a posted form: text fields as strings (a file or a missing field reads as ""),
// cut at a length no honest field reaches, and zod errors turned into one message per field.

/** Fields longer than this are cut before validation: a schema then refuses them with its own French message. */
const DEFAULT_MAX_LENGTH = 2000;

/** The text of one field; "" when it is missing or is a file. */
export function textField(form: FormData, name: string, maxLength = DEFAULT_MAX_LENGTH): string {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, maxLength) : "";
}

/** Every text field, as typed (the last value wins for repeated names; files are left out). */
export function formValues(form: FormData, maxLength = DEFAULT_MAX_LENGTH): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value === "string") values[name] = value.slice(0, maxLength);
  }
  return values;
}

/** The first message of each field of a failed parse, keyed by field name. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, messages] of Object.entries(z.flattenError(error).fieldErrors)) {
    const first = (messages as string[] | undefined)?.[0];
    if (first) errors[name] = first;
  }
  return errors;
}

export type FormParse<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string>; values: Record<string, string> };

/** Validates a form's text fields with a zod schema: the data, or a message per field and the values to show back. */
export function parseForm<Schema extends z.ZodType>(
  schema: Schema,
  source: FormData | Record<string, string>,
): FormParse<z.output<Schema>> {
  const values = source instanceof FormData ? formValues(source) : source;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, fieldErrors: fieldErrorsOf(result.error), values };
}
