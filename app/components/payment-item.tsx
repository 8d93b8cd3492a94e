import type { PaymentSummary } from "../modules/reimbursements/queries.server.ts";
import { careTypeLabel } from "../modules/shared/care-types.ts";
import { formatDate } from "../modules/shared/format.ts";
import { Money } from "./money.tsx";

// The row the reimbursements query returns (a type only: nothing of the server module reaches the browser).
type PaymentItemData = PaymentSummary;

export function payeeText(p: Pick<PaymentItemData, "paidTo" | "paidToFirstName">): string {
  return p.paidTo === "professional" ? "au professionnel de santé (tiers payant)" : `à ${p.paidToFirstName}`;
}

export function PaymentItem({ payment: p }: { payment: PaymentItemData }) {
  return (
    <a href={`/remboursements/${p.id}`} className="item item--payment">
      <span className="item__title">{careTypeLabel(p.careType)}</span>
      <span className="item__amount">
        <Money cents={p.amcCents} />
      </span>
      <span className="item__meta">
        Soins de {p.beneficiaryFirstName} {p.beneficiaryLastName} · versé le {formatDate(p.paymentDate)} {payeeText(p)}
      </span>
    </a>
  );
}
