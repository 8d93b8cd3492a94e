import { describe, expect, it } from "vitest";
import { decimalComma, paymentsCsv } from "./export-csv.ts";

describe("paymentsCsv", () => {
  it("writes French numbers and dates, ';' separators, a BOM and quotes where needed", () => {
    const csv = paymentsCsv([
      {
        paymentDate: "2026-07-25", careDate: "2026-07-18", beneficiaryFirstName: "Sarah", beneficiaryLastName: "Mancion",
        careType: "optique", professionalName: "Optique du Centre; Lyon", chargedCents: 60000, baseCents: 15, amoCents: 9,
        amcCents: 40923, remainingCents: 19068, paidTo: "beneficiary", paidToFirstName: "Sarah",
      },
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, row] = csv.slice(1).split("\r\n");
    expect(header).toBe("Date de paiement;Date des soins;Bénéficiaire;Type de soin;Professionnel de santé;Montant payé;Base de remboursement;Part Sécurité sociale;Part mutuelle;Reste à charge;Versé à");
    expect(row).toBe('25/07/2026;18/07/2026;Sarah Mancion;Optique;"Optique du Centre; Lyon";600,00;0,15;0,09;409,23;190,68;Sarah');
  });

  it("formats cents with a decimal comma", () => {
    expect([decimalComma(4500), decimalComma(5), decimalComma(0), decimalComma(-150), decimalComma(123456)]).toEqual(["45,00", "0,05", "0,00", "-1,50", "1234,56"]);
  });
});
