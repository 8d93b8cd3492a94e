import { z } from "zod";
import { describe, expect, it } from "vitest";
import { contactSchema, emailSchema, normalisePhone } from "./contact-form.ts";

describe("normalisePhone", () => {
  it("writes French numbers in pairs", () => {
    expect(normalisePhone("0612345678")).toBe("06 12 34 56 78");
    expect(normalisePhone("+33 6 12 34 56 78")).toBe("06 12 34 56 78");
    expect(normalisePhone("06.12.34.56.78")).toBe("06 12 34 56 78");
  });
  it("keeps international numbers and an empty value", () => {
    expect(normalisePhone("+41 79 123 45 67")).toBe("+41791234567");
    expect(normalisePhone("")).toBe("");
  });
  it("refuses what is not a phone number", () => {
    expect(normalisePhone("0612")).toBeNull();
    expect(normalisePhone("abc")).toBeNull();
  });
});

describe("contactSchema", () => {
  const valid = {
    addressLine1: "12 rue des Lilas",
    addressLine2: "",
    postalCode: "75015",
    city: "Paris",
    phone: "0612345678",
  };
  it("accepts and normalises a full address", () => {
    expect(contactSchema.parse(valid)).toEqual({ ...valid, phone: "06 12 34 56 78" });
  });
  it("gives a French message per field", () => {
    const result = contactSchema.safeParse({ addressLine1: "", postalCode: "7501", city: "", phone: "12" });
    expect(result.success).toBe(false);
    const errors = z.flattenError(result.error!).fieldErrors;
    expect(errors.addressLine1?.[0]).toBe("Saisissez votre adresse (numéro et rue).");
    expect(errors.postalCode?.[0]).toContain("5 chiffres");
    expect(errors.city?.[0]).toBe("Saisissez votre ville.");
    expect(errors.phone?.[0]).toContain("10 chiffres");
  });
});

it("emailSchema lower-cases and checks the address", () => {
  expect(emailSchema.parse({ email: " Benoit.B@Example.COM " }).email).toBe("benoit.b@example.com");
  expect(emailSchema.safeParse({ email: "benoit@" }).success).toBe(false);
});
