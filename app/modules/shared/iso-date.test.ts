import { describe, expect, it } from "vitest";
import { isCalendarDate } from "./iso-date.ts";

// The definition the arithmetic replaces: a date JavaScript and PostgreSQL both read back unchanged.
const byDateRoundTrip = (value: string) => {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
};

describe("isCalendarDate", () => {
  it("accepts exactly the days that exist, every month from 1900 to 2100", () => {
    const pad = (n: number) => String(n).padStart(2, "0");
    let checked = 0;
    for (let year = 1900; year <= 2100; year++) {
      for (let month = 0; month <= 13; month++) {
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          const value = `${year}-${pad(month)}-${pad(day)}`;
          expect(isCalendarDate(value), value).toBe(byDateRoundTrip(value));
          checked++;
        }
      }
    }
    expect(checked).toBe(201 * 14 * 7);
  });

  it("knows the leap years, 1900 and 2100 not being ones, 2000 being one", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2100-02-29")).toBe(false);
  });

  it("refuses other shapes and years outside 1900–2100", () => {
    for (const value of [
      "",
      "2026-8-25",
      "25/08/2026",
      "2026-08-25T00:00",
      " 2026-08-25",
      "1899-12-31",
      "2101-01-01",
      "0000-01-01",
      "２０２６-08-25",
    ]) {
      expect(isCalendarDate(value), value).toBe(false);
    }
  });
});
