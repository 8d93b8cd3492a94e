// The back-office démarche page's sections for the kinds decided by one button or a note: a data-rights
// request, a change of level or a résiliation, and a new RIB (four eyes, blocking).
import type { LevelChangeDetails, TerminationDetails, DataRightsDetails } from "../modules/requests/details.ts";
import { Form } from "react-router";
import { dataRightLabels } from "../modules/personal-data/rights-form.ts";
import { formatDate, formatEuros } from "../modules/shared/format.ts";
import { FormField } from "./form-field.tsx";
import { MaskedIban } from "./masked-iban.tsx";

/** The "note" field as the action answered it: what was typed, and its error. */
interface Note {
  value: string;
  error?: string;
}

export function DataRightsSection({
  dataRight,
  open,
  mayDecide,
  note,
}: {
  dataRight: DataRightsDetails;
  open: boolean;
  mayDecide: boolean;
  note: Note;
}) {
  return (
    <section className="card" aria-labelledby="donnees-demande">
      <h2 id="donnees-demande">{dataRightLabels[dataRight.right]}</h2>
      {dataRight.message ? <p>Message de l'adhérent : « {dataRight.message} »</p> : null}
      {dataRight.right === "erasure" ? (
        <p>
          Accepter efface aussitôt les messages et leurs pièces jointes, les brouillons de demande, le téléphone et les
          adresses IP des connexions de l'adhérent. Le contrat, les remboursements, les démarches et leurs pièces
          restent, pour la durée légale de conservation.
        </p>
      ) : null}
      {open ? (
        mayDecide ? (
          <Form method="post" noValidate className="form-card">
            <FormField
              name="note"
              id="data-rights-note"
              label={
                dataRight.right === "erasure"
                  ? "Précisions pour l'adhérent (facultatif)"
                  : "Ce qui change pour l'adhérent (il lira vos mots)"
              }
              defaultValue={note.value}
              error={note.error}
            />
            <button type="submit" name="intent" value="accept_data_rights" className="button button--primary">
              {dataRight.right === "erasure" ? "Accepter et effacer" : "Accepter"}
            </button>
          </Form>
        ) : (
          <p className="muted">Un gestionnaire décide des demandes sur les données personnelles.</p>
        )
      ) : null}
    </section>
  );
}

export function ContractSection({
  levelChange,
  termination,
  open,
  mayDecide,
}: {
  levelChange: LevelChangeDetails | null;
  termination: TerminationDetails | null;
  open: boolean;
  mayDecide: boolean;
}) {
  return (
    <section className="card" aria-labelledby="contrat-demande">
      <h2 id="contrat-demande">{levelChange ? "Changement de niveau demandé" : "Résiliation notifiée"}</h2>
      <p>
        {levelChange
          ? `De ${levelChange.fromLevel} à ${levelChange.toLabel}, à partir du ${formatDate(levelChange.effectiveDate)}, nouvelle cotisation ${formatEuros(levelChange.monthlyCents)} par mois (tarif du foyer à cette date).`
          : termination
            ? `Reçue le ${formatDate(termination.notifiedOn)}, effet le ${formatDate(termination.takesEffect)} : dernier jour couvert le ${formatDate(termination.lastCoveredDay)}.${termination.reason ? ` Raison donnée : ${termination.reason}.` : ""}`
            : null}
      </p>
      {open ? (
        mayDecide ? (
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value={levelChange ? "accept_level_change" : "accept_termination"}
              className="button button--primary"
            >
              {levelChange ? "Accepter le changement de niveau" : "Enregistrer la résiliation"}
            </button>
          </Form>
        ) : (
          <p className="muted">Un gestionnaire accepte les changements de niveau et enregistre les résiliations.</p>
        )
      ) : null}
    </section>
  );
}

export interface BankChangeShown {
  ibanMasked: string;
  holderName: string;
  status: string;
  effectiveLabel: string;
  advisorNote: string | null;
  proposedByMe: boolean;
}

export function BankChangeSection({
  change,
  mayApprove,
  note,
}: {
  change: BankChangeShown;
  mayApprove: boolean;
  note: Note;
}) {
  return (
    <section className="card" aria-labelledby="rib">
      <h2 id="rib">Nouveau RIB</h2>
      <dl className="detail-list">
        <div>
          <dt>IBAN</dt>
          <dd>
            <MaskedIban value={change.ibanMasked} />
          </dd>
        </div>
        <div>
          <dt>Titulaire</dt>
          <dd>{change.holderName}</dd>
        </div>
        <div>
          <dt>État</dt>
          <dd>
            {change.status === "awaiting_approval"
              ? "Saisi par un conseiller : en attente d'un second gestionnaire"
              : change.status === "pending"
                ? `Délai de sécurité : utilisé à partir du ${change.effectiveLabel}`
                : change.status === "applied"
                  ? "Appliqué"
                  : change.status === "blocked"
                    ? "Bloqué"
                    : "Annulé par l'adhérent"}
          </dd>
        </div>
        {change.advisorNote ? (
          <div>
            <dt>Note</dt>
            <dd>{change.advisorNote}</dd>
          </div>
        ) : null}
      </dl>
      {mayApprove && change.status === "awaiting_approval" && !change.proposedByMe ? (
        <Form method="post">
          <button type="submit" name="intent" value="approve_bank" className="button button--primary">
            Approuver ce RIB
          </button>
        </Form>
      ) : null}
      {change.status === "awaiting_approval" && (change.proposedByMe || !mayApprove) ? (
        <p className="muted">
          Un autre gestionnaire que la personne qui l'a saisi doit approuver ce RIB (principe des quatre yeux).
        </p>
      ) : null}
      {mayApprove && (change.status === "pending" || change.status === "awaiting_approval") ? (
        <Form method="post" noValidate className="form-card">
          <FormField
            name="note"
            label="Motif du blocage (suspicion de fraude)"
            error={note.error}
            defaultValue={note.value}
          />
          <button type="submit" name="intent" value="block_bank" className="button button--danger">
            Bloquer ce changement
          </button>
        </Form>
      ) : null}
    </section>
  );
}
