import { describe, expect, it } from "vitest";
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
      { year: 2026, monthlyCents: 28940, debitDay: 5, coverageStart: "2025-01-01", coverageEnd: "2026-03-31" },
      "2026-12-02",
    );
    expect(debits.map((d) => d.date)).toEqual(["2026-01-05", "2026-02-05", "2026-03-05"]);
  });
});
