import { z } from "zod";
import { MaskedIban } from "../components/masked-iban.tsx";
import { payeeText } from "../components/payment-item.tsx";
import { Money } from "../components/money.tsx";
import { servicesContext } from "../context.ts";
import { notFound, requireScope } from "../guards.server.ts";
import { explainLine } from "../modules/reimbursements/explain.ts";
import { getPricingExplanation } from "../modules/reimbursements/explain.server.ts";
import { getPayment } from "../modules/reimbursements/queries.server.ts";
import { careTypeLabel } from "../modules/shared/care-types.ts";
import { formatDate } from "../modules/shared/format.ts";
import { HelpLinks } from "../components/help-links.tsx";
import { helpForPage } from "../modules/help/articles.server.ts";
import type { Route } from "./+types/remboursement-detail";

export const meta: Route.MetaFunction = ({ loaderData: data }) => [
  {
    title: data
      ? `${careTypeLabel(data.line.careType)} du ${formatDate(data.line.careDate)} – Mes remboursements`
      : "Remboursement",
  },
];

export async function loader(args: Route.LoaderArgs) {
  const viewer = await requireScope(args, "read");
  const id = z.uuid().safeParse(args.params.id);
  if (!id.success) notFound();
  const { db } = args.context.get(servicesContext);
  const line = await getPayment(db, viewer, id.data);
  if (!line) notFound();
  return {
    line,
    explanation: explainLine({ ...line, pricingExplanation: await getPricingExplanation(db, viewer, id.data) }),
    help: await helpForPage(db, "remboursement-detail"),
  };
}

export default function PaymentDetail({ loaderData: { line, explanation, help } }: Route.ComponentProps) {
  const rows: [string, React.ReactNode][] = [
    ["Date des soins", formatDate(line.careDate)],
    ["Bénéficiaire des soins", `${line.beneficiaryFirstName} ${line.beneficiaryLastName}`],
    ["Type de soin", careTypeLabel(line.careType)],
    ["Professionnel de santé", line.professionalName ?? "Non précisé"],
    ["Montant payé", <Money key="chargedCents" cents={line.chargedCents} />],
    ["Base de remboursement", <Money key="baseCents" cents={line.baseCents} />],
    ["Part Sécurité sociale", <Money key="amoCents" cents={line.amoCents} />],
    ["Part mutuelle", <Money key="amcCents" cents={line.amcCents} />],
    ["Reste à charge", <Money key="remainingCents" cents={line.remainingCents} />],
  ];
  return (
    <article className="payment-detail">
      <p>
        <a href="/remboursements">← Mes remboursements</a>
      </p>
      <h1>
        {careTypeLabel(line.careType)} du {formatDate(line.careDate)}
      </h1>
      <p className="lead">
        Votre mutuelle a versé{" "}
        <strong>
          <Money cents={line.amcCents} />
        </strong>{" "}
        le {formatDate(line.paymentDate)} {payeeText(line)}
        {line.ibanMasked ? (
          <>
            {" "}
            sur le compte <MaskedIban value={line.ibanMasked} lead="se terminant par" />
          </>
        ) : null}
        .
      </p>
      <section className="card" aria-labelledby="detail">
        <h2 id="detail">Détail du remboursement</h2>
        <dl className="detail-list">
          {rows.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          <div>
            <dt>Versé à</dt>
            <dd>
              {line.paidTo === "professional" ? "Le professionnel de santé (tiers payant)" : line.paidToFirstName}
            </dd>
          </div>
          <div>
            <dt>Date du paiement</dt>
            <dd>{formatDate(line.paymentDate)}</dd>
          </div>
          {line.ibanMasked ? (
            <div>
              <dt>Compte crédité</dt>
              <dd>
                <MaskedIban value={line.ibanMasked} />
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="pourquoi">
        <h2 id="pourquoi">Pourquoi ce montant ?</h2>
        <ol className="explanation">
          {explanation.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </section>
      <HelpLinks articles={help} />
    </article>
  );
}
