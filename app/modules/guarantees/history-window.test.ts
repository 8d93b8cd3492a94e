// How far back pricing reads a beneficiary's history: the longest renewal period + 1 year, built with
// addYears so that 29 February never produces a date that does not exist ("2025-02-29" made PostgreSQL
// refuse the query, so care dated 29/02/2024 could not be decided, and the guarantees page, its PDF and
// the quote estimate would have failed on 29/02/2028).
import { describe, expect, it } from "vitest";
import { loadDemoGuaranteeTables } from "./demo-tables.server.ts";
import { longestRenewalYears, pricingHistorySince } from "./history-window.ts";
import type { GuaranteeCatalog } from "./model.ts";

const demo = loadDemoGuaranteeTables();

describe("pricing history window", () => {
  it("covers the 4-year hearing-aid period plus a year: 5 years", () => {
    expect(longestRenewalYears(demo)).toBe(4);
    expect(pricingHistorySince(demo, "2026-12-02")).toBe("2021-12-02");
  });

  it("29 February: the window starts on 28 February of a common year", () => {
    expect(pricingHistorySince(demo, "2028-02-29")).toBe("2023-02-28");
    expect(pricingHistorySince(demo, "2024-02-29")).toBe("2019-02-28");
    // five years back from a leap day can land on another leap year's 29/02, which exists
    expect(pricingHistorySince(demo, "2029-03-01")).toBe("2024-03-01");
  });

  it("without any renewal, still 2 years (membership-year counters reach one year back)", () => {
    const none: GuaranteeCatalog = { formatVersion: 1, products: [] };
    expect(pricingHistorySince(none, "2028-02-29")).toBe("2026-02-28");
  });
});
