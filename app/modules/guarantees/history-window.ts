// How far back the history used for pricing and meters must go. Pure, so the 29 February cases are tested
// without a database: every date is computed with clock/calendar.ts (addYears turns 29/02 into 28/02).
import { addYears } from "../clock/calendar.ts";
import type { GuaranteeCatalog } from "./model.ts";

/** The longest renewal period of any table in the catalog, in years (adult or minor period). */
export function longestRenewalYears(catalog: GuaranteeCatalog): number {
  let longest = 0;
  for (const product of catalog.products) {
    for (const level of product.levels) {
      for (const version of level.versions) {
        for (const line of version.lines) {
          if (line.renewal) longest = Math.max(longest, line.renewal.years, line.renewal.minorYears ?? 0);
        }
      }
    }
  }
  return longest;
}

/**
 * The earliest care date that can still matter on `date`: the longest renewal period plus one year (a
 * membership-year counter reaches back at most one year). A 4-year hearing-aid period needs 5 years of
 * history; with no renewal at all, counters still need 1 year, so never less than 2.
 */
export function pricingHistorySince(catalog: GuaranteeCatalog, date: string): string {
  return addYears(date, -(Math.max(1, longestRenewalYears(catalog)) + 1));
}
