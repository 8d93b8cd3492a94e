// The clock the tests and the servers they start agree on: CLOCK_FIXED_AT pins it (CI runs the suites at New
// Year's Eve, on 29 February and, in part, mid-January), else the machine's clock. Expectations about dates are
// derived from it and from the demo data as of that day, never written as a fixed year.
import { clockFromEnv } from "../../app/modules/clock/index.ts";
import { demoHouseholds, demoMonthShift } from "../../app/modules/demo/demo-households.ts";
import { addDays, addMonths } from "../../app/modules/clock/calendar.ts";
import { monthLabel } from "../../app/modules/reimbursements/group-by-month.ts";
import { formatDate, formatEuros } from "../../app/modules/shared/format.ts";

export const testClock = clockFromEnv({
  CLOCK_FIXED_AT: process.env.CLOCK_FIXED_AT || undefined,
  CLOCK_TEST_MODE: true,
});

/** Environment for a server started as a child process (server.js), so it runs on the same clock. */
export const clockEnv: Record<string, string> = process.env.CLOCK_FIXED_AT
  ? { CLOCK_FIXED_AT: process.env.CLOCK_FIXED_AT, CLOCK_TEST_MODE: "1" }
  : {};

/** Today for the tests, and its year. */
export const today = testClock.today();
export const thisYear = Number(today.slice(0, 4));

/** The demo households as the test servers seeded them (same clock, same day). */
export const demoData = demoHouseholds(today);

/** A date of the source document ("2026-08-25"), where the demo data has it today (whole months later). */
export const moved = (sourceDate: string) => addMonths(sourceDate, demoMonthShift(today));

/** The year of a source document's date in today's demo data. */
export const movedYear = (sourceDate: string) => Number(moved(sourceDate).slice(0, 4));

/** "2026-08-25" → "25/08/2026", as pages show dates. */
export const fr = formatDate;

/** "2026-08-25" → "Août 2026", the list's month heading. */
export const monthHeading = (iso: string) => monthLabel(iso.slice(0, 7));

/** 4500 → "45,00 €" with plain spaces, as visibleText() leaves a page's text. */
export const euros = (cents: number) => formatEuros(cents).replace(/\s/g, " ");

/**
 * A recent day written in a test on 2 December 2026 ("2026-11-20"), moved by the days passed since then on the
 * test clock: it stays as recent (a care date the claim form accepts), and two such days keep their distance.
 */
export const recentDay = (writtenOn: string) =>
  addDays(writtenOn, Math.round((Date.parse(today) - Date.parse("2026-12-02")) / 86_400_000));
