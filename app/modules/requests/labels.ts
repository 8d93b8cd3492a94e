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
} as const;

