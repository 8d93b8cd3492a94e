import { describe, expect, it } from "vitest";
import { checkHolderName, checkIban, maskIban } from "./iban.ts";

describe("checkIban", () => {
  it("accepts a valid French IBAN typed with spaces and in lower case", () => {
    expect(checkIban(" fr76 3000 6000 0112 3456 7890 189 ")).toEqual({ ok: true, iban: "FR7630006000011234567890189" });
  });
  it("accepts other SEPA countries", () => {
    expect(checkIban("DE89 3704 0044 0532 0130 00")).toEqual({ ok: true, iban: "DE89370400440532013000" });
    expect(checkIban("CH93 0076 2011 6238 5295 7").ok).toBe(true);
  });
  it("asks for the IBAN when empty", () => {
    expect(checkIban("   ")).toEqual({ ok: false, message: "Saisissez l'IBAN qui figure sur votre RIB." });
  });
  it("refuses characters other than letters, digits and spaces", () => {
    expect(checkIban("FR76/3000")).toMatchObject({
      ok: false,
      message: expect.stringContaining("que des lettres et des chiffres"),
    });
  });
  it("refuses a missing or unknown country code", () => {
    expect(checkIban("7630006000011234567890189")).toMatchObject({
      ok: false,
      message: expect.stringContaining("code du pays"),
    });
    expect(checkIban("ZZ7630006000011234567890189")).toMatchObject({
      ok: false,
      message: expect.stringContaining("code du pays"),
    });
  });
  it("refuses countries outside the SEPA zone", () => {
    expect(checkIban("BR1800360305000010009795493C1")).toMatchObject({
      ok: false,
      message: expect.stringContaining("zone SEPA"),
    });
  });
  it("says how many characters a French IBAN has when one is missing", () => {
    expect(checkIban("FR76 3000 6000 0112 3456 7890 18")).toEqual({
      ok: false,
      message: "Un IBAN de ce pays compte 27 caractères ; vous en avez saisi 26. Vérifiez qu'il ne manque rien.",
    });
  });
  it("reports a typo through the checksum", () => {
    expect(checkIban("FR76 3000 6000 0112 3456 7890 188")).toMatchObject({
      ok: false,
      message: expect.stringContaining("clé de contrôle"),
    });
  });
  it("reports a letter where the country wants digits", () => {
    expect(checkIban("DE89 3704 0044 0532 0130 0A")).toMatchObject({
      ok: false,
      message: expect.stringContaining("format des comptes"),
    });
  });
});

describe("maskIban", () => {
  it("keeps the country, check digits and last three characters", () => {
    expect(maskIban("FR7630006000011234567890189")).toBe("FR76 **** **** **** **** **** 189");
    expect(maskIban("DE89370400440532013000")).toBe("DE89 **** **** **** ***0 00");
  });
});

describe("checkHolderName", () => {
  it("normalises spaces and keeps accents", () => {
    expect(checkHolderName("  Hélia   N'Diaye-Brouez ")).toEqual({ ok: true, name: "Hélia N'Diaye-Brouez" });
  });
  it("refuses empty, too short and digits", () => {
    expect(checkHolderName("").ok).toBe(false);
    expect(checkHolderName("A").ok).toBe(false);
    expect(checkHolderName("JOHN DOE 2")).toMatchObject({ ok: false });
  });
});
