import { describe, expect, it } from "vitest";
import { premiumSchedule } from "./premium-schedule.ts";

describe("premiumSchedule", () => {
  it("debits every month of a fully covered year on the debit day", () => {
    const debits = premiumSchedule({
      year: 2026,
      monthlyCents: 28940,
      debitDay: 5,
      coverageStart: "2025-01-01",
      coverageEnd: null,
    });
    expect(debits).toHaveLength(12);
    expect(debits[0]).toEqual({ date: "2026-01-05", amountCents: 28940 });
    expect(debits[11]).toEqual({ date: "2026-12-05", amountCents: 28940 });
    // 12 × 289,40 = 3 472,80 €
    expect(debits.reduce((t, d) => t + d.amountCents, 0)).toBe(347280);
  });

  it("starts with the month coverage starts and stops after the month it ends", () => {
    const debits = premiumSchedule({
      year: 2024,
      monthlyCents: 11820,
      debitDay: 5,
      coverageStart: "2024-03-15",
      coverageEnd: "2024-10-10",
    });
    expect(debits.map((d) => d.date)).toEqual([
      "2024-03-05",
      "2024-04-05",
      "2024-05-05",
      "2024-06-05",
      "2024-07-05",
      "2024-08-05",
      "2024-09-05",
      "2024-10-05",
    ]);
  });

  it("a change of level accepted for a later date: the new premium from its month on", () => {
    const debits = premiumSchedule({
      year: 2027,
      monthlyCents: 11820,
      debitDay: 5,
      coverageStart: "2020-01-01",
      coverageEnd: null,
      change: { from: "2027-10-01", monthlyCents: 9000 },
    });
    expect(debits.map((d) => d.amountCents)).toEqual([...Array<number>(9).fill(11820), 9000, 9000, 9000]);
    // A change starting next year leaves this year's schedule as it is.
    const before = premiumSchedule({
      year: 2026,
      monthlyCents: 11820,
      debitDay: 5,
      coverageStart: "2020-01-01",
      coverageEnd: null,
      change: { from: "2027-01-01", monthlyCents: 9000 },
    });
    expect(before.every((d) => d.amountCents === 11820)).toBe(true);
  });
});
