// Writes the list's filters back into links. Apart from filters.ts so the page's browser bundle does not
// carry zod (about 20 KB gzipped) for a string helper; filters.ts re-exports it.
export interface FilterValues {
  beneficiaire?: string;
  soin?: string;
  periode?: string;
  apres?: string;
}

/** The URL query for these filters, without empty values; `apres` only when asked for. */
export function filtersQuery(filters: FilterValues, changes: Partial<FilterValues> = {}): string {
  const merged = { ...filters, apres: undefined, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}
