// The échéancier de cotisations: the SEPA debits of a contract, month by month, from its dated premiums. One
// computation for the échéancier (PDF and page), the attestation de cotisations, the personal-data export and
// the first debits an online adhesion pre-notifies (offer/adhesion-rules.ts firstDebits), so they never
// disagree. Pure. Rules (docs/offer.md, "The échéancier"):
//   - each month covered is due on the contract's debit day of that month, at the premium in force on its first
//     covered day (a change of level takes effect on the 1st of a month);
//   - the month the contract ends in, covered only up to its last covered day, is due pro rata temporis by days
//     (art. L221-10-2 code de la mutualité: the member owes the premium only for the period covered):
//     premium × days covered ÷ days in the month, rounded DOWN to the cent (the member's favour);
//   - an online adhesion's first debit comes at least 14 days after its pre-notification and pays every month
//     since the start not yet debited (the catch-up; SEPA CORE pre-notification).
import { addDays, addMonths } from "../clock/calendar.ts";

/** SEPA CORE: the debtor is told of each debit's date and amount at least this many days before it. */
export const preNotificationDays = 14;

export interface Debit {
  date: string;
  amountCents: number;
  /** The months the debit pays for, "YYYY-MM": the first debit of an online adhesion may catch up several. */
  months: string[];
}

/** A monthly premium in force from `from` (inclusive) until the next period's `from`. */
export interface PremiumPeriod {
  from: string;
  monthlyCents: number;
}

export interface ContractPremiums {
  debitDay: number;
  coverageStart: string;
  /** The last covered day (inclusive), or null. */
  coverageEnd: string | null;
  /** Oldest first; the first one also applies before its `from`. At least one. */
  premiums: readonly PremiumPeriod[];
  /**
   * An online adhesion: the day its first debits were pre-notified (its acceptance, the welcome e-mail); the
   * months before the first debit that day allows are paid with it. Null: one debit a month from the start.
   */
  firstNotifiedOn?: string | null;
}

/**
 * The dated premiums of a contract: each former level's premium up to its last day, the current premium, and a
 * change accepted for a later date (docs/offer.md). `former` in any order.
 */
export function premiumPeriods(input: {
  coverageStart: string;
  currentCents: number;
  former: readonly { until: string; monthlyCents: number }[];
  pending?: { from: string; monthlyCents: number } | null;
}): PremiumPeriod[] {
  const former = [...input.former].sort((a, b) => a.until.localeCompare(b.until));
  const periods: PremiumPeriod[] = [];
  let from = input.coverageStart;
  for (const f of former) {
    periods.push({ from, monthlyCents: f.monthlyCents });
    from = addDays(f.until, 1);
  }
  periods.push({ from, monthlyCents: input.currentCents });
  if (input.pending && input.pending.from > from) periods.push({ ...input.pending });
  return periods;
}

/** The premium in force on `date`. */
export function premiumOn(premiums: readonly PremiumPeriod[], date: string): number {
  let cents = premiums[0]?.monthlyCents ?? 0;
  for (const p of premiums) if (p.from <= date) cents = p.monthlyCents;
  return cents;
}

const monthOf = (iso: string) => iso.slice(0, 7);
function daysIn(month: string): number {
  return Number(addDays(addMonths(`${month}-01`, 1), -1).slice(8));
}
function debitDate(month: string, debitDay: number): string {
  return `${month}-${String(Math.min(debitDay, daysIn(month))).padStart(2, "0")}`;
}

/**
 * What one month of cover is due, or null when the contract covers no day of it. The month the contract ends
 * in: premium × days covered ÷ days in the month, rounded down to the cent (L221-10-2; member's favour).
 */
export function monthDue(input: ContractPremiums, month: string): number | null {
  const first = `${month}-01`;
  const last = `${month}-${String(daysIn(month)).padStart(2, "0")}`;
  if (input.coverageStart > last) return null;
  if (input.coverageEnd !== null && input.coverageEnd < first) return null;
  const from = input.coverageStart > first ? input.coverageStart : first;
  const premium = premiumOn(input.premiums, from);
  if (input.coverageEnd === null || input.coverageEnd >= last) return premium;
  const { days, of } = coveredDays(input.coverageStart, input.coverageEnd, month);
  return Math.floor((premium * days) / of);
}

/**
 * The days of `month` ("YYYY-MM") the contract covers, and the month's length: an end on 14/03 covers 14 days of
 * 31. What a month paid in proportion is computed with, and said to the member ("14 jours sur 31").
 */
export function coveredDays(
  coverageStart: string,
  coverageEnd: string | null,
  month: string,
): { days: number; of: number } {
  const of = daysIn(month);
  const first = `${month}-01`;
  const last = `${month}-${String(of).padStart(2, "0")}`;
  const from = coverageStart > first ? coverageStart : first;
  const to = coverageEnd !== null && coverageEnd < last ? coverageEnd : last;
  return { days: Math.max(0, Number(to.slice(8)) - Number(from.slice(8)) + 1), of };
}

/** "14 jours sur 31": the last month's covered days, in the words shown to the member. */
export function coveredDaysText(coverageStart: string, coverageEnd: string): string {
  const { days, of } = coveredDays(coverageStart, coverageEnd, coverageEnd.slice(0, 7));
  return `${days} jour${days > 1 ? "s" : ""} sur ${of}`;
}

/** The month of an online adhesion's first debit: the first on or after the start at least 14 days away. */
export function firstDebitMonth(coverageStart: string, notifiedOn: string, debitDay: number): string {
  const earliest = addDays(notifiedOn, preNotificationDays);
  let month = monthOf(coverageStart);
  while (debitDate(month, debitDay) < earliest) month = monthOf(addMonths(`${month}-01`, 1));
  return month;
}

/** Every debit of the contract for the months from its start to `lastMonth` ("YYYY-MM"), in order. */
export function contractDebits(input: ContractPremiums, lastMonth: string): Debit[] {
  const catchUpTo = input.firstNotifiedOn
    ? firstDebitMonth(input.coverageStart, input.firstNotifiedOn, input.debitDay)
    : null;
  const debits: Debit[] = [];
  for (let month = monthOf(input.coverageStart); month <= lastMonth; month = monthOf(addMonths(`${month}-01`, 1))) {
    const due = monthDue(input, month);
    if (due === null) break;
    const date = debitDate(catchUpTo && month < catchUpTo ? catchUpTo : month, input.debitDay);
    const previous = debits.at(-1);
    if (previous?.date === date) {
      previous.amountCents += due;
      previous.months.push(month);
    } else debits.push({ date, amountCents: due, months: [month] });
  }
  return debits;
}

/** The échéancier of `year`: the debits dated that year (a first debit may pay months of the year before). */
export function premiumSchedule(input: ContractPremiums & { year: number }): Debit[] {
  return contractDebits(input, `${input.year}-12`).filter((d) => d.date.startsWith(`${input.year}-`));
}
