import { describe, expect, it } from "vitest";
import {
  beneficiaryClash,
  beneficiarySchema,
  checkBankForm,
  consentTexts,
  firstDebits,
  missingConsents,
} from "./adhesion-rules.ts";
import { fieldErrors, identitySchema } from "./journey-form.ts";

// Keys by hand: 2 860 375 111 222 = 97 × 29 488 403 208 + 46 → 51; 1 150 369 333 444 = 97 × 11 859 477 664 + 36 → 61.
const spouseNir = "2 86 03 75 111 222 51";
const childNir = "1 15 03 69 333 444 61";
const today = "2027-01-10";
const parse = (v: Record<string, string>) => {
  const r = beneficiarySchema(today).safeParse(v);
  return r.success ? { ok: true as const, data: r.data } : { ok: false as const, errors: fieldErrors(r.error) };
};

describe("names written into e-mails", () => {
  const subscriber = {
    email: "camille@example.com",
    firstName: "Camille",
    lastName: "Durand",
    birthDate: "02/09/1984",
    nir: "1 84 09 69 123 456 57",
  };
  const identity = (v: Record<string, string>) => {
    const r = identitySchema(today).safeParse({ ...subscriber, ...v });
    return r.success ? { ok: true as const } : { ok: false as const, errors: fieldErrors(r.error) };
  };
  it("accepts letters with accents, spaces, apostrophes and hyphens", () => {
    const names: [string, string][] = [
      ["Jean-Éloïse", "N'Diaye"],
      ["Anaïs Marie", "D’Artagnan de la Tour"],
      ["Ægir", "Øster-Nuñez"],
    ];
    for (const [firstName, lastName] of names) {
      expect(identity({ firstName, lastName })).toEqual({ ok: true });
      expect(parse({ role: "child", firstName, lastName, birthDate: "14/03/2015", nir: "" })).toMatchObject({
        ok: true,
      });
    }
  });
  it("refuses links, markup, digits and punctuation, in French beside the field", () => {
    for (const typed of ["https://exemple.fr", "<b>Camille</b>", "Camille2", "Camille.", "-Camille", "a@b"])
      expect(identity({ firstName: typed })).toEqual({
        ok: false,
        errors: { firstName: "Votre prénom : des lettres, espaces, apostrophes et tirets seulement." },
      });
    expect(identity({ lastName: "Durand www.exemple.fr" })).toMatchObject({
      errors: { lastName: "Votre nom : des lettres, espaces, apostrophes et tirets seulement." },
    });
    expect(
      parse({ role: "child", firstName: "Hugo", lastName: "[lien](https://x.fr)", birthDate: "14/03/2015", nir: "" }),
    ).toMatchObject({
      ok: false,
      errors: { lastName: "Le nom : des lettres, espaces, apostrophes et tirets seulement." },
    });
  });
});

describe("beneficiaries", () => {
  const spouse = { role: "spouse", firstName: "Léa", lastName: "Durand", birthDate: "12/03/1986", nir: spouseNir };
  it("a spouse needs a NIR whose key and birth year and month agree", () => {
    expect(parse(spouse)).toMatchObject({ ok: true, data: { nir: "286037511122251", rank: 1 } });
    expect(parse({ ...spouse, nir: "" })).toMatchObject({
      ok: false,
      errors: { nir: expect.stringMatching(/conjoint/) },
    });
    expect(parse({ ...spouse, nir: "2 86 03 75 111 222 52" })).toMatchObject({
      ok: false,
      errors: { nir: expect.stringMatching(/^La clé/) },
    });
    expect(parse({ ...spouse, birthDate: "12/04/1986" })).toMatchObject({
      ok: false,
      errors: { nir: "Le mois de naissance du numéro ne correspond pas à la date de naissance." },
    });
  });
  it("a child may be attached to the subscriber's number (no NIR), with a birth rank of 1 to 9", () => {
    const child = { role: "child", firstName: "Hugo", lastName: "Durand", birthDate: "14/03/2015", nir: "", rank: "" };
    expect(parse(child)).toMatchObject({ ok: true, data: { nir: "", rank: 1 } });
    expect(parse({ ...child, nir: childNir, rank: "2" })).toMatchObject({ ok: true, data: { rank: 2 } });
    expect(parse({ ...child, rank: "0" })).toMatchObject({ ok: false, errors: { rank: expect.any(String) } });
  });
  it("dates: not in the future, a spouse aged 16 or more, a child up to 27 included", () => {
    expect(parse({ ...spouse, birthDate: "11/01/2027" }).ok).toBe(false);
    expect(parse({ ...spouse, role: "spouse", birthDate: "11/01/2011", nir: "" })).toMatchObject({
      errors: { birthDate: "Un conjoint a au moins 16 ans." },
    });
    const child = { role: "child", firstName: "A", lastName: "B", nir: "" };
    expect(parse({ ...child, birthDate: "10/01/1999" })).toMatchObject({
      errors: { birthDate: expect.stringMatching(/jusqu'à 27 ans inclus/) },
    }); // 28 on 10/01/2027
    expect(parse({ ...child, birthDate: "11/01/1999" }).ok).toBe(true); // 27 the day before their 28th birthday
  });
  it("one spouse, no NIR twice, twins told apart by their rank", () => {
    const list = [
      { role: "spouse" as const, birthDate: "1986-03-12", rank: 1, nir: "286037511122251" },
      { role: "child" as const, birthDate: "2015-03-14", rank: 1, nir: "" },
    ];
    expect(beneficiaryClash(list, { role: "spouse", birthDate: "1990-01-01", rank: 1, nir: "" }, "x")?.field).toBe(
      "role",
    );
    expect(beneficiaryClash(list, { role: "child", birthDate: "2015-03-14", rank: 1, nir: "" }, "x")?.field).toBe(
      "rank",
    );
    expect(beneficiaryClash(list, { role: "child", birthDate: "2015-03-14", rank: 2, nir: "" }, "x")).toBeNull();
    expect(
      beneficiaryClash(
        list,
        { role: "child", birthDate: "2016-01-01", rank: 1, nir: "184096912345657" },
        "184096912345657",
      )?.field,
    ).toBe("nir");
  });
});

describe("bank details", () => {
  it("one account for both, or a second one for reimbursements, each checked by ibantools", () => {
    expect(checkBankForm({ holderName: "Camille Durand", debitIban: "FR76 3000 6000 0112 3456 7890 189" })).toEqual({
      ok: true,
      bank: {
        holderName: "Camille Durand",
        debitIban: "FR7630006000011234567890189",
        refundHolderName: null,
        refundIban: null,
      },
    });
    const bad = checkBankForm({
      holderName: "",
      debitIban: "FR76 3000 6000 0112 3456 7890 188",
      refundAccount: "autre",
      refundIban: "US12",
    });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual([
      "debitIban",
      "holderName",
      "refundHolderName",
      "refundIban",
    ]);
    // The refund account's messages name it: the summary lists both accounts' mistakes apart.
    expect(!bad.ok && bad.errors.refundHolderName).toMatch(/^Compte des remboursements : saisissez /);
    expect(!bad.ok && bad.errors.holderName).not.toMatch(/^Compte des remboursements/);
    const two = checkBankForm({
      holderName: "Camille Durand",
      debitIban: "FR7630006000011234567890189",
      refundAccount: "autre",
      refundHolderName: "Camille Durand",
      refundIban: "DE89 3704 0044 0532 0130 00",
    });
    expect(two).toMatchObject({ ok: true, bank: { refundIban: "DE89370400440532013000" } });
  });
});

describe("consents", () => {
  it("every consent is required, each with its exact text", () => {
    expect(Object.keys(missingConsents({ consent_notice: "oui" }))).toEqual([
      "consent_distance",
      "consent_mandat",
      "consent_exactitude",
    ]);
    expect(missingConsents(Object.fromEntries(consentTexts.map((c) => [`consent_${c.id}`, "oui"])))).toEqual({});
    expect(consentTexts.find((c) => c.id === "distance")!.text).toContain("14 jours calendaires");
  });
});

describe("first debits (pre-notified with the mandate, at least 14 days ahead)", () => {
  const base = { monthlyCents: 4800, debitDay: 5 };
  it("starts on the debit day of the start month when it is 14 days away or more", () => {
    expect(firstDebits({ ...base, startDate: "2027-02-01", notifiedOn: "2027-01-10" })).toEqual([
      { date: "2027-02-05", amountCents: 4800, months: ["2027-02"] },
      { date: "2027-03-05", amountCents: 4800, months: ["2027-03"] },
      { date: "2027-04-05", amountCents: 4800, months: ["2027-04"] },
    ]);
  });
  it("the 14th day exactly is allowed; one day short moves the debit a month later, catching up the month", () => {
    expect(firstDebits({ ...base, startDate: "2027-02-01", notifiedOn: "2027-01-22" })[0]).toEqual({
      date: "2027-02-05",
      amountCents: 4800,
      months: ["2027-02"],
    });
    expect(firstDebits({ ...base, startDate: "2027-02-01", notifiedOn: "2027-01-23" })).toEqual([
      { date: "2027-03-05", amountCents: 9600, months: ["2027-02", "2027-03"] },
      { date: "2027-04-05", amountCents: 4800, months: ["2027-04"] },
      { date: "2027-05-05", amountCents: 4800, months: ["2027-05"] },
    ]);
  });
  it("crosses the year", () => {
    expect(firstDebits({ ...base, startDate: "2027-12-01", notifiedOn: "2027-11-25", count: 2 })).toEqual([
      { date: "2028-01-05", amountCents: 9600, months: ["2027-12", "2028-01"] },
      { date: "2028-02-05", amountCents: 4800, months: ["2028-02"] },
    ]);
  });
});
