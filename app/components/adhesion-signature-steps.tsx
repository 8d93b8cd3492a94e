// "Adhérer en ligne": the last steps' forms (the SEPA mandate with its first debits, the consents, the summary
// and the signature by an e-mailed code), rendered by routes/adherer.tsx.
import { Form } from "react-router";
import { FieldError, fieldErrorProps } from "./error-summary.tsx";
import { FormField } from "./form-field.tsx";
import { beneficiaryRoleLabels, preNotificationDays, signCode } from "../modules/offer/adhesion-rules.ts";
import { type JourneyStep } from "../modules/offer/journey-steps.ts";
import { formatDate, formatEuros } from "../modules/shared/format.ts";
import type { Route } from "../routes/+types/adherer";

import { BackButton } from "./adhesion-steps.tsx";

type Data = Route.ComponentProps["loaderData"];
type Journey = NonNullable<Data["journey"]>;

function DebitsTable({ d }: { d: Data }) {
  return (
    <table>
      <caption>Vos premiers prélèvements</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Montant</th>
        </tr>
      </thead>
      <tbody>
        {d.debits.map((debit) => (
          <tr key={debit.date}>
            <td>{formatDate(debit.date)}</td>
            <td>
              {formatEuros(debit.amountCents)}
              {debit.months.length > 1 ? ` (${debit.months.length} mois)` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MandateStep({ d, j }: { d: Data; j: Journey }) {
  return (
    <section className="card" aria-labelledby="mandat-titre">
      <h2 id="mandat-titre">Votre mandat de prélèvement SEPA</h2>
      <dl className="detail-list">
        <div>
          <dt>Référence unique du mandat (RUM)</dt>
          <dd>{j.mandateRef}</dd>
        </div>
        <div>
          <dt>Créancier</dt>
          <dd>
            {d.creditor.name}, identifiant créancier SEPA {d.creditor.id}
          </dd>
        </div>
        <div>
          <dt>Compte prélevé</dt>
          <dd>
            {j.bank?.holderName}, {j.bank?.debitMasked}
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>Prélèvement SEPA « CORE », récurrent (une cotisation par mois)</dd>
        </div>
      </dl>
      <p>
        En signant ce mandat, vous autorisez {d.creditor.name} à envoyer des instructions à votre banque pour débiter
        votre compte, et votre banque à débiter votre compte conformément à ces instructions. Vous pouvez être remboursé
        par votre banque dans les 8 semaines suivant la date de débit.
      </p>
      <h3>Pré-notification</h3>
      <p>
        Cotisation de {d.monthlyCents !== null ? formatEuros(d.monthlyCents) : "—"} par mois. Chaque prélèvement vous
        est annoncé au moins {preNotificationDays} jours avant sa date :
      </p>
      <DebitsTable d={d} />
      <p>
        <a href="/offre/adherer/mandat.pdf">Télécharger le mandat (PDF)</a>
      </p>
      <p>Vous le signerez avec le reste de votre adhésion, à la dernière étape.</p>
      <Form method="post" className="button-row">
        <button type="submit" name="intent" value="mandat" className="button button--primary">
          J'ai lu le mandat, continuer
        </button>
        <BackButton />
      </Form>
    </section>
  );
}

export function ConsentStep({
  d,
  errors,
  posted,
}: {
  d: Data;
  errors: Record<string, string>;
  /** The form as last posted: a refused step keeps the boxes the person ticked. */
  posted?: Record<string, string | undefined>;
}) {
  return (
    <Form method="post" noValidate className="form-card">
      <p>Cochez chaque case : votre adhésion ne peut être signée qu'avec ces quatre accords.</p>
      {d.consentTexts.map((c) => {
        const key = `consent_${c.id}`;
        return (
          <div key={c.id} className={errors[key] ? "field field--error" : "field"}>
            <FieldError id={key} error={errors[key]} />
            <label className="checkbox">
              <input
                type="checkbox"
                id={key}
                name={key}
                value="oui"
                defaultChecked={posted ? posted[key] === "oui" : d.journey?.consents !== null}
                {...fieldErrorProps(key, errors[key])}
              />{" "}
              {c.text}
            </label>
          </div>
        );
      })}
      <div className="button-row">
        <button type="submit" name="intent" value="consentements" className="button button--primary">
          Enregistrer et continuer
        </button>
        <BackButton />
      </div>
    </Form>
  );
}

function Change({ step, label }: { step: JourneyStep; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="step" value={step} />
      <button type="submit" name="intent" value="modifier" className="button button--quiet">
        Modifier<span className="visually-hidden"> {label}</span>
      </button>
    </Form>
  );
}

export function SignatureStep({ d, j, errors }: { d: Data; j: Journey; errors: Record<string, string> }) {
  return (
    <>
      <section className="card" aria-labelledby="recapitulatif">
        <h2 id="recapitulatif">Vérifiez votre adhésion avant de la signer</h2>
        <dl className="detail-list">
          <div>
            <dt>Adhérent</dt>
            <dd>
              {j.identity?.firstName} {j.identity?.lastName}, né(e) le{" "}
              {j.identity ? formatDate(j.identity.birthDate) : ""}, n° {j.identity?.nirMasked}, {j.email}{" "}
              <Change step="identite" label="l'adhérent" />
            </dd>
          </div>
          <div>
            <dt>Adresse et début du contrat</dt>
            <dd>
              {j.address?.addressLine1}, {j.address?.postalCode} {j.address?.city} ; à partir du{" "}
              {j.address ? formatDate(j.address.startDate) : ""} <Change step="adresse" label="l'adresse" />
            </dd>
          </div>
          <div>
            <dt>Votre contrat actuel</dt>
            <dd>
              {j.previousContract
                ? `La mutuelle le résilie en votre nom : ${j.previousContract.insurer}${j.previousContract.contractNumber ? `, contrat n° ${j.previousContract.contractNumber}` : ""}${j.previousContract.startDate ? `, souscrit le ${formatDate(j.previousContract.startDate)}` : ""}.`
                : "Pas de résiliation demandée."}
            </dd>
          </div>
          <div>
            <dt>Personnes couvertes avec vous</dt>
            <dd>
              {j.beneficiaries.length === 0
                ? "Aucune"
                : j.beneficiaries
                    .map(
                      (b) =>
                        `${b.firstName} ${b.lastName} (${beneficiaryRoleLabels[b.role].toLowerCase()}, né(e) le ${formatDate(b.birthDate)})`,
                    )
                    .join(", ")}{" "}
              <Change step="beneficiaires" label="les personnes couvertes" />
            </dd>
          </div>
          <div>
            <dt>Niveau et cotisation</dt>
            <dd>
              {j.levelLabel}, {d.monthlyCents !== null ? formatEuros(d.monthlyCents) : "—"} par mois{" "}
              <Change step="niveau" label="le niveau" />
            </dd>
          </div>
          <div>
            <dt>Attestation de droits</dt>
            <dd>
              {j.files.map((f) => f.name).join(", ")} <Change step="attestation" label="l'attestation" />
            </dd>
          </div>
          <div>
            <dt>Compte prélevé (mandat {j.mandateRef})</dt>
            <dd>
              {j.bank?.holderName}, {j.bank?.debitMasked} <Change step="banque" label="les coordonnées bancaires" />
            </dd>
          </div>
          <div>
            <dt>Remboursements</dt>
            <dd>
              {j.bank?.refundMasked ? `${j.bank.refundHolderName}, ${j.bank.refundMasked}` : "Sur le compte prélevé"}
            </dd>
          </div>
        </dl>
        <DebitsTable d={d} />
        <h3>Vos accords</h3>
        <ul>
          {(j.consents ?? []).map((c) => (
            <li key={c.id}>{c.text}</li>
          ))}
        </ul>
      </section>
      {d.missing.length > 0 ? (
        <p className="alert alert--info">Il manque encore : {d.missing.join(", ")}.</p>
      ) : (
        <section className="card" aria-labelledby="signer">
          <h2 id="signer">Signer avec un code reçu par e-mail</h2>
          <p>
            Nous envoyons un code à {signCode.digits} chiffres à {j.email}. Il est valable {signCode.lifetimeMinutes}{" "}
            minutes, ne sert qu'une fois, et {signCode.maxAttempts} essais sont permis.
          </p>
          {d.codeJustSent ? (
            <div className="alert alert--info" role="status">
              Le code vient de vous être envoyé à {j.email}.
            </div>
          ) : null}
          <Form method="post">
            <button type="submit" name="intent" value="envoyer_code" className="button">
              {j.codeSent ? "Recevoir un nouveau code" : "Recevoir mon code par e-mail"}
            </button>
          </Form>
          {j.codeSent ? (
            <Form method="post" noValidate className="form-card">
              <FormField
                name="code"
                id="code"
                label="Code reçu par e-mail"
                inputMode="numeric"
                autoComplete="one-time-code"
                error={errors.code}
              />
              <button type="submit" name="intent" value="signer" className="button button--primary">
                Signer mon adhésion
              </button>
            </Form>
          ) : null}
        </section>
      )}
      <Form method="post">
        <BackButton />
      </Form>
    </>
  );
}
