import { describe, expect, it } from "vitest";
import { formatDate, formatDayMonth, formatEuros, formatLongDate, formatMonthYear, formatYears } from "./format.ts";

const nbsp = /[\u00a0\u202f]/g;

describe("formatEuros", () => {
  it.each([
    [4500, "45,00 €"],
    [40923, "409,23 €"],
    [441, "4,41 €"],
    [5, "0,05 €"],
    [0, "0,00 €"],
    [123456789, "1 234 567,89 €"],
    [-1650, "-16,50 €"],
  ])("%i cents → %s", (cents, expected) => {
    expect(formatEuros(cents).replace(nbsp, " ")).toBe(expected);
  });

  it("puts a non-breaking space before the euro sign", () => {
    expect(formatEuros(4500)).toMatch(/45,00[\u00a0\u202f]€/);
  });

  it("refuses amounts that are not integer cents", () => {
    expect(() => formatEuros(45.5)).toThrow(TypeError);
  });
});

describe("dates", () => {
  it("formats calendar dates without any time-zone shift", () => {
    expect(formatDate("2026-08-25")).toBe("25/08/2026");
    expect(formatDate("2026-01-01")).toBe("01/01/2026");
    expect(formatDayMonth("2026-07-03")).toBe("03/07");
    expect(formatLongDate("2026-08-01")).toBe("1 août 2026");
    expect(formatMonthYear("2027-02")).toBe("février 2027");
    expect(formatMonthYear("2026-12")).toBe("décembre 2026");
  });

  it("rejects what is not an ISO date", () => {
    expect(() => formatDate("25/08/2026")).toThrow(TypeError);
  });
});

describe("formatYears", () => {
  it.each([
    [0, "0 an"],
    [1, "1 an"],
    [2, "2 ans"],
    [3, "3 ans"],
    [14, "14 ans"],
  ])("%i → %s (plural from 2 on)", (years, expected) => {
    expect(formatYears(years)).toBe(expected);
  });
});
