// "Accès de votre mutuelle à votre dossier" groups one advisor's looks of one day into one row: two minutes of
// work on a file are a dozen audit rows, which read as noise. Pure; the audit log itself keeps every row.

export interface AdvisorAccessRow {
  at: Date;
  /** Tells two advisors with the same name apart (their account id), never shown. */
  advisorKey: string;
  advisorName: string;
  what: string;
}

export interface AdvisorAccessGroup {
  /** The day in Paris, "YYYY-MM-DD". */
  day: string;
  advisorName: string;
  first: Date;
  last: Date;
  count: number;
  /** What was looked at, each once, in the order first seen during the day. */
  pages: string[];
}

const parisDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Groups rows (newest first) by advisor and Paris day, newest group first, `limit` groups at most. */
export function groupAdvisorAccesses(rows: AdvisorAccessRow[], limit: number): AdvisorAccessGroup[] {
  const groups = new Map<string, AdvisorAccessGroup>();
  for (const row of rows) {
    const day = parisDay.format(row.at);
    const key = `${day} ${row.advisorKey}`;
    const group = groups.get(key);
    if (!group) {
      if (groups.size === limit) continue;
      groups.set(key, { day, advisorName: row.advisorName, first: row.at, last: row.at, count: 1, pages: [row.what] });
      continue;
    }
    group.count += 1;
    if (row.at < group.first) group.first = row.at;
    if (row.at > group.last) group.last = row.at;
    // Rows come newest first: an earlier look of a page moves it before those first seen later.
    const seen = group.pages.indexOf(row.what);
    if (seen !== -1) group.pages.splice(seen, 1);
    group.pages.unshift(row.what);
  }
  return [...groups.values()];
}
