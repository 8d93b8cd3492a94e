import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf, formValues, parseForm, textField } from "./form-data.ts";

function formOf(entries: [string, string | Blob][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

describe("form data", () => {
  it("reads a text field, and a file or a missing field as an empty string", () => {
    const form = formOf([
      ["nom", "Durand"],
      ["piece", new Blob(["%PDF"], { type: "application/pdf" })],
    ]);
    expect(textField(form, "nom")).toBe("Durand");
    expect(textField(form, "piece")).toBe("");
    expect(textField(form, "absent")).toBe("");
  });

  it("cuts an overlong field and leaves files out of the values", () => {
    const form = formOf([
      ["texte", "x".repeat(5000)],
      ["piece", new Blob(["a"])],
    ]);
    expect(textField(form, "texte", 10)).toHaveLength(10);
    expect(formValues(form)).toEqual({ texte: "x".repeat(2000) });
  });

  it("gives the data, or the first message of each field with the values typed", () => {
    const schema = z.object({
      email: z.email("Saisissez une adresse e-mail valide."),
      age: z.coerce.number().int().min(16, "Âge minimum : 16 ans."),
    });
    const good = parseForm(
      schema,
      formOf([
        ["email", "a@b.fr"],
        ["age", "30"],
      ]),
    );
    expect(good).toEqual({ ok: true, data: { email: "a@b.fr", age: 30 }, values: { email: "a@b.fr", age: "30" } });
    const bad = parseForm(schema, { email: "nope", age: "3" });
    expect(bad).toEqual({
      ok: false,
      fieldErrors: { email: "Saisissez une adresse e-mail valide.", age: "Âge minimum : 16 ans." },
      values: { email: "nope", age: "3" },
    });
  });

  it("keeps only the first message when a field breaks two rules", () => {
    const schema = z.object({ code: z.string().min(6, "Six chiffres.").regex(/^\d+$/, "Chiffres seulement.") });
    const result = schema.safeParse({ code: "ab" });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error)).toEqual({ code: "Six chiffres." });
  });
});
