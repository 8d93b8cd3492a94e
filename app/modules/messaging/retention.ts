// How long messages are kept: one year (the page says so to members), then the purge job removes them
// with their attachments. Fixed by the product, not a setting.
import { addYears } from "../clock/calendar.ts";

export const messageRetention = { years: 1 } as const;

/**
 * The instant before which messages are removed: the same calendar day and time one year before `now`
 * (UTC), through the one calendar helper: 29 February falls back to 28 February, so a message is never kept
 * less than a full year.
 */
export function retentionCutoff(now: Date): Date {
  // The purge compares instants: the cut-off keeps the time of day and works on the UTC calendar day.
  const iso = now.toISOString();
  const day = addYears(iso.slice(0, 10), -messageRetention.years);
  return new Date(`${day}${iso.slice(10)}`);
}
