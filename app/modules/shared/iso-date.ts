// One definition of an acceptable calendar date: "YYYY-MM-DD", a day that exists, between 1900 and 2100.
// PostgreSQL refuses some dates JavaScript accepts (year 0000): anything reaching a query goes through here.
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  // Arithmetic rather than a Date round trip: the import checks two dates per line, millions of lines.
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : daysInMonth[month - 1]!);
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Today's date and an instant's date in Paris: the clock's (app/modules/clock), the one implementation.
