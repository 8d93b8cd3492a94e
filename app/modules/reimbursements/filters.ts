// The list's filters, read from the URL (so a filtered view can be bookmarked) and written back into links.
import { z } from "zod";
import { careTypes } from "../shared/care-types.ts";
import { isCalendarDate } from "../shared/iso-date.ts";
import { addDays, addYears } from "../clock/calendar.ts";

export const pageSize = 20;

const periodPattern = /^(12m|19\d\d|20\d\d|2100)$/;

// Invalid values are dropped rather than refused: an old bookmark still opens, with fewer filters.
export const paymentFiltersSchema = z.object({
  beneficiaire: z.uuid().optional().catch(undefined),
  soin: z
    .enum(Object.keys(careTypes) as [string, ...string[]])
    .optional()
    .catch(undefined),
  periode: z.string().regex(periodPattern).optional().catch(undefined),
  apres: z.string().max(100).optional().catch(undefined),
});

export type PaymentFilters = z.infer<typeof paymentFiltersSchema>;

// The list page builds its links in the browser too: that helper lives apart, without zod (see filters-query.ts).
export { filtersQuery } from "./filters-query.ts";

export function readPaymentFilters(params: URLSearchParams): PaymentFilters {
  return paymentFiltersSchema.parse(Object.fromEntries(params));
}

/** Payment-date bounds for a period: "12m" is the last twelve months up to `today`, "2026" a calendar year. */
export function periodBounds(period: string | undefined, today: string): { from?: string; to?: string } {
  if (!period) return {};
  if (period === "12m") {
    return { from: addDays(addYears(today, -1), 1), to: today };
  }
  return { from: `${period}-01-01`, to: `${period}-12-31` };
}

export interface Cursor {
  paymentDate: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.paymentDate}|${c.id}`).toString("base64url");
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  const [paymentDate, id] = Buffer.from(value, "base64url").toString().split("|");
  if (!paymentDate || !isCalendarDate(paymentDate) || !id || !z.uuid().safeParse(id).success) return null;
  return { paymentDate, id };
}
