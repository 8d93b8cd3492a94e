import { describe, expect, it } from "vitest";
import { terminationDates } from "./termination.ts";

describe("résiliation dates", () => {
  it("after one year: one month after the notification (L221-10-2)", () => {
    expect(terminationDates("2026-12-02", "2020-01-01")).toEqual({
      notifiedOn: "2026-12-02",
      takesEffect: "2027-01-02",
      lastCoveredDay: "2027-01-01",
      firstYear: false,
    });
  });
  it("31 January + 1 month = 28 February (no 31/02): covered until 27/02", () => {
    expect(terminationDates("2027-01-31", "2020-01-01").lastCoveredDay).toBe("2027-02-27");
  });
  it("on the first anniversary itself: already one year, one month after", () => {
    const d = terminationDates("2027-03-01", "2026-03-01");
    expect([d.firstYear, d.takesEffect]).toEqual([false, "2027-04-01"]);
  });
  it("in the first year: at the first anniversary", () => {
    const d = terminationDates("2026-06-15", "2026-03-01");
    expect([d.firstYear, d.takesEffect, d.lastCoveredDay]).toEqual([true, "2027-03-01", "2027-02-28"]);
  });
  it("in the first year but less than a month before the anniversary: one month after the notification", () => {
    expect(terminationDates("2027-02-20", "2026-03-01").takesEffect).toBe("2027-03-20");
  });
});
