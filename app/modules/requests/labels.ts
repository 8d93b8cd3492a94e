// How démarches read in French; shared by the server and the pages.
import type { requestStatuses } from "./schema.ts";

export type RequestStatus = (typeof requestStatuses)[number];

export const requestStatusLabels: Record<RequestStatus, string> = {
  submitted: "Envoyée",
  in_progress: "En cours",
  missing_document: "Pièce manquante",
  accepted: "Acceptée",
  refused: "Refusée",
  paid: "Payée",
  cancelled: "Annulée",
};

export const requestKindLabels = {
  claim: "Demande de remboursement",
  quote: "Devis",
  bank_details: "Changement de coordonnées bancaires",
  beneficiary: "Modification des bénéficiaires",
  data_rights: "Demande sur vos données personnelles",
  level_change: "Changement de niveau de garantie",
  termination: "Résiliation du contrat",
} as const;

// A devis and a change (of bank details, of level) are masculine in French ("Devis … — Envoyé"); the others feminine.
const masculineKinds: ReadonlySet<string> = new Set(["quote", "bank_details", "level_change"]);
const masculineStatusLabels: Partial<Record<RequestStatus, string>> = {
  submitted: "Envoyé",
  accepted: "Accepté",
  refused: "Refusé",
  paid: "Payé",
  cancelled: "Annulé",
};

/** The status as it agrees with the démarche's kind: "Devis — Envoyé", "Demande de remboursement — Envoyée". */
export function requestStatusLabel(kind: string, status: RequestStatus): string {
  return (masculineKinds.has(kind) ? masculineStatusLabels[status] : undefined) ?? requestStatusLabels[status];
}

/** "1 pièce jointe", "2 pièces jointes": the count is known, so no "(s)". */
export function countOf(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
