// One definition of an acceptable calendar date: "YYYY-MM-DD", a day that exists, between 1900 and 2100.
// PostgreSQL refuses some dates JavaScript accepts (year 0000): anything reaching a query goes through here.
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1900 || year > 2100) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const parisDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today as "YYYY-MM-DD" in metropolitan France: just after midnight in Paris is already tomorrow's date. */
export function todayInParis(now = new Date()): string {
  return parisDay.format(now);
}
