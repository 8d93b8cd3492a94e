// The rounding rule and the calendar arithmetic the engine relies on.
import { describe, expect, it } from "vitest";
import { addDays, addMonths, addYears, ageOn, anniversaryYearOf, isIsoDate } from "../clock/calendar.ts";
import { formatRate } from "../shared/format.ts";
import { percentOfCents, prorateCents } from "./money.ts";

describe("rounding: half-up to the cent, integers only", () => {
  it.each([
    // 30,01 € × 70 % = 21,007 € → 21,01 €
    [3001, 7000, 2101],
    // 10,01 € × 50 % = 5,005 € → 5,01 € (half goes up)
    [1001, 5000, 501],
    // 10,03 € × 33,33 % = 3,342999 € → 3,34 €
    [1003, 3333, 334],
    // 0,15 € × 150 % = 0,225 € → 0,23 €
    [15, 15000, 23],
    // 1 234 567,89 € × 200 % exactly
    [123456789, 20000, 246913578],
  ])("%i c × %i bp = %i c", (cents, bp, expected) => {
    expect(percentOfCents(cents, bp)).toBe(expected);
  });

  it("prorates half-up: 0,01 € × 1/2 → 0,01 € ; 1,00 € × 1/3 → 0,33 € ; 2,00 € × 2/3 → 1,33 €", () => {
    expect([prorateCents(1, 1, 2), prorateCents(100, 1, 3), prorateCents(200, 2, 3), prorateCents(500, 3, 3)]).toEqual([
      1, 33, 133, 500,
    ]);
  });

  it("refuses negative inputs and formats rates in French", () => {
    expect(() => percentOfCents(-1, 10000)).toThrow(RangeError);
    expect(formatRate(12550).replace("\u00a0", " ")).toBe("125,5 %");
  });
});

describe("calendar arithmetic", () => {
  it("adds months and years, clamping to the end of the month", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addYears("2024-02-29", 2)).toBe("2026-02-28");
    expect(addMonths("2025-11-15", 3)).toBe("2026-02-15");
    expect(addDays("2026-01-15", 90)).toBe("2026-04-15");
  });

  it("computes ages on the birthday", () => {
    expect([ageOn("2010-05-01", "2026-04-30"), ageOn("2010-05-01", "2026-05-01")]).toEqual([15, 16]);
  });

  it("cuts membership years from the coverage anniversary, 29 February included", () => {
    expect(anniversaryYearOf("2024-04-01", "2026-03-31")).toEqual({ start: "2025-04-01", end: "2026-03-31" });
    expect(anniversaryYearOf("2020-02-29", "2025-02-28")).toEqual({ start: "2025-02-28", end: "2026-02-27" });
    expect(anniversaryYearOf("2020-02-29", "2024-02-28")).toEqual({ start: "2023-02-28", end: "2024-02-28" });
  });

  it("validates real dates", () => {
    expect([
      isIsoDate("2024-02-29"),
      isIsoDate("2025-02-29"),
      isIsoDate("2025-13-01"),
      isIsoDate("25/08/2026"),
    ]).toEqual([true, false, false, false]);
  });
});
