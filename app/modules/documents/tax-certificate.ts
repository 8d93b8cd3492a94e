// The attestation de cotisations for the income-tax return: what the member paid in a calendar year, from the
// premium schedule (one debit a month on the debit day). Pure.
import { premiumSchedule, type Debit } from "./premium-schedule.ts";

/** Years with cotisations paid, up to the year before `today` (a year is certified once it is over). */
export function taxCertificateYears(
  contract: { coverageStart: string; coverageEnd: string | null },
  today: string,
): number[] {
  const first = Number(contract.coverageStart.slice(0, 4));
  const last = Math.min(
    Number(today.slice(0, 4)) - 1,
    contract.coverageEnd ? Number(contract.coverageEnd.slice(0, 4)) : Infinity,
  );
  const years: number[] = [];
  for (let year = last; year >= first; year--) years.push(year);
  return years;
}

/** The debits of `year` that fell on or before `today`: paid, so certified. */
export function paidDebits(input: Parameters<typeof premiumSchedule>[0], today: string): Debit[] {
  return premiumSchedule(input).filter((d) => d.date <= today);
}
