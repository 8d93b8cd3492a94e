import { requestKindLabels, requestStatusLabel, requestTitle, type RequestStatus } from "../modules/requests/labels.ts";
import { formatDate } from "../modules/shared/format.ts";

export interface RequestItemData {
  id: string;
  reference: string;
  kind: keyof typeof requestKindLabels;
  careType: string | null;
  careDate: string | null;
  /** What a démarche other than a claim or quote is about ("Nouveau RIB pour…", "Ajout de…"). */
  subject?: string | null;
  status: RequestStatus;
  beneficiaryFirstName: string | null;
  createdOn?: string;
}

/** One démarche in a list: "Soins dentaires le 04/06/2026 pour Léa — Acceptée". */
export function RequestItem({
  request: r,
  withReference = false,
}: {
  request: RequestItemData;
  withReference?: boolean;
}) {
  return (
    <a href={`/demandes/${r.id}`} className="item">
      <span className="item__kind">
        {requestKindLabels[r.kind]}
        {withReference ? ` · ${r.reference}` : ""}
        {withReference && r.createdOn
          ? ` · ${r.kind === "quote" || r.kind === "bank_details" || r.kind === "level_change" ? "envoyé" : "envoyée"} le ${formatDate(r.createdOn)}`
          : ""}
      </span>
      <span className="item__title">{requestTitle(r)}</span>
      <span className={`status status--${r.status}`}>
        <span className="visually-hidden">Statut : </span>
        {requestStatusLabel(r.kind, r.status)}
      </span>
    </a>
  );
}
