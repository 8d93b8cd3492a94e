// French display of money and dates. Money is always integer cents; dates are ISO "YYYY-MM-DD" strings
// (calendar dates, no time zone), so formatting never shifts a day.
const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** 4500 → "45,00 €" (with the non-breaking spaces French typography uses). */
export function formatEuros(cents: number): string {
  if (!Number.isInteger(cents)) throw new TypeError(`amount must be integer cents, got ${cents}`);
  return euros.format(cents / 100);
}

/** 4500 in "CHF" → "45,00 CHF": a claim for care abroad is in the currency the member paid in. */
export function formatMoney(cents: number, currency = "EUR"): string {
  if (currency === "EUR") return formatEuros(cents);
  if (!Number.isInteger(cents)) throw new TypeError(`amount must be integer cents, got ${cents}`);
  return new Intl.NumberFormat("fr-FR", { style: "currency", currency, currencyDisplay: "code" }).format(cents / 100);
}

const percent = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** A rate in basis points: 7000 → "70 %", 12550 → "125,5 %" (non-breaking space, as French typography wants). */
export function formatRate(rateBp: number): string {
  return `${percent.format(rateBp / 100)}\u00a0%`;
}

function parts(isoDate: string): [string, string, string] {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new TypeError(`not an ISO date: ${isoDate}`);
  return [match[1]!, match[2]!, match[3]!];
}

/** "2026-08-25" → "25/08/2026" */
export function formatDate(isoDate: string): string {
  const [y, m, d] = parts(isoDate);
  return `${d}/${m}/${y}`;
}

/** "2026-08-25" → "25/08" */
export function formatDayMonth(isoDate: string): string {
  const [, m, d] = parts(isoDate);
  return `${d}/${m}`;
}

const monthNames = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

/** "2026-08" → "août 2026". */
export function formatMonthYear(isoMonth: string): string {
  return `${monthNames[Number(isoMonth.slice(5, 7)) - 1]} ${isoMonth.slice(0, 4)}`;
}

/** "2026-08-25" → "25 août 2026", for screen readers and long labels. */
export function formatLongDate(isoDate: string): string {
  const [y, m, d] = parts(isoDate);
  return `${Number(d)} ${monthNames[Number(m) - 1]} ${y}`;
}

/** 1 → "1 an", 3 → "3 ans": French takes the plural from 2 on ("0 an", "1 an"). */
export function formatYears(years: number): string {
  return `${years} ${Math.abs(years) >= 2 ? "ans" : "an"}`;
}
