import { z } from "zod";
import { describe, expect, it } from "vitest";
import { addBeneficiarySchema, removeBeneficiarySchema } from "./beneficiary-form.ts";

const today = "2026-11-26";
const valid = {
  firstName: "Jean-Claude",
  lastName: "Brouez",
  birthDate: "2026-10-02",
  relationship: "child",
  startDate: "2026-12-01",
};

describe("addBeneficiarySchema", () => {
  it("accepts a newborn starting next month", () => {
    expect(addBeneficiarySchema(today).parse(valid)).toEqual(valid);
  });
  it("refuses a birth date in the future, a start in the past and a missing relationship", () => {
    const r = addBeneficiarySchema(today).safeParse({ ...valid, birthDate: "2027-01-01", relationship: "" });
    expect(r.success).toBe(false);
    const errors = z.flattenError(r.error!).fieldErrors;
    expect(errors.birthDate?.[0]).toBe("La date de naissance ne peut pas être dans le futur.");
    expect(errors.relationship?.[0]).toBe("Choisissez le lien avec vous.");
    const past = addBeneficiarySchema(today).safeParse({ ...valid, startDate: "2026-11-25" });
    expect(z.flattenError(past.error!).fieldErrors.startDate?.[0]).toBe(
      "La couverture ne peut pas commencer avant aujourd'hui.",
    );
  });
  it("reads dates typed the French way", () => {
    expect(addBeneficiarySchema(today).parse({ ...valid, birthDate: "02/10/2026" }).birthDate).toBe("2026-10-02");
  });
  it("refuses impossible dates and names with digits", () => {
    const r = addBeneficiarySchema(today).safeParse({ ...valid, birthDate: "2026-02-30", firstName: "J3an" });
    const errors = z.flattenError(r.error!).fieldErrors;
    expect(errors.birthDate?.[0]).toContain("JJ/MM/AAAA");
    expect(errors.firstName?.[0]).toContain("que des lettres");
  });
});

describe("removeBeneficiarySchema", () => {
  it("accepts today up to a year ahead", () => {
    expect(removeBeneficiarySchema(today).safeParse({ endDate: "2026-11-26" }).success).toBe(true);
    expect(removeBeneficiarySchema(today).safeParse({ endDate: "2027-11-27" }).success).toBe(true);
    expect(removeBeneficiarySchema(today).safeParse({ endDate: "2027-11-28" }).success).toBe(false);
    expect(removeBeneficiarySchema(today).safeParse({ endDate: "2026-11-25" }).success).toBe(false);
  });
});
