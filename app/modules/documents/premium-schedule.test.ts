import { describe, expect, it } from "vitest";
import { firstDebits } from "../offer/adhesion-rules.ts";
import {
  coveredDays,
  coveredDaysText,
  monthDue,
  premiumOn,
  premiumPeriods,
  premiumSchedule,
} from "./premium-schedule.ts";

const total = (debits: { amountCents: number }[]) => debits.reduce((t, d) => t + d.amountCents, 0);
const flat = (monthlyCents: number) => [{ from: "2000-01-01", monthlyCents }];

describe("premiumSchedule", () => {
  it("debits every month of a fully covered year on the debit day", () => {
    const debits = premiumSchedule({
      year: 2026,
      premiums: flat(28940),
      debitDay: 5,
      coverageStart: "2025-01-01",
      coverageEnd: null,
    });
    expect(debits).toHaveLength(12);
    expect(debits[0]).toEqual({ date: "2026-01-05", amountCents: 28940, months: ["2026-01"] });
    expect(debits[11]).toEqual({ date: "2026-12-05", amountCents: 28940, months: ["2026-12"] });
    // 12 × 289,40 = 3 472,80 €
    expect(total(debits)).toBe(347280);
  });

  it("starts with the month coverage starts and stops with the month it ends, that month pro rata", () => {
    const debits = premiumSchedule({
      year: 2024,
      premiums: flat(11820),
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
    // October covered 10 days of 31 (L221-10-2): 11 820 × 10 ÷ 31 = 3 812,9… → 3 812 (rounded down).
    expect(debits.at(-1)!.amountCents).toBe(3812);
  });

  it("a change of level accepted for a later date: the new premium from its month on", () => {
    const premiums = premiumPeriods({
      coverageStart: "2020-01-01",
      currentCents: 11820,
      former: [],
      pending: { from: "2027-10-01", monthlyCents: 9000 },
    });
    const debits = premiumSchedule({
      year: 2027,
      premiums,
      debitDay: 5,
      coverageStart: "2020-01-01",
      coverageEnd: null,
    });
    expect(debits.map((d) => d.amountCents)).toEqual([...Array<number>(9).fill(11820), 9000, 9000, 9000]);
    // A change starting next year leaves this year's schedule as it is.
    const before = premiumSchedule({
      year: 2026,
      premiums: premiumPeriods({
        coverageStart: "2020-01-01",
        currentCents: 11820,
        former: [],
        pending: { from: "2027-01-01", monthlyCents: 9000 },
      }),
      debitDay: 5,
      coverageStart: "2020-01-01",
      coverageEnd: null,
    });
    expect(before.every((d) => d.amountCents === 11820)).toBe(true);
  });

  it("a change of level already applied keeps the former premium for the months before it (dated history)", () => {
    // Applied on 01/10/2027: the former level's premium (118,20 €) until 30/09, the current one (90,00 €) after.
    const premiums = premiumPeriods({
      coverageStart: "2020-01-01",
      currentCents: 9000,
      former: [{ until: "2027-09-30", monthlyCents: 11820 }],
    });
    expect(premiums).toEqual([
      { from: "2020-01-01", monthlyCents: 11820 },
      { from: "2027-10-01", monthlyCents: 9000 },
    ]);
    const debits = premiumSchedule({
      year: 2027,
      premiums,
      debitDay: 5,
      coverageStart: "2020-01-01",
      coverageEnd: null,
    });
    expect(debits.map((d) => d.amountCents)).toEqual([...Array<number>(9).fill(11820), 9000, 9000, 9000]);
    // 9 × 118,20 + 3 × 90,00 = 1 063,80 + 270,00 = 1 333,80 €
    expect(total(debits)).toBe(133380);
    // The year before: the former premium all year; the year after: the current one.
    const at = (year: number) =>
      premiumSchedule({ year, premiums, debitDay: 5, coverageStart: "2020-01-01", coverageEnd: null });
    expect(total(at(2026))).toBe(12 * 11820);
    expect(total(at(2028))).toBe(12 * 9000);
  });

  it("two changes: each period its premium, whatever order the former levels come in", () => {
    const premiums = premiumPeriods({
      coverageStart: "2025-01-01",
      currentCents: 7000,
      former: [
        { until: "2026-06-30", monthlyCents: 6000 },
        { until: "2026-02-28", monthlyCents: 5000 },
      ],
    });
    expect(premiumOn(premiums, "2026-02-28")).toBe(5000);
    expect(premiumOn(premiums, "2026-03-01")).toBe(6000);
    expect(premiumOn(premiums, "2026-07-01")).toBe(7000);
    const debits = premiumSchedule({
      year: 2026,
      premiums,
      debitDay: 5,
      coverageStart: "2025-01-01",
      coverageEnd: null,
    });
    // 2 × 50,00 + 4 × 60,00 + 6 × 70,00 = 100 + 240 + 420 = 760,00 €
    expect(total(debits)).toBe(76000);
  });
});

describe("the last month of a résiliation, pro rata temporis (art. L221-10-2 code de la mutualité)", () => {
  const ended = (coverageEnd: string) => ({
    premiums: flat(28940),
    debitDay: 5,
    coverageStart: "2020-01-01",
    coverageEnd,
  });
  it("covered to the 14th: premium × 14 ÷ days in the month, rounded down to the cent", () => {
    // 28 940 × 14 ÷ 31 = 405 160 ÷ 31 = 13 069,6… → 130,69 €
    expect(monthDue(ended("2027-03-14"), "2027-03")).toBe(13069);
    // February 2027 (28 days): 405 160 ÷ 28 = 14 470 exactly
    expect(monthDue(ended("2027-02-14"), "2027-02")).toBe(14470);
    // February 2028 (29 days, leap year): 405 160 ÷ 29 = 13 971,03… → 13 971
    expect(monthDue(ended("2028-02-14"), "2028-02")).toBe(13971);
    // Covered one day of 31: 28 940 ÷ 31 = 933,5… → 933 (the member's favour)
    expect(monthDue(ended("2027-03-01"), "2027-03")).toBe(933);
    // Covered to the last day: the whole premium; the month after: nothing.
    expect(monthDue(ended("2027-03-31"), "2027-03")).toBe(28940);
    expect(monthDue(ended("2027-03-31"), "2027-04")).toBeNull();
  });
  it("the échéancier stops with that month, debited on the debit day", () => {
    const debits = premiumSchedule({ year: 2027, ...ended("2027-03-14") });
    expect(debits).toEqual([
      { date: "2027-01-05", amountCents: 28940, months: ["2027-01"] },
      { date: "2027-02-05", amountCents: 28940, months: ["2027-02"] },
      { date: "2027-03-05", amountCents: 13069, months: ["2027-03"] },
    ]);
    expect(premiumSchedule({ year: 2028, ...ended("2027-03-14") })).toEqual([]);
  });
});

describe("an online adhesion's first debit catches up months, as the welcome e-mail announced", () => {
  const adhesion = (coverageStart: string, firstNotifiedOn: string) => ({
    premiums: [{ from: coverageStart, monthlyCents: 4800 }],
    debitDay: 5,
    coverageStart,
    coverageEnd: null,
    firstNotifiedOn,
  });
  it("start 01/02, accepted 23/01, debit day 5: 05/02 is 13 days away, so 05/03 pays February and March", () => {
    const debits = premiumSchedule({ year: 2027, ...adhesion("2027-02-01", "2027-01-23") });
    expect(debits[0]).toEqual({ date: "2027-03-05", amountCents: 9600, months: ["2027-02", "2027-03"] });
    expect(debits[1]).toEqual({ date: "2027-04-05", amountCents: 4800, months: ["2027-04"] });
    // Ten debits for eleven months: 11 × 48,00 = 528,00 €
    expect(debits).toHaveLength(10);
    expect(total(debits)).toBe(52800);
    // The same function as the welcome e-mail's first debits.
    expect(firstDebits({ startDate: "2027-02-01", notifiedOn: "2027-01-23", monthlyCents: 4800, debitDay: 5 })).toEqual(
      debits.slice(0, 3),
    );
  });
  it("accepted in time (22/01, the 14th day exactly): one debit a month from the start", () => {
    const debits = premiumSchedule({ year: 2027, ...adhesion("2027-02-01", "2027-01-22") });
    expect(debits[0]).toEqual({ date: "2027-02-05", amountCents: 4800, months: ["2027-02"] });
    expect(debits).toHaveLength(11);
  });
  it("a catch-up across the year: December is paid on 05/01 with January, in next year's échéancier", () => {
    expect(premiumSchedule({ year: 2027, ...adhesion("2027-12-01", "2027-11-25") })).toEqual([]);
    expect(premiumSchedule({ year: 2028, ...adhesion("2027-12-01", "2027-11-25") })[0]).toEqual({
      date: "2028-01-05",
      amountCents: 9600,
      months: ["2027-12", "2028-01"],
    });
  });
});

describe("the last month's covered days, in words", () => {
  it("an end on 14/03/2027 covers 14 days of 31; a start on 10/02/2028 and an end on 20/02/2028, 11 of 29 (leap year)", () => {
    expect(coveredDays("2020-01-01", "2027-03-14", "2027-03")).toEqual({ days: 14, of: 31 });
    expect(coveredDaysText("2020-01-01", "2027-03-14")).toBe("14 jours sur 31");
    expect(coveredDaysText("2028-02-10", "2028-02-20")).toBe("11 jours sur 29");
    expect(coveredDaysText("2020-01-01", "2027-04-01")).toBe("1 jour sur 30");
  });
});
