import { describe, expect, it } from "vitest";
import { premiumPeriods } from "./premium-schedule.ts";
import { paidDebits, taxCertificateYears } from "./tax-certificate.ts";

describe("attestation de cotisations", () => {
  it("offers each year of cover that is over, newest first", () => {
    expect(taxCertificateYears({ coverageStart: "2025-01-01", coverageEnd: null }, "2027-03-01")).toEqual([2026, 2025]);
    expect(taxCertificateYears({ coverageStart: "2026-05-01", coverageEnd: null }, "2026-12-02")).toEqual([]);
    expect(taxCertificateYears({ coverageStart: "2023-01-01", coverageEnd: "2024-06-30" }, "2026-12-02")).toEqual([
      2024, 2023,
    ]);
  });

  it("certifies the debits already made", () => {
    const debits = paidDebits(
      {
        year: 2026,
        premiums: [{ from: "2025-01-01", monthlyCents: 28940 }],
        debitDay: 5,
        coverageStart: "2025-01-01",
        coverageEnd: "2026-03-31",
      },
      "2026-12-02",
    );
    expect(debits.map((d) => d.date)).toEqual(["2026-01-05", "2026-02-05", "2026-03-05"]);
  });

  it("certifies what was paid at each premium: the former level's before a change, the new one after", () => {
    const premiums = premiumPeriods({
      coverageStart: "2020-01-01",
      currentCents: 9000,
      former: [{ until: "2026-09-30", monthlyCents: 11820 }],
    });
    const debits = paidDebits(
      { year: 2026, premiums, debitDay: 5, coverageStart: "2020-01-01", coverageEnd: null },
      "2027-01-15",
    );
    // 9 × 118,20 + 3 × 90,00 = 1 333,80 €
    expect(debits.reduce((t, d) => t + d.amountCents, 0)).toBe(133380);
  });

  it("certifies the last month of a résiliation at its pro rata amount", () => {
    const debits = paidDebits(
      {
        year: 2026,
        premiums: [{ from: "2020-01-01", monthlyCents: 28940 }],
        debitDay: 5,
        coverageStart: "2020-01-01",
        coverageEnd: "2026-03-14",
      },
      "2027-01-15",
    );
    // 2 × 289,40 + 289,40 × 14 ÷ 31 (130,69 €, rounded down) = 578,80 + 130,69 = 709,49 €
    expect(debits.reduce((t, d) => t + d.amountCents, 0)).toBe(70949);
  });
});
