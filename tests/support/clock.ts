// The clock the tests and the servers they start agree on: CLOCK_FIXED_AT pins it (CI runs the suites at New
// Year's Eve, mid-January and 29 February), else the machine's clock. Expectations about dates are derived
// from it (testClock.today(), the demo data as of that day), never written as a fixed year.
import { clockFromEnv } from "../../app/modules/clock/index.ts";
import { demoHouseholds } from "../../app/modules/demo/demo-households.ts";

export const testClock = clockFromEnv({ CLOCK_FIXED_AT: process.env.CLOCK_FIXED_AT || undefined, CLOCK_TEST_MODE: true });

/** Environment for a server started as a child process (server.js), so it runs on the same clock. */
export const clockEnv: Record<string, string> = process.env.CLOCK_FIXED_AT ? { CLOCK_FIXED_AT: process.env.CLOCK_FIXED_AT, CLOCK_TEST_MODE: "1" } : {};

/** The demo households as the test servers seeded them. */
export const demoData = demoHouseholds(testClock.today());

/** This year and its neighbours, per the test clock. */
export const thisYear = Number(testClock.today().slice(0, 4));

/** "2026-08-25" → "25/08/2026", as pages show dates. */
export const fr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
