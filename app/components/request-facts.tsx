// The back-office démarche page's facts: who the member and the person cared for are, what a beneficiary
// change asks, and that person's recent payments and other démarches.
import type { BeneficiaryRequestDetails, LegalRepresentativeDetails } from "../modules/requests/details.ts";
import { Form } from "react-router";

import { legalMeasureLabels, scopesForMeasure } from "../modules/carers/legal-measures.ts";
import { delegableScopeLabels } from "../modules/accounts/scopes.ts";
import { requestKindLabels, requestStatusLabels, type RequestStatus } from "../modules/requests/labels.ts";
import { careRequestLabel } from "../modules/shared/care-types.ts";
import { formatDate, formatEuros } from "../modules/shared/format.ts";
import { requestTitle } from "../modules/requests/labels.ts";
import { Money } from "./money.tsx";
import { ActiveContentWarning } from "./active-content-warning.tsx";

export function MemberSection({
  member,
  beneficiary,
}: {
  member: {
    firstName: string;
    lastName: string;
    memberNumber: string;
    email: string | null;
    coverageLevel: string;
    coverageStart: string;
  } | null;
  beneficiary: { firstName: string; lastName: string; birthDate: string; coverageStart: string } | null;
}) {
  return (
    <section className="card" aria-labelledby="adherent">
      <h2 id="adherent">Adhérent</h2>
      {member ? (
        <dl className="detail-list">
          <div>
            <dt>Nom</dt>
            <dd>
              {member.firstName} {member.lastName}
            </dd>
          </div>
          <div>
            <dt>Numéro d'adhérent</dt>
            <dd>
              <a href={`/back-office/adherents/${member.memberNumber}`}>{member.memberNumber}</a>
            </dd>
          </div>
          <div>
            <dt>E-mail</dt>
            <dd>{member.email}</dd>
          </div>
          <div>
            <dt>Garantie</dt>
            <dd>
              {member.coverageLevel}, depuis le {formatDate(member.coverageStart)}
            </dd>
          </div>
          {beneficiary ? (
            <div>
              <dt>Bénéficiaire</dt>
              <dd>
                {beneficiary.firstName} {beneficiary.lastName}, date de naissance : {formatDate(beneficiary.birthDate)},
                couverture depuis le {formatDate(beneficiary.coverageStart)}
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}

export function BeneficiaryChangeSection({
  change,
  open,
  mayDecide,
}: {
  change: BeneficiaryRequestDetails;
  open: boolean;
  mayDecide: boolean;
}) {
  return (
    <section className="card" aria-labelledby="beneficiaire-demande">
      <h2 id="beneficiaire-demande">{change.action === "add" ? "Ajout demandé" : "Retrait demandé"}</h2>
      <p>
        {change.action === "add"
          ? `${change.firstName} ${change.lastName}, date de naissance : ${formatDate(change.birthDate)}, à partir du ${formatDate(change.startDate)}.`
          : `${change.firstName} ${change.lastName}, couverture jusqu'au ${formatDate(change.endDate)} inclus.`}
      </p>
      {open ? (
        mayDecide ? (
          <Form method="post">
            <button type="submit" name="intent" value="accept_beneficiary" className="button button--primary">
              Accepter
            </button>
          </Form>
        ) : (
          <p className="muted">Un gestionnaire accepte ou refuse les changements de bénéficiaires.</p>
        )
      ) : null}
    </section>
  );
}

export function BeneficiaryHistorySection({
  firstName,
  payments,
  otherRequests,
}: {
  firstName: string;
  payments: {
    id: string;
    paymentDate: string;
    careType: string;
    careDate: string;
    chargedCents: number;
    amcCents: number;
  }[];
  otherRequests: {
    id: string;
    reference: string;
    kind: keyof typeof requestKindLabels;
    status: RequestStatus;
    careType: string | null;
    careDate: string | null;
  }[];
}) {
  return (
    <section className="card" aria-labelledby="historique">
      <h2 id="historique">Historique de {firstName}</h2>
      {payments.length === 0 && otherRequests.length === 0 ? <p>Aucun remboursement ni autre demande.</p> : null}
      <ul className="link-list">
        {payments.map((h) => (
          <li key={h.id}>
            {formatDate(h.paymentDate)} : {careRequestLabel(h.careType)} du {formatDate(h.careDate)},{" "}
            {formatEuros(h.chargedCents)} payés, {formatEuros(h.amcCents)} remboursés par la mutuelle
          </li>
        ))}
        {otherRequests.map((o) => (
          <li key={o.id}>
            <a href={`/back-office/demandes/${o.id}`}>{o.reference}</a> :{" "}
            {o.careType ? careRequestLabel(o.careType) : requestKindLabels[o.kind]}
            {o.careDate ? ` du ${formatDate(o.careDate)}` : ""} — {requestStatusLabels[o.status]}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A legal representative recorded on a judgment: what the gestionnaire checks against the attached judgment. */
export function LegalRepresentativeSection({
  representative: r,
  open,
  mayDecide,
}: {
  representative: LegalRepresentativeDetails;
  open: boolean;
  mayDecide: boolean;
}) {
  return (
    <section className="card" aria-labelledby="representant-demande">
      <h2 id="representant-demande">Représentant légal à enregistrer</h2>
      <dl className="detail-list">
        <div>
          <dt>Mesure</dt>
          <dd>{`${legalMeasureLabels[r.measure]} de ${r.firstName} ${r.lastName}, jusqu'au ${formatDate(r.endsOn)}`}</dd>
        </div>
        <div>
          <dt>Représentant</dt>
          <dd>{`${r.name} (${r.email})`}</dd>
        </div>
        <div>
          <dt>Ce qu'il pourra faire</dt>
          <dd>
            {scopesForMeasure(r.measure)
              .map((s) => delegableScopeLabels[s])
              .join(" ; ")}
          </dd>
        </div>
      </dl>
      <p>Vérifiez ces informations sur le jugement joint avant d'accepter.</p>
      {open ? (
        mayDecide ? (
          <Form method="post">
            <button type="submit" name="intent" value="accept_legal_representative" className="button button--primary">
              Accepter et donner l'accès
            </button>
          </Form>
        ) : (
          <p className="muted">Un gestionnaire accepte ou refuse l'enregistrement d'un représentant légal.</p>
        )
      ) : null}
    </section>
  );
}

/** What the démarche asks: its subject, care, place and amount, and the member's attachments. */
export function RequestSection({
  request: r,
  files,
}: {
  request: {
    id: string;
    kind: string;
    subject: string | null;
    careType: string | null;
    careDate: string | null;
    createdOn: string;
    abroad: boolean;
    country: string | null;
    currency: string | null;
    amountCents: number | null;
    decisionReason: string | null;
  };
  files: { id: string; originalName: string; mimeType: string; quarantined: boolean; activeContent: boolean }[];
}) {
  return (
    <section className="card" aria-labelledby="demande">
      <h2 id="demande">La demande</h2>
      <dl className="detail-list">
        {r.subject ? (
          <div>
            <dt>Objet</dt>
            <dd>{r.subject}</dd>
          </div>
        ) : null}
        {r.careType ? (
          <div>
            <dt>Soin</dt>
            <dd>
              {r.kind === "quote"
                ? requestTitle({ ...r, beneficiaryFirstName: null })
                : `${careRequestLabel(r.careType)}${r.careDate ? ` le ${formatDate(r.careDate)}` : ""}`}
            </dd>
          </div>
        ) : null}
        {r.kind === "claim" ? (
          <div>
            <dt>Lieu</dt>
            <dd>{r.abroad ? `À l'étranger (${r.country}, ${r.currency})` : "En France"}</dd>
          </div>
        ) : null}
        {r.amountCents !== null ? (
          <div>
            <dt>{r.kind === "quote" ? "Montant du devis" : "Payé par l'adhérent"}</dt>
            <dd>
              <Money cents={r.amountCents} currency={r.abroad ? r.currency : null} />
            </dd>
          </div>
        ) : null}
        {r.decisionReason ? (
          <div>
            <dt>Motif</dt>
            <dd>{r.decisionReason}</dd>
          </div>
        ) : null}
      </dl>
      {files.length > 0 ? (
        <>
          <h3>Pièces jointes</h3>
          <ul className="file-list">
            {files.map((f) => (
              <li key={f.id}>
                {f.quarantined ? (
                  <span>{f.originalName} (en quarantaine : analyse antivirus en attente)</span>
                ) : f.mimeType.startsWith("image/") ? (
                  <figure>
                    <img
                      src={`/back-office/demandes/${r.id}/fichiers/${f.id}`}
                      alt={`Pièce jointe : ${f.originalName}`}
                      className="attachment-preview"
                    />
                    <figcaption>{f.originalName}</figcaption>
                  </figure>
                ) : (
                  <a href={`/back-office/demandes/${r.id}/fichiers/${f.id}`} download>
                    {f.originalName} (télécharger le PDF)
                  </a>
                )}
                {f.activeContent ? <ActiveContentWarning /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
