// The échéancier de cotisations: one SEPA debit a month on the contract's debit day, for the months of the
// year the contract covers. Pure.
export interface Debit {
  date: string;
  amountCents: number;
}

export function premiumSchedule(input: {
  year: number;
  monthlyCents: number;
  debitDay: number;
  coverageStart: string;
  coverageEnd: string | null;
  /** A change of level accepted for a later date: its premium from that month on. */
  change?: { from: string; monthlyCents: number } | null;
}): Debit[] {
  const debits: Debit[] = [];
  for (let month = 1; month <= 12; month++) {
    const monthStart = `${input.year}-${String(month).padStart(2, "0")}-01`;
    const monthEnd = `${input.year}-${String(month).padStart(2, "0")}-31`; // string bound: fine for comparison
    if (input.coverageStart > monthEnd) continue;
    if (input.coverageEnd !== null && input.coverageEnd < monthStart) continue;
    debits.push({
      date: `${monthStart.slice(0, 8)}${String(input.debitDay).padStart(2, "0")}`,
      amountCents: input.change && monthStart >= input.change.from ? input.change.monthlyCents : input.monthlyCents,
    });
  }
  return debits;
}
