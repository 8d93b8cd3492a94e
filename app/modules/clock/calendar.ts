// The one tested calendar helper of the app: every date window, age and anniversary goes through it (never "year − n"
// string surgery, which breaks on 29 February). Pure, safe for any module.
// Calendar arithmetic on ISO "YYYY-MM-DD" strings, in UTC so that no time zone shifts a day.
// ISO strings of the same shape compare correctly as plain strings; the helpers below rely on it.

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function split(iso: string): [number, number, number] {
  const match = isoPattern.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function join(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A real calendar date: "2026-02-30" is refused. */
export function isIsoDate(value: string): boolean {
  const match = isoPattern.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function assertIsoDate(value: string, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} is not an ISO date (YYYY-MM-DD): ${value}`);
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = split(iso);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return join(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Adds months; a day that does not exist in the target month becomes its last day (31/01 + 1 month → 28/02). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = split(iso);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return join(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/** Age in whole years on a date (a birthday counts from that day). */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = split(birthDate);
  const [y, m, d] = split(date);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

export interface Period {
  start: string;
  /** Inclusive. */
  end: string;
}

export function calendarYearOf(iso: string): Period {
  const [y] = split(iso);
  return { start: join(y, 1, 1), end: join(y, 12, 31) };
}

/** The membership year (from an anniversary of `anchor`) that contains `iso`. */
export function anniversaryYearOf(anchor: string, iso: string): Period {
  const [, am, ad] = split(anchor);
  const [y] = split(iso);
  // 29 February anchors fall on 28 February in other years.
  const anniversaryIn = (year: number) => join(year, am, Math.min(ad, daysInMonth(year, am)));
  const startYear = anniversaryIn(y) <= iso ? y : y - 1;
  return { start: anniversaryIn(startYear), end: addDays(anniversaryIn(startYear + 1), -1) };
}

export function isWithin(iso: string, period: Period): boolean {
  return iso >= period.start && iso <= period.end;
}
