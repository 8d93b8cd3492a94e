// The back-office decision on a signed online adhesion (routes/back-office-adhesion.tsx): accept, ask for a
// missing document, or refuse. Each a plain form (works without JavaScript); the two texts go to the person.
import { Form } from "react-router";
import { FieldError, groupErrorProps } from "./error-summary.tsx";
import { FormField } from "./form-field.tsx";
import type { coverageJoin } from "../modules/offer/previous-contract.ts";
import { formatDate } from "../modules/shared/format.ts";

function TextToPerson({ name, label, error }: { name: string; label: string; error: string | undefined }) {
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={name}>{label}</label>
      {error ? (
        <p className="field__error" id={`${name}-erreur`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <textarea
        id={name}
        name={name}
        rows={3}
        maxLength={1000}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-erreur` : undefined}
      />
    </div>
  );
}

/** `signed`: waiting for a decision; otherwise a document was asked for (asking again replaces the request). */
export function AdhesionDecision({ signed, errors }: { signed: boolean; errors: Record<string, string | undefined> }) {
  return (
    <section className="card" aria-labelledby="decision">
      <h2 id="decision">Décision</h2>
      {signed ? (
        <Form method="post">
          <p>
            Accepter crée le contrat, les personnes, les comptes bancaires et le compte de l'adhérent, qui reçoit un
            e-mail pour choisir son mot de passe.
          </p>
          <button type="submit" name="intent" value="accepter" className="button button--primary">
            Accepter l'adhésion
          </button>
        </Form>
      ) : null}
      <Form method="post" noValidate>
        <TextToPerson
          name="document"
          label="Pièce manquante ou illisible : ce qu'il faut envoyer, et pourquoi (envoyé à la personne avec un lien)"
          error={errors.document}
        />
        <button type="submit" name="intent" value="demander_piece" className="button">
          {signed ? "Demander une pièce" : "Demander à nouveau (nouveau lien)"}
        </button>
      </Form>
      <Form method="post" noValidate>
        <TextToPerson name="reason" label="Motif du refus (envoyé à la personne)" error={errors.reason} />
        <button type="submit" name="intent" value="refuser" className="button">
          Refuser l'adhésion
        </button>
      </Form>
    </section>
  );
}

/** The résiliation infra-annuelle asked for: once accepted, the letter to download, send, and mark sent; then the
 * former insurer's answer (its end date, or its refusal), with a flag when the two contracts overlap or leave a gap. */
export function PreviousContract(props: {
  id: string;
  accepted: boolean;
  sentOn: string | null;
  insurer: string;
  contractNumber: string | null;
  startDate?: string;
  newStart: string | null;
  answer: { receivedOn: string; lastCoveredDay: string | null; refusal: string | null } | null;
  join: ReturnType<typeof coverageJoin> | null;
  errors: Record<string, string | undefined>;
  values: Record<string, string> | undefined;
  /** The confirmation of the last step saved ("Réponse de l'organisme enregistrée."), shown under the title. */
  notice: string | null;
}) {
  return (
    <section className="card" aria-labelledby="resiliation">
      <h2 id="resiliation">Résiliation du contrat précédent</h2>
      {props.notice ? (
        <div className="alert alert--info" role="status">
          {props.notice}
        </div>
      ) : null}
      <p>
        Demandée par la personne : {props.insurer}
        {props.contractNumber ? `, contrat n° ${props.contractNumber}` : ", numéro de contrat non précisé"}
        {props.startDate ? `, souscrit le ${formatDate(props.startDate)}` : ""}.
      </p>
      {!props.accepted ? (
        <p>La lettre de résiliation sera disponible une fois l'adhésion acceptée.</p>
      ) : (
        <>
          <p>
            <a href={`/back-office/adhesions/${props.id}/resiliation.pdf`}>
              Télécharger la lettre de résiliation (PDF)
            </a>
          </p>
          {props.sentOn ? (
            <p>Lettre envoyée le {formatDate(props.sentOn)}.</p>
          ) : (
            <Form method="post">
              <p>
                La résiliation prend effet un mois après la réception de la lettre : envoyez-la au moins un mois avant
                le début du nouveau contrat{props.newStart ? ` (${formatDate(props.newStart)})` : ""}.
              </p>
              <button type="submit" name="intent" value="resiliation_envoyee" className="button">
                Marquer la lettre comme envoyée
              </button>
            </Form>
          )}
          {props.answer ? (
            <InsurerAnswerShown answer={props.answer} join={props.join} newStart={props.newStart} />
          ) : null}
          {props.sentOn && !props.answer ? (
            <InsurerAnswerForm errors={props.errors} values={props.values ?? {}} />
          ) : null}
        </>
      )}
    </section>
  );
}

const days = (n: number) => `${n} jour${n > 1 ? "s" : ""}`;

function InsurerAnswerShown({
  answer,
  join,
  newStart,
}: {
  answer: { receivedOn: string; lastCoveredDay: string | null; refusal: string | null };
  join: ReturnType<typeof coverageJoin> | null;
  newStart: string | null;
}) {
  return (
    <>
      <h3>Réponse de l'organisme</h3>
      <dl className="detail-list">
        <div>
          <dt>Reçue le</dt>
          <dd>{formatDate(answer.receivedOn)}</dd>
        </div>
        {answer.lastCoveredDay ? (
          <div>
            <dt>Résiliation acceptée : dernier jour couvert par l'ancien contrat</dt>
            <dd>{formatDate(answer.lastCoveredDay)}</dd>
          </div>
        ) : (
          <div>
            <dt>Résiliation refusée, motif</dt>
            <dd className="message__body">{answer.refusal}</dd>
          </div>
        )}
      </dl>
      {join && newStart && join.kind === "overlap" ? (
        <p className="alert alert--warning">
          {`Chevauchement : le nouveau contrat commence le ${formatDate(newStart)}, avant la fin de l'ancien. ` +
            `La personne est couverte deux fois du ${formatDate(join.from)} au ${formatDate(join.to)} ` +
            `(${days(join.days)}) : proposez-lui de décaler la date de début ou demandez à l'ancien organisme une ` +
            "fin plus tôt."}
        </p>
      ) : null}
      {join && newStart && join.kind === "gap" ? (
        <p className="alert alert--warning">
          {`Interruption : aucune couverture du ${formatDate(join.from)} au ${formatDate(join.to)} ` +
            `(${days(join.days)}) entre la fin de l'ancien contrat et le début du nouveau, le ${formatDate(newStart)}. ` +
            "Contactez la personne."}
        </p>
      ) : null}
      {join && join.kind === "ok" ? <p>Les deux contrats se suivent sans chevauchement ni interruption.</p> : null}
      {answer.refusal ? (
        <p className="alert alert--warning">
          L'ancien contrat continue : contactez la personne (date de début à revoir, ou résiliation à sa date de
          renouvellement annuel).
        </p>
      ) : null}
    </>
  );
}

function InsurerAnswerForm({
  errors,
  values,
}: {
  errors: Record<string, string | undefined>;
  values: Record<string, string>;
}) {
  return (
    <Form method="post" noValidate className="form-card" aria-labelledby="reponse-titre">
      <h3 id="reponse-titre">Enregistrer la réponse de l'organisme</h3>
      <fieldset
        className={errors.answer ? "field field--error" : "field"}
        {...groupErrorProps("answer", errors.answer)}
      >
        <legend>Réponse</legend>
        <FieldError id="answer" error={errors.answer} />
        <label>
          <input
            type="radio"
            name="answer"
            value="accepted"
            id="answer"
            required
            defaultChecked={values.answer === "accepted"}
          />{" "}
          Résiliation acceptée
        </label>
        <label>
          <input type="radio" name="answer" value="refused" required defaultChecked={values.answer === "refused"} />{" "}
          Résiliation refusée
        </label>
      </fieldset>
      <FormField
        name="receivedOn"
        label="Date de réception de la réponse"
        hint="Au format JJ/MM/AAAA."
        inputMode="numeric"
        defaultValue={values.receivedOn ?? ""}
        error={errors.receivedOn}
      />
      <FormField
        name="lastCoveredDay"
        label="Si acceptée : dernier jour couvert par l'ancien contrat"
        hint="La date de fin que donne l'organisme, au format JJ/MM/AAAA."
        inputMode="numeric"
        defaultValue={values.lastCoveredDay ?? ""}
        error={errors.lastCoveredDay}
      />
      <div className={errors.reason ? "field field--error" : "field"}>
        <label htmlFor="reason">Si refusée : motif donné par l'organisme</label>
        <FieldError id="reason" error={errors.reason} />
        <textarea
          id="reason"
          name="reason"
          rows={3}
          maxLength={1000}
          defaultValue={values.reason ?? ""}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? "reason-erreur" : undefined}
        />
      </div>
      <button type="submit" name="intent" value="reponse_resiliation" className="button">
        Enregistrer la réponse
      </button>
    </Form>
  );
}
