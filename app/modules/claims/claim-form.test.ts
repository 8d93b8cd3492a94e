import { describe, expect, it } from "vitest";
import { claimDetailsSchema, oldestCareDate, parseEuros } from "./claim-form.ts";

describe("parseEuros", () => {
  it.each([
    ["45", 4500],
    ["45,5", 4550],
    ["45,50", 4550],
    ["1 234,56", 123456],
    ["45.50", 4550],
    ["75 €", 7500],
    ["0,05", 5],
  ])("%s → %i", (input, cents) => {
    expect(parseEuros(input)).toBe(cents);
  });
  it.each(["", "abc", "45,555", "-3", "1e3", "45,00,00"])("refuses %s", (input) => {
    expect(parseEuros(input)).toBeNull();
  });
});

describe("claim details", () => {
  const schema = claimDetailsSchema("2026-11-26", ["b1"]);
  const valid = {
    beneficiaryId: "b1",
    careType: "chiropractie",
    lieu: "france",
    careDate: "2026-11-20",
    amount: "80,00",
  };

  it("accepts a care in France and turns the amount into cents", () => {
    expect(schema.parse(valid)).toMatchObject({ amount: 8000, careType: "chiropractie" });
  });

  it("asks the country and currency for care abroad", () => {
    const result = schema.safeParse({ ...valid, lieu: "etranger" });
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["country", "Indiquez le pays où vous avez reçu le soin."],
      ["currency", "Choisissez la monnaie dans laquelle vous avez payé."],
    ]);
    expect(schema.safeParse({ ...valid, lieu: "etranger", country: "Suisse", currency: "CHF" }).success).toBe(true);
  });

  it("refuses another household's person, future care, care too old and odd amounts", () => {
    const messages = (input: object) => schema.safeParse({ ...valid, ...input }).error?.issues.map((i) => i.message);
    expect(messages({ beneficiaryId: "someone-else" })).toEqual(["Choisissez la personne qui a reçu le soin."]);
    expect(messages({ careDate: "2026-12-01" })).toEqual(["La date du soin ne peut pas être dans le futur."]);
    expect(messages({ careDate: "2024-08-25" })).toEqual([
      "Ce soin date de plus de 2 ans et 3 mois : il ne peut plus être remboursé.",
    ]);
    expect(messages({ amount: "0" })).toEqual(["Indiquez le montant payé, par exemple 45,00."]);
    expect(oldestCareDate("2026-11-26")).toBe("2024-08-26");
  });

  it("says an empty or malformed date is missing or malformed, never too old", () => {
    const messages = (careDate: string) => schema.safeParse({ ...valid, careDate }).error?.issues.map((i) => i.message);
    expect(messages("")).toEqual(["Indiquez la date du soin."]);
    expect(messages("20/11/2026")).toEqual(["Indiquez la date du soin au format jj/mm/aaaa."]);
    expect(messages("2026-02-30")).toEqual(["Cette date n'existe pas."]);
  });
});
