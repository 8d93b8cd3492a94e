// Payment lines grouped under French month headings ("Août 2026"), newest first, as the list shows them.
const months = [
  "Janvier",
  "Février",
  "Mars",
  "Avril",
  "Mai",
  "Juin",
  "Juillet",
  "Août",
  "Septembre",
  "Octobre",
  "Novembre",
  "Décembre",
];

/** "2026-08" → "Août 2026" */
export function monthLabel(yearMonth: string): string {
  const [year, month] = yearMonth.split("-");
  return `${months[Number(month) - 1]} ${year}`;
}

export interface MonthGroup<T> {
  key: string;
  label: string;
  lines: T[];
}

/** Keeps the input order (already newest first); a month split across pages continues in the same group. */
export function groupByMonth<T extends { paymentDate: string }>(lines: T[]): MonthGroup<T>[] {
  const groups: MonthGroup<T>[] = [];
  for (const line of lines) {
    const key = line.paymentDate.slice(0, 7);
    const last = groups.at(-1);
    if (last?.key === key) last.lines.push(line);
    else groups.push({ key, label: monthLabel(key), lines: [line] });
  }
  return groups;
}
