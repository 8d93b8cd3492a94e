// The back-office decision on a signed online adhesion (routes/back-office-adhesion.tsx): accept, ask for a
// missing document, or refuse. Each a plain form (works without JavaScript); the two texts go to the person.
import { Form } from "react-router";
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

/** The résiliation infra-annuelle asked for: once accepted, the letter to download, send, and mark sent. */
export function PreviousContract(props: {
  id: string;
  accepted: boolean;
  sentOn: string | null;
  insurer: string;
  contractNumber: string | null;
}) {
  return (
    <section className="card" aria-labelledby="resiliation">
      <h2 id="resiliation">Résiliation du contrat précédent</h2>
      <p>
        Demandée par la personne : {props.insurer}
        {props.contractNumber ? `, contrat n° ${props.contractNumber}` : ", numéro de contrat non précisé"}.
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
              <button type="submit" name="intent" value="resiliation_envoyee" className="button">
                Marquer la lettre comme envoyée
              </button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}
