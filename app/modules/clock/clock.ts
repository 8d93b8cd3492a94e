// The one clock of the application: what "now" and "today" mean, in metropolitan France.
// Business dates (a page's "today", a card's year, a payment date, a message's day) come from here and only
// from here, so a pinned clock moves the whole application at once (tests at New Year, on 29 February…).
// Pure: no environment read here (see from-env.ts).

export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today as "YYYY-MM-DD" in Europe/Paris: just after midnight in Paris is already tomorrow's date. */
  today(): string;
  /** The Paris calendar date ("YYYY-MM-DD") of an instant, e.g. the day a message was sent. */
  dateOf(instant: Date): string;
}

const parisDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Paris calendar date of an instant (en-CA formats as YYYY-MM-DD). */
export function parisDateOf(instant: Date): string {
  return parisDay.format(instant);
}

function clockReading(now: () => Date): Clock {
  return { now, today: () => parisDateOf(now()), dateOf: parisDateOf };
}

/** The machine's clock: what production runs on. */
export function systemClock(): Clock {
  // The one place the application reads the machine's time (clock-rule.test.ts refuses any other).
  return clockReading(() => new Date());
}

/**
 * A clock pinned at `at` that then moves forward with real time (tests): the day is the pinned one, and
 * durations (session idle time, step-up freshness, a code's expiry) still pass as they would.
 */
export function pinnedClock(at: Date, elapsed: () => number = defaultElapsed()): Clock {
  if (Number.isNaN(at.getTime())) throw new Error("pinned clock: not an instant");
  return clockReading(() => new Date(at.getTime() + elapsed()));
}

function defaultElapsed(): () => number {
  const started = performance.now();
  return () => Math.floor(performance.now() - started);
}
