// The kinds and statuses of a démarche: the database checks them (schema.ts), the pages and the queues read
// them. Pure, so a page may import it.
export const requestKinds = [
  "claim",
  "quote",
  "bank_details",
  "beneficiary",
  "data_rights",
  "level_change",
  "termination",
  "legal_representative",
] as const;
export const requestStatuses = [
  "submitted",
  "in_progress",
  "missing_document",
  "accepted",
  "refused",
  "paid",
  "cancelled",
] as const;
export type RequestKind = (typeof requestKinds)[number];
/** Statuses of a démarche still waiting for someone: the queues, the counters and the "en cours" lists. */
export const openRequestStatuses = ["submitted", "in_progress", "missing_document"] as const;

export type RequestStatus = (typeof requestStatuses)[number];

export function isOpenStatus(status: string): boolean {
  return (openRequestStatuses as readonly string[]).includes(status);
}
