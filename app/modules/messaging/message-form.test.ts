import { describe, expect, it } from "vitest";
import { defaultMessageCategories } from "./categories.ts";
import { fieldErrorsOf } from "../forms/form-data.ts";
import { advisorNewThreadSchema, newMessageSchema, replySchema } from "./message-form.ts";

const base = { categorie: "modification-contrat", sujet: "ajout-beneficiaires" };

describe("message form", () => {
  it("accepts up to 5,000 characters, trimmed, with Windows line endings made plain", () => {
    expect(replySchema().parse({ message: "  Bonjour,\r\nmerci.  " }).message).toBe("Bonjour,\nmerci.");
    expect(replySchema().safeParse({ message: "x".repeat(5000) }).success).toBe(true);
  });

  it("refuses an empty message, spaces only, or more than 5,000 characters, in French", () => {
    for (const message of ["", "   \n  ", undefined]) {
      const r = replySchema().safeParse({ message });
      expect(r.success).toBe(false);
      expect(fieldErrorsOf(r.error!).message).toBe("Écrivez votre message.");
    }
    const long = replySchema().safeParse({ message: "x".repeat(5001) });
    expect(fieldErrorsOf(long.error!).message).toMatch(/^Votre message dépasse 5\s000 caractères/);
  });

  it("needs a member category and one of its own subjects", () => {
    expect(newMessageSchema(defaultMessageCategories).safeParse({ ...base, message: "Bonjour" }).success).toBe(true);
    expect(
      fieldErrorsOf(
        newMessageSchema(defaultMessageCategories).safeParse({
          categorie: "conseiller",
          sujet: "information",
          message: "Bonjour",
        }).error!,
      ),
    ).toEqual({ categorie: "Choisissez une catégorie." });
    expect(
      fieldErrorsOf(
        newMessageSchema(defaultMessageCategories).safeParse({
          categorie: "cotisations",
          sujet: "ajout-beneficiaires",
          message: "Bonjour",
        }).error!,
      ),
    ).toEqual({ sujet: "Choisissez l'objet de votre demande." });
  });

  it("lets an advisor write in 'Message de votre conseiller' to a numéro d'adhérent", () => {
    expect(
      advisorNewThreadSchema(defaultMessageCategories).safeParse({
        numero: " 10000001 ",
        sujet: "information",
        message: "Bonjour",
      }).success,
    ).toBe(true);
    expect(
      fieldErrorsOf(
        advisorNewThreadSchema(defaultMessageCategories).safeParse({
          numero: "abc",
          sujet: "ajout-beneficiaires",
          message: "",
        }).error!,
      ),
    ).toEqual({
      numero: "Indiquez le numéro d'adhérent, en chiffres (par exemple 10000001).",
      sujet: "Choisissez l'objet du message.",
      message: "Écrivez votre message.",
    });
  });
});
