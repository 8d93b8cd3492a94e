// How démarches read in French; shared by the server and the pages.
import { careRequestLabel } from "../shared/care-types.ts";
import { formatDate } from "../shared/format.ts";
import type { RequestStatus } from "./kinds.ts";

export type { RequestStatus };

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
  legal_representative: "Représentant légal (tutelle, curatelle)",
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

const quoteCareLabels: Record<string, string> = {
  dentaire: "Devis dentaire",
  optique: "Devis optique",
  audiologie: "Devis d'appareils auditifs",
};

/**
 * A démarche's title, one wording for every list and page: a claim by its care and care date ("Soins dentaires
 * le 04/06/2026 pour Léa"), a devis by its care and the day it was sent ("Devis optique du 02/12/2026 pour
 * Sarah": a devis is for care to come, it has no care date), the others by their subject.
 */
export function requestTitle(r: {
  kind: string;
  careType: string | null;
  careDate: string | null;
  createdOn?: string | undefined;
  subject?: string | null | undefined;
  beneficiaryFirstName: string | null;
}): string {
  const forWhom = r.beneficiaryFirstName ? ` pour ${r.beneficiaryFirstName}` : "";
  if (r.kind === "quote")
    return `${(r.careType && quoteCareLabels[r.careType]) || "Devis"}${r.createdOn ? ` du ${formatDate(r.createdOn)}` : ""}${forWhom}`;
  if (!r.careType && r.subject) return r.subject;
  return `${careRequestLabel(r.careType)}${r.careDate ? ` le ${formatDate(r.careDate)}` : ""}${r.careType ? forWhom : ""}`;
}
