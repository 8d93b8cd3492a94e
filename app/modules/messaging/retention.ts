// How long messages are kept: one year (the page says so to members), then the purge job removes them
// with their attachments. Fixed by the product, not a setting.
export const messageRetention = { years: 1 } as const;

/**
 * The instant before which messages are removed: the same calendar day and time one year before `now`
 * (UTC). 29 February falls back to 28 February, so a message is never kept less than a full year.
 */
export function retentionCutoff(now: Date): Date {
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - messageRetention.years);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}
