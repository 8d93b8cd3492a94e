import { describe, expect, it } from "vitest";
import { validateRecord } from "./record-schema.ts";

const good = {
  line_id: "L-1",
  member_number: "10000002",
  beneficiary_ref: "10000002-01",
  care_type: "pharmacie",
  care_date: "2026-10-01",
  payment_date: "2026-10-03",
  professional: "Dr Martin",
  charged_cents: "1250",
  base_cents: "1000",
  amo_cents: "650",
  amc_cents: "350",
  paid_to: "member",
};
// Care dates in the fixture are all before this: the future-date rule is not what these tests look at.
const latestCareDate = "2099-12-31";
const reason = (changes: Record<string, unknown>) => {
  const result = validateRecord({ ...good, ...changes }, latestCareDate);
  return result.ok ? "accepté" : result.reason;
};

describe("amounts", () => {
  it("accepts whole numbers of cents, as digits or as JSON whole numbers", () => {
    const ok = validateRecord(
      { ...good, charged_cents: "0012", base_cents: 1000, amo_cents: "0", amc_cents: 0 },
      latestCareDate,
    );
    expect(ok).toMatchObject({ ok: true, record: { charged_cents: 12, base_cents: 1000, amo_cents: 0, amc_cents: 0 } });
    // A JSON number that happens to be written with a zero fraction is the same whole number.
    expect(validateRecord({ ...good, charged_cents: 1250.0 }, latestCareDate)).toMatchObject({
      ok: true,
      record: { charged_cents: 1250 },
    });
  });

  it.each([
    ["", "charged_cents manquant (montant en centimes : 12,50 € s'écrit 1250)"],
    ["   ", "charged_cents manquant (montant en centimes : 12,50 € s'écrit 1250)"],
    [undefined, "charged_cents manquant (montant en centimes : 12,50 € s'écrit 1250)"],
    [null, "charged_cents manquant (montant en centimes : 12,50 € s'écrit 1250)"],
    [
      "0x10",
      "charged_cents : nombre entier attendu, en chiffres uniquement (sans espace, signe ni exposant) (montant en centimes : 12,50 € s'écrit 1250)",
    ],
    [
      "1e3",
      "charged_cents : nombre entier attendu, en chiffres uniquement (sans espace, signe ni exposant) (montant en centimes : 12,50 € s'écrit 1250)",
    ],
    [
      " 12",
      "charged_cents : nombre entier attendu, en chiffres uniquement (sans espace, signe ni exposant) (montant en centimes : 12,50 € s'écrit 1250)",
    ],
    [
      "+12",
      "charged_cents : nombre entier attendu, en chiffres uniquement (sans espace, signe ni exposant) (montant en centimes : 12,50 € s'écrit 1250)",
    ],
    [
      "12,5",
      "charged_cents : nombre entier attendu, sans virgule ni point (montant en centimes : 12,50 € s'écrit 1250)",
    ],
    [
      "12.50",
      "charged_cents : nombre entier attendu, sans virgule ni point (montant en centimes : 12,50 € s'écrit 1250)",
    ],
    ["-5", "charged_cents : montant négatif"],
    [-5, "charged_cents : montant négatif"],
    [12.5, "charged_cents : nombre entier attendu, sans décimales (montant en centimes : 12,50 € s'écrit 1250)"],
    [
      (0.1 + 0.2) * 100,
      "charged_cents : nombre entier attendu, sans décimales (montant en centimes : 12,50 € s'écrit 1250)",
    ],
    [true, "charged_cents : nombre entier attendu (montant en centimes : 12,50 € s'écrit 1250)"],
    ["100000001", "charged_cents : 100000000 au plus"],
    [
      "9".repeat(400),
      "charged_cents : nombre entier attendu, en chiffres uniquement (sans espace, signe ni exposant) (montant en centimes : 12,50 € s'écrit 1250)",
    ],
  ])("refuses charged_cents %j", (value, expected) => {
    expect(reason({ charged_cents: value })).toBe(expected);
  });

  it("takes an empty optional amount, rate or quantity as absent, and reads them as strictly as the others", () => {
    expect(
      validateRecord({ ...good, amo_deductible_cents: "", amo_rate_bp: "", quantity: "" }, latestCareDate),
    ).toMatchObject({
      ok: true,
      record: { amo_deductible_cents: 0, amo_rate_bp: null, quantity: 1 },
    });
    expect(reason({ amo_deductible_cents: "0x10" })).toMatch(
      /^amo_deductible_cents : nombre entier attendu, en chiffres uniquement/,
    );
    expect(reason({ amo_rate_bp: "70.5" })).toBe(
      "amo_rate_bp : nombre entier attendu, sans virgule ni point (taux en points de base, de 0 à 10000)",
    );
    expect(reason({ amo_rate_bp: "10001" })).toBe("amo_rate_bp : 10000 au plus");
    expect(reason({ quantity: "0" })).toBe("quantity : 1 au moins");
    expect(reason({ quantity: "-1" })).toBe("quantity : valeur négative");
    expect(reason({ quantity: "1e2" })).toMatch(/^quantity : nombre entier attendu/);
  });
});

describe("text", () => {
  it.each([
    ["professional", "Dr\u0000Martin", "professional : caractère de contrôle interdit (U+0000)"],
    ["professional", "Dr\u0007Martin", "professional : caractère de contrôle interdit (U+0007)"],
    ["guarantee_label", "Forfait\u009B", "guarantee_label : caractère de contrôle interdit (U+009B)"],
    ["line_id", "L\t1", "line_id : caractère de contrôle interdit (U+0009)"],
    ["beneficiary_ref", "10000002-01\n", "beneficiary_ref : caractère de contrôle interdit (U+000A)"],
    ["professional", "Dr \uD800", "professional : caractère Unicode invalide"],
    ["professional", "H\uFFFDl\uFFFDne", "encodage invalide : le fichier doit être en UTF-8"],
    ["professional", "x".repeat(201), "professional trop long (200 caractères au plus)"],
    ["guarantee_label", "x".repeat(201), "guarantee_label trop long (200 caractères au plus)"],
    ["beneficiary_ref", "x".repeat(65), "beneficiary_ref trop long (64 caractères au plus)"],
    ["line_id", "x".repeat(65), "line_id trop long (64 caractères au plus)"],
    ["line_id", 12, "line_id : texte attendu"],
    ["line_id", "", "line_id manquant"],
    ["member_number", "1000002", "member_number : 8 chiffres attendus"],
    ["member_number", "100000021", "member_number : 8 chiffres attendus"],
    ["member_number", undefined, "member_number manquant"],
    ["care_type", "dentiste", "care_type inconnu"],
    ["care_type", undefined, "care_type manquant"],
    ["paid_to", "moi", "paid_to inconnu : member, beneficiary ou professional attendu"],
    ["category", "forfait", "category : catégorie de garantie inconnue"],
    ["care_date", 20261001, "care_date : date au format AAAA-MM-JJ attendue"],
    ["care_date", undefined, "care_date : date manquante"],
  ])("refuses %s %j in French", (field, value, expected) => {
    expect(reason({ [field]: value })).toBe(expected);
  });

  it("keeps tabs and line breaks in the free-text fields", () => {
    expect(validateRecord({ ...good, professional: "Cabinet\tBât. B\r\nÉtage 2" }, latestCareDate)).toMatchObject({
      ok: true,
      record: { professional: "Cabinet\tBât. B\r\nÉtage 2" },
    });
  });

  it("ignores control characters in columns it does not read", () => {
    expect(validateRecord({ ...good, commentaire: "\u0000" }, latestCareDate)).toMatchObject({ ok: true });
  });
});

describe("the guarantee engine's inputs (ADR 0020)", () => {
  it("are optional, with their defaults", () => {
    expect(validateRecord(good, latestCareDate)).toMatchObject({
      ok: true,
      record: {
        optam: null,
        out_of_pathway: false,
        out_of_pathway_overrun_cents: 0,
        pathway_amo_rate_bp: null,
        price_limit_cents: null,
        ear: null,
      },
    });
  });

  it("read true/false as CSV words or JSON booleans, cents strictly, and the ear's code", () => {
    expect(
      validateRecord(
        {
          ...good,
          optam: "true",
          out_of_pathway: true,
          out_of_pathway_overrun_cents: "500",
          pathway_amo_rate_bp: "10000",
          price_limit_cents: 95000,
          ear: "left",
        },
        latestCareDate,
      ),
    ).toMatchObject({
      ok: true,
      record: {
        optam: true,
        out_of_pathway: true,
        out_of_pathway_overrun_cents: 500,
        pathway_amo_rate_bp: 10_000,
        price_limit_cents: 95000,
        ear: "left",
      },
    });
    expect(validateRecord({ ...good, optam: false }, latestCareDate)).toMatchObject({ record: { optam: false } });
  });

  it.each([
    [{ optam: "oui" }, "optam : true ou false attendu"],
    [{ optam: "1" }, "optam : true ou false attendu"],
    [{ out_of_pathway: "TRUE" }, "out_of_pathway : true ou false attendu"],
    [
      { price_limit_cents: "950.00" },
      "price_limit_cents : nombre entier attendu, sans virgule ni point (montant en centimes : 12,50 € s'écrit 1250)",
    ],
    [{ ear: "gauche" }, "ear inconnu : left, right ou both attendu"],
    [
      { out_of_pathway_overrun_cents: "500" },
      "out_of_pathway_overrun_cents sans out_of_pathway : un dépassement hors parcours suppose un soin hors parcours",
    ],
    [{ out_of_pathway: true, pathway_amo_rate_bp: "3000" }, "pathway_amo_rate_bp : 7000 au moins"],
    [
      { pathway_amo_rate_bp: 10_000 },
      "pathway_amo_rate_bp sans out_of_pathway : le taux dans le parcours ne se donne que pour un soin hors parcours",
    ],
  ])("refuses %o: %s", (changes, expected) => {
    expect(reason(changes)).toBe(expected);
  });
});
