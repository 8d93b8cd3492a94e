// The clock the server runs on, from its environment. Production: the machine's clock, always.
// Tests only: CLOCK_FIXED_AT=2027-01-15T10:00:00Z pins it, and only together with CLOCK_TEST_MODE=1 and on
// the embedded database (no DATABASE_URL). Anything else with CLOCK_FIXED_AT set is refused at start-up, so a
// stray variable can neither fake the date of a real deployment nor be silently ignored.
import { isCalendarDate } from "../shared/iso-date.ts";
import { type Clock, pinnedClock, systemClock } from "./clock.ts";

export interface ClockSettings {
  CLOCK_FIXED_AT?: string;
  CLOCK_TEST_MODE?: boolean;
  DATABASE_URL?: string;
}

/** An instant with its offset: "2027-01-15T10:00:00Z" or "2027-01-15T11:00:00+01:00". */
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why these settings cannot pin the clock (a French sentence for the start-up error), or null. */
export function clockPinProblem(settings: ClockSettings): string | null {
  const { CLOCK_FIXED_AT: at } = settings;
  if (at === undefined) return null;
  if (!settings.CLOCK_TEST_MODE)
    return "CLOCK_FIXED_AT ne sert qu'aux tests : il faut aussi CLOCK_TEST_MODE=1 (jamais en production).";
  if (settings.DATABASE_URL)
    return "CLOCK_FIXED_AT ne s'utilise qu'avec la base embarquée de test (sans DATABASE_URL).";
  if (!instantPattern.test(at) || !isCalendarDate(at.slice(0, 10)) || Number.isNaN(Date.parse(at)))
    return "CLOCK_FIXED_AT doit être un instant ISO 8601 avec son fuseau, par exemple 2027-01-15T10:00:00Z.";
  return null;
}

export function clockFromEnv(settings: ClockSettings): Clock {
  const problem = clockPinProblem(settings);
  if (problem) throw new Error(problem);
  return settings.CLOCK_FIXED_AT === undefined ? systemClock() : pinnedClock(new Date(settings.CLOCK_FIXED_AT));
}
