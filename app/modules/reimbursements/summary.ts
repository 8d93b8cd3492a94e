// Yearly totals per beneficiary and care category. Pure: sums integer cents, no rounding anywhere.
export interface SummaryRow {
  beneficiaryId: string;
  beneficiaryName: string;
  careType: string;
  chargedCents: number;
  amoCents: number;
  amcCents: number;
  remainingCents: number;
  count: number;
}

export interface Totals {
  chargedCents: number;
  amoCents: number;
  amcCents: number;
  remainingCents: number;
  count: number;
}

export interface CategoryTotals extends Totals {
  careType: string;
}

export interface BeneficiarySummary {
  beneficiaryId: string;
  beneficiaryName: string;
  totals: Totals;
  categories: CategoryTotals[];
}

const zero = (): Totals => ({ chargedCents: 0, amoCents: 0, amcCents: 0, remainingCents: 0, count: 0 });

function add(into: Totals, row: Totals): void {
  into.chargedCents += row.chargedCents;
  into.amoCents += row.amoCents;
  into.amcCents += row.amcCents;
  into.remainingCents += row.remainingCents;
  into.count += row.count;
}

/** Groups rows (one per beneficiary and care type) into per-beneficiary summaries, biggest spend first. */
export function summarize(rows: SummaryRow[]): {
  people: BeneficiarySummary[];
  household: Totals;
  categories: CategoryTotals[];
} {
  const people = new Map<string, BeneficiarySummary>();
  const household = zero();
  const categories = new Map<string, CategoryTotals>();
  for (const row of rows) {
    let summary = people.get(row.beneficiaryId);
    if (!summary) {
      summary = {
        beneficiaryId: row.beneficiaryId,
        beneficiaryName: row.beneficiaryName,
        totals: zero(),
        categories: [],
      };
      people.set(row.beneficiaryId, summary);
    }
    add(summary.totals, row);
    const category = { careType: row.careType, ...zero() };
    add(category, row);
    summary.categories.push(category);
    add(household, row);
    const all = categories.get(row.careType) ?? { careType: row.careType, ...zero() };
    add(all, row);
    categories.set(row.careType, all);
  }
  const bySpend = (a: Totals, b: Totals) => b.chargedCents - a.chargedCents;
  for (const summary of people.values()) summary.categories.sort(bySpend);
  return {
    people: [...people.values()].sort((a, b) => bySpend(a.totals, b.totals)),
    household,
    categories: [...categories.values()].sort(bySpend),
  };
}
