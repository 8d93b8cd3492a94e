import { data, Form, redirect } from "react-router";
import { MaskedIban } from "../components/masked-iban.tsx";
import { FormField } from "../components/form-field.tsx";
import { Money } from "../components/money.tsx";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { approveBankChange, blockBankChange } from "../modules/banking/advisor-changes.server.ts";
import { foreignCurrency, parseDecision, refusalReasons } from "../modules/back-office/decision-form.ts";
import { pricingInputs } from "../modules/back-office/decision-pricing.ts";
import { decide, defaultCategoryFor, proposeClaimAmount } from "../modules/back-office/decisions.server.ts";
import { can } from "../modules/back-office/permissions.ts";
import { takeRequest } from "../modules/back-office/queues.server.ts";
import { getRequestForAdvisor } from "../modules/back-office/request-file.server.ts";
import { categories, categoryCodes } from "../modules/guarantees/index.ts";
import { hearingAidClass1PriceLimitCents } from "../modules/guarantees/legal-limits.ts";
import type { BeneficiaryRequestDetails } from "../modules/households/beneficiary-requests.server.ts";
import { dataRightLabels, type DataRightsDetails } from "../modules/personal-data/rights-form.ts";
import type { LevelChangeDetails, TerminationDetails } from "../modules/offer/member-offer.server.ts";
import {
  requestKindLabels,
  requestStatusLabels,
  requestTitle,
  type RequestStatus,
} from "../modules/requests/labels.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { careRequestLabel } from "../modules/shared/care-types.ts";
import { formatDate, formatEuros } from "../modules/shared/format.ts";
import { ActiveContentWarning } from "../components/active-content-warning.tsx";
import { ClaimPricingFields, PricingInputs } from "../components/claim-pricing.tsx";
import type { Route } from "./+types/back-office-demande";
import { formValues } from "../modules/forms/form-data.ts";

export const meta: Route.MetaFunction = ({ loaderData: d }) => [
  { title: `${d?.request.reference ?? "Demande"} – Espace conseiller` },
];

const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

export async function loader(args: Route.LoaderArgs) {
  const advisor = await requirePermission(args, "requests.handle");
  const { db, clock } = args.context.get(servicesContext);
  const found = await getRequestForAdvisor(db, advisor, args.params.id, args.context.get(requestContext).ip);
  if (!found) notFound();
  const r = found.request;
  const category = defaultCategoryFor(r.careType);
  return {
    ...found,
    request: { ...r, createdOn: clock.dateOf(r.createdAt), createdAt: undefined },
    events: found.events.map((e) => ({ ...e, at: when.format(e.at) })),
    bankChange: found.bankChange
      ? {
          ...found.bankChange,
          effectiveLabel: when.format(found.bankChange.effectiveAt),
          proposedByMe: found.bankChange.proposedByAdvisor === advisor.userId,
        }
      : null,
    mine: r.assignedTo === advisor.userId,
    open: ["submitted", "in_progress", "missing_document"].includes(r.status),
    may: {
      override: can(advisor.role, "claims.override_amount"),
      approveBank: can(advisor.role, "banking.approve"),
      decideBeneficiary: can(advisor.role, "beneficiaries.decide"),
      decideDataRights: can(advisor.role, "data_rights.decide"),
      decideContract: can(advisor.role, "contracts.decide"),
    },
    defaultCategory: category,
    // The legal limit of a class I hearing aid depends on the age on the care date (under 20: 1 400 €).
    hearingAidLimitCents:
      found.beneficiary && r.careDate ? hearingAidClass1PriceLimitCents(found.beneficiary.birthDate, r.careDate) : null,
    decidedPricing: (r.details as { pricing?: DecidedPricing } | null)?.pricing ?? null,
    categoryOptions: categoryCodes.map((code) => ({ code, label: categories[code].label })),
    sent: new URL(args.request.url).searchParams.get("fait"),
  };
}

type Fields = Record<string, string>;

interface DecidedPricing {
  inputs: { label: string; value: string }[];
  amcCents: number;
  steps: string[];
  override: { amcCents: number; reason: string } | null;
}

type Preview = { amcCents: number; remainingCents: number; steps: string[]; line: string | null } | null;
type Inputs = { label: string; value: string }[] | null;

export async function action(args: Route.ActionArgs) {
  const advisor = await requirePermission(args, "requests.handle");
  const services = args.context.get(servicesContext);
  const ip = args.context.get(requestContext).ip;
  const id = args.params.id;
  const form = formValues(await args.request.formData(), 2000) as Fields;
  const intent = form.intent ?? "";
  const back = (done: string) => redirect(`/back-office/demandes/${id}?fait=${done}`);
  try {
    if (intent === "take") {
      await takeRequest(services.db, advisor, id, ip);
      return back("pris");
    }
    if (intent === "block_bank" || intent === "approve_bank") {
      const found = await getRequestForAdvisor(services.db, advisor, id, ip);
      if (!found?.bankChange) notFound();
      if (intent === "approve_bank") await approveBankChange(services, advisor, found.bankChange.id, ip);
      else await blockBankChange(services, advisor, found.bankChange.id, form.note ?? "", ip);
      return back(intent === "approve_bank" ? "approuve" : "bloque");
    }
    const found = await getRequestForAdvisor(services.db, advisor, id, ip);
    if (!found) notFound();
    const quoteLines = ((found.request.details as { lines?: unknown[] } | null)?.lines ?? []).length;
    const parsed = parseDecision(intent, form, quoteLines, foreignCurrency(found.request));
    if (!parsed.ok)
      return data(
        {
          intent,
          errors: parsed.errors,
          values: form,
          message: null as string | null,
          proposal: null as Preview,
          inputs: null as Inputs,
        },
        { status: 400 },
      );
    if (intent === "preview_claim" && parsed.decision.kind === "accept_claim") {
      const r = found.request;
      if (!r.beneficiaryId || !r.careDate || r.amountCents === null) notFound();
      const claim = {
        householdId: r.householdId,
        beneficiaryId: r.beneficiaryId,
        careDate: r.careDate,
        amountCents: r.amountCents,
        currency: foreignCurrency(r),
      };
      const proposal = await proposeClaimAmount(services, claim, parsed.decision);
      const inputs: Inputs = pricingInputs(claim, parsed.decision);
      return {
        intent,
        errors: {} as Fields,
        values: form,
        message: null as string | null,
        inputs,
        proposal: proposal
          ? {
              amcCents: proposal.amcCents,
              remainingCents: proposal.remainingCents,
              steps: proposal.steps,
              line: proposal.appliedLine?.label ?? null,
            }
          : null,
      };
    }
    const status = await decide(services, advisor, id, parsed.decision, ip);
    return back(status);
  } catch (error) {
    if (error instanceof AppError && error.status !== 404) {
      return data(
        {
          intent,
          errors: {} as Fields,
          values: form,
          message: error.message,
          proposal: null as Preview,
          inputs: null as Inputs,
        },
        { status: error.status },
      );
    }
    if (error instanceof AppError) notFound();
    throw error;
  }
}

const done: Record<string, string> = {
  pris: "Vous avez pris en charge cette demande.",
  approuve: "Changement de RIB approuvé : le délai de sécurité commence et l'adhérent est alerté.",
  bloque: "Changement de RIB bloqué. L'adhérent est prévenu.",
};

export default function AdvisorRequest({ loaderData: d, actionData }: Route.ComponentProps) {
  const r = d.request;
  const errors: Fields = actionData?.errors ?? {};
  const value = (name: string, fallback = "") => actionData?.values?.[name] ?? fallback;
  const quote =
    r.kind === "quote"
      ? ((
          r.details as {
            lines?: {
              label: string;
              chargedCents: number;
              baseCents: number;
              amoCents: number;
              amcCents: number;
              quantity?: number;
            }[];
          } | null
        )?.lines ?? [])
      : [];
  const change = r.kind === "beneficiary" ? (r.details as unknown as BeneficiaryRequestDetails) : null;
  const dataRight = r.kind === "data_rights" ? (r.details as unknown as DataRightsDetails) : null;
  const contractKind = r.kind === "level_change" || r.kind === "termination";
  const levelChange = r.kind === "level_change" ? (r.details as unknown as LevelChangeDetails) : null;
  const termination = r.kind === "termination" ? (r.details as unknown as TerminationDetails) : null;
  const error = (name: string) => errors[name];
  return (
    <div className="advisor-request">
      <p>
        <a href="/back-office/demandes">← Files de traitement</a>
      </p>
      <h1>
        {requestKindLabels[r.kind]} {r.reference}
      </h1>
      <p className="lead">
        <span className={`status status--${r.status}`}>{requestStatusLabels[r.status]}</span> — reçue le{" "}
        {formatDate(r.createdOn)} —{" "}
        {d.mine
          ? "prise en charge par vous"
          : r.assigneeName
            ? `prise en charge par ${r.assigneeName}`
            : "personne ne l'a encore prise en charge"}
      </p>
      {d.sent && done[d.sent] ? (
        <div className="alert alert--info" role="status">
          {done[d.sent]}
        </div>
      ) : null}
      {d.sent && requestStatusLabels[d.sent as RequestStatus] ? (
        <div className="alert alert--info" role="status">
          Décision enregistrée : {requestStatusLabels[d.sent as RequestStatus]}. L'adhérent est prévenu par e-mail.
        </div>
      ) : null}
      {actionData?.message ? (
        <div className="alert alert--error" role="alert">
          {actionData.message}
        </div>
      ) : null}
      {d.signals.length > 0 ? (
        <section className="alert alert--warning" aria-labelledby="signaux">
          <h2 id="signaux">Signaux à vérifier</h2>
          <ul>
            {d.signals.map((s) => (
              <li key={s.code}>{s.message}</li>
            ))}
          </ul>
          <p className="muted">Un signal invite à regarder de plus près ; ce n'est pas une décision.</p>
        </section>
      ) : null}
      {d.open && !d.mine ? (
        <Form method="post">
          <button type="submit" name="intent" value="take" className="button button--primary">
            Prendre en charge
          </button>
        </Form>
      ) : null}

      <div className="advisor-grid">
        <section className="card" aria-labelledby="adherent">
          <h2 id="adherent">Adhérent</h2>
          {d.member ? (
            <dl className="detail-list">
              <div>
                <dt>Nom</dt>
                <dd>
                  {d.member.firstName} {d.member.lastName}
                </dd>
              </div>
              <div>
                <dt>Numéro d'adhérent</dt>
                <dd>
                  <a href={`/back-office/adherents/${d.member.memberNumber}`}>{d.member.memberNumber}</a>
                </dd>
              </div>
              <div>
                <dt>E-mail</dt>
                <dd>{d.member.email}</dd>
              </div>
              <div>
                <dt>Garantie</dt>
                <dd>
                  {d.member.coverageLevel}, depuis le {formatDate(d.member.coverageStart)}
                </dd>
              </div>
              {d.beneficiary ? (
                <div>
                  <dt>Bénéficiaire</dt>
                  <dd>
                    {d.beneficiary.firstName} {d.beneficiary.lastName}, date de naissance :{" "}
                    {formatDate(d.beneficiary.birthDate)}, couverture depuis le{" "}
                    {formatDate(d.beneficiary.coverageStart)}
                  </dd>
                </div>
              ) : null}
            </dl>
          ) : null}
        </section>

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
          {d.files.length > 0 ? (
            <>
              <h3>Pièces jointes</h3>
              <ul className="file-list">
                {d.files.map((f) => (
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
      </div>

      {change ? (
        <section className="card" aria-labelledby="beneficiaire-demande">
          <h2 id="beneficiaire-demande">{change.action === "add" ? "Ajout demandé" : "Retrait demandé"}</h2>
          <p>
            {change.action === "add"
              ? `${change.firstName} ${change.lastName}, date de naissance : ${formatDate(change.birthDate)}, à partir du ${formatDate(change.startDate)}.`
              : `${change.firstName} ${change.lastName}, couverture jusqu'au ${formatDate(change.endDate)} inclus.`}
          </p>
          {d.open ? (
            d.may.decideBeneficiary ? (
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
      ) : null}

      {dataRight ? (
        <section className="card" aria-labelledby="donnees-demande">
          <h2 id="donnees-demande">{dataRightLabels[dataRight.right]}</h2>
          {dataRight.message ? <p>Message de l'adhérent : « {dataRight.message} »</p> : null}
          {dataRight.right === "erasure" ? (
            <p>
              Accepter efface aussitôt les messages et leurs pièces jointes, les brouillons de demande, le téléphone et
              les adresses IP des connexions de l'adhérent. Le contrat, les remboursements, les démarches et leurs
              pièces restent, pour la durée légale de conservation.
            </p>
          ) : null}
          {d.open ? (
            d.may.decideDataRights ? (
              <Form method="post" noValidate className="form-card">
                <FormField
                  name="note"
                  id="data-rights-note"
                  label={
                    dataRight.right === "erasure"
                      ? "Précisions pour l'adhérent (facultatif)"
                      : "Ce qui change pour l'adhérent (il lira vos mots)"
                  }
                  defaultValue={actionData?.intent === "accept_data_rights" ? value("note") : ""}
                  error={actionData?.intent === "accept_data_rights" ? error("note") : undefined}
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
      ) : null}
      {levelChange || termination ? (
        <section className="card" aria-labelledby="contrat-demande">
          <h2 id="contrat-demande">{levelChange ? "Changement de niveau demandé" : "Résiliation notifiée"}</h2>
          <p>
            {levelChange
              ? `De ${levelChange.fromLevel} à ${levelChange.toLabel}, à partir du ${formatDate(levelChange.effectiveDate)}, nouvelle cotisation ${formatEuros(levelChange.monthlyCents)} par mois (tarif du foyer à cette date).`
              : termination
                ? `Reçue le ${formatDate(termination.notifiedOn)}, effet le ${formatDate(termination.takesEffect)} : dernier jour couvert le ${formatDate(termination.lastCoveredDay)}.${termination.reason ? ` Raison donnée : ${termination.reason}.` : ""}`
                : null}
          </p>
          {d.open ? (
            d.may.decideContract ? (
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
      ) : null}

      {d.bankChange ? (
        <section className="card" aria-labelledby="rib">
          <h2 id="rib">Nouveau RIB</h2>
          <dl className="detail-list">
            <div>
              <dt>IBAN</dt>
              <dd>
                <MaskedIban value={d.bankChange.ibanMasked} />
              </dd>
            </div>
            <div>
              <dt>Titulaire</dt>
              <dd>{d.bankChange.holderName}</dd>
            </div>
            <div>
              <dt>État</dt>
              <dd>
                {d.bankChange.status === "awaiting_approval"
                  ? "Saisi par un conseiller : en attente d'un second gestionnaire"
                  : d.bankChange.status === "pending"
                    ? `Délai de sécurité : utilisé à partir du ${d.bankChange.effectiveLabel}`
                    : d.bankChange.status === "applied"
                      ? "Appliqué"
                      : d.bankChange.status === "blocked"
                        ? "Bloqué"
                        : "Annulé par l'adhérent"}
              </dd>
            </div>
            {d.bankChange.advisorNote ? (
              <div>
                <dt>Note</dt>
                <dd>{d.bankChange.advisorNote}</dd>
              </div>
            ) : null}
          </dl>
          {d.may.approveBank && d.bankChange.status === "awaiting_approval" && !d.bankChange.proposedByMe ? (
            <Form method="post">
              <button type="submit" name="intent" value="approve_bank" className="button button--primary">
                Approuver ce RIB
              </button>
            </Form>
          ) : null}
          {d.bankChange.status === "awaiting_approval" && (d.bankChange.proposedByMe || !d.may.approveBank) ? (
            <p className="muted">
              Un autre gestionnaire que la personne qui l'a saisi doit approuver ce RIB (principe des quatre yeux).
            </p>
          ) : null}
          {d.may.approveBank && (d.bankChange.status === "pending" || d.bankChange.status === "awaiting_approval") ? (
            <Form method="post" noValidate className="form-card">
              <FormField
                name="note"
                label="Motif du blocage (suspicion de fraude)"
                error={error("note")}
                defaultValue={value("note")}
              />
              <button type="submit" name="intent" value="block_bank" className="button button--danger">
                Bloquer ce changement
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {r.kind === "claim" && d.open ? (
        <section className="card" aria-labelledby="decision">
          <h2 id="decision">Décision</h2>
          <Form method="post" noValidate className="form-card">
            <p>
              Saisissez les montants du décompte de la Sécurité sociale (0 si le soin n'est pas remboursé par elle) : le
              montant de la mutuelle est calculé par la garantie.
            </p>
            <ClaimPricingFields
              value={value}
              error={error}
              categoryOptions={d.categoryOptions}
              defaultCategory={d.defaultCategory ?? ""}
              beneficiaryFirstName={d.beneficiary?.firstName ?? null}
              hearingAidLimitCents={d.hearingAidLimitCents}
              paidAbroad={
                foreignCurrency(r) && r.amountCents !== null
                  ? { amountCents: r.amountCents, currency: foreignCurrency(r)! }
                  : null
              }
            />
            {actionData?.proposal ? (
              <div className="alert alert--info" role="status">
                <p>
                  <strong>Montant proposé par la garantie : {formatEuros(actionData.proposal.amcCents)}</strong>
                  {actionData.proposal.line ? ` (${actionData.proposal.line})` : ""}. Reste à charge :{" "}
                  {formatEuros(actionData.proposal.remainingCents)}.
                </p>
                {actionData.inputs ? <PricingInputs inputs={actionData.inputs} /> : null}
                <ol>
                  {actionData.proposal.steps.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ol>
              </div>
            ) : actionData?.intent === "preview_claim" && !actionData.errors?.category ? (
              <div className="alert alert--info" role="status">
                Pas de proposition automatique pour ce soin.
              </div>
            ) : null}
            {d.may.override ? (
              <>
                <FormField
                  name="override"
                  label="Autre montant remboursé (€, facultatif, gestionnaire)"
                  inputMode="decimal"
                  defaultValue={value("override")}
                  error={error("override")}
                />
                <FormField
                  name="overrideReason"
                  label="Motif de l'autre montant"
                  defaultValue={value("overrideReason")}
                  error={error("overrideReason")}
                />
              </>
            ) : null}
            <div className="button-row">
              <button type="submit" name="intent" value="preview_claim" className="button">
                Calculer
              </button>
              <button type="submit" name="intent" value="accept_claim" className="button button--primary">
                Accepter
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {r.kind === "claim" && d.decidedPricing ? (
        <section className="card" aria-labelledby="montant-decide">
          <h2 id="montant-decide">Montant décidé : {formatEuros(d.decidedPricing.amcCents)}</h2>
          {d.decidedPricing.override ? (
            <p>Montant fixé par un gestionnaire : {d.decidedPricing.override.reason}</p>
          ) : null}
          <PricingInputs inputs={d.decidedPricing.inputs} />
          {d.decidedPricing.steps.length > 0 ? (
            <ol>
              {d.decidedPricing.steps.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}

      {r.kind === "quote" && d.open ? (
        <section className="card" aria-labelledby="reponse-devis">
          <h2 id="reponse-devis">Réponse au devis</h2>
          <Form method="post" noValidate className="form-card">
            {quote.map((line, i) => (
              <FormField
                key={i}
                name={`amc_${i}`}
                label={`${line.label}${(line.quantity ?? 1) > 1 ? ` × ${line.quantity} (${formatEuros(line.chargedCents / (line.quantity ?? 1))} l'unité)` : ""} : ${formatEuros(line.chargedCents)} — prise en charge confirmée (€)`}
                hint={`Estimation montrée à l'adhérent : ${formatEuros(line.amcCents)}`}
                inputMode="decimal"
                defaultValue={value(`amc_${i}`, (line.amcCents / 100).toFixed(2).replace(".", ","))}
                error={error(`amc_${i}`)}
              />
            ))}
            {quote.length === 0 ? (
              <FormField
                name="amc_0"
                label="Prise en charge confirmée pour ce devis (€)"
                hint="Devis envoyé sans estimation : lisez ses lignes sur le fichier joint."
                inputMode="decimal"
                defaultValue={value("amc_0")}
                error={error("amc_0")}
              />
            ) : null}
            <FormField name="note" label="Message à l'adhérent (facultatif)" defaultValue={value("note")} />
            <button type="submit" name="intent" value="answer_quote" className="button button--primary">
              Envoyer la réponse
            </button>
          </Form>
        </section>
      ) : null}

      {d.open &&
      r.kind !== "bank_details" &&
      (r.kind !== "beneficiary" || d.may.decideBeneficiary) &&
      (r.kind !== "data_rights" || d.may.decideDataRights) &&
      (!contractKind || d.may.decideContract) ? (
        <div className="advisor-grid">
          {contractKind ? null : (
            <section className="card" aria-labelledby="piece">
              <h2 id="piece">Demander une pièce</h2>
              <Form method="post" noValidate className="form-card">
                <FormField
                  name="note"
                  label="Votre message à l'adhérent"
                  hint="Il le lira tel quel dans Mes démarches."
                  defaultValue={value("note")}
                  error={actionData?.intent === "missing_document" ? error("note") : undefined}
                />
                <button type="submit" name="intent" value="missing_document" className="button">
                  Demander la pièce
                </button>
              </Form>
            </section>
          )}
          <section className="card" aria-labelledby="refus">
            <h2 id="refus">Refuser</h2>
            <Form method="post" noValidate className="form-card">
              <div className={error("reason") ? "field field--error" : "field"}>
                <label htmlFor="reason">Motif</label>
                {error("reason") ? (
                  <p className="field__error" id="reason-erreur">
                    {error("reason")}
                  </p>
                ) : null}
                <select
                  id="reason"
                  name="reason"
                  defaultValue={value("reason")}
                  aria-describedby={error("reason") ? "reason-erreur" : undefined}
                >
                  <option value="">Choisir…</option>
                  {Object.entries(refusalReasons).map(([code, label]) => (
                    <option key={code} value={code}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <FormField
                name="note"
                id="refuse-note"
                label="Précisions pour l'adhérent"
                defaultValue={actionData?.intent === "refuse" ? value("note") : ""}
                error={actionData?.intent === "refuse" ? error("note") : undefined}
              />
              <button type="submit" name="intent" value="refuse" className="button button--danger">
                Refuser
              </button>
            </Form>
          </section>
        </div>
      ) : null}

      <div className="advisor-grid">
        <section className="card" aria-labelledby="suivi">
          <h2 id="suivi">Suivi</h2>
          <ol className="timeline">
            {d.events.map((e, i) => (
              <li key={i}>
                <span className="timeline__date">{e.at}</span>{" "}
                {requestStatusLabels[e.status as RequestStatus] ?? e.status}
                {e.note ? <span className="muted"> — {e.note}</span> : null}
              </li>
            ))}
          </ol>
        </section>
        {d.beneficiary ? (
          <section className="card" aria-labelledby="historique">
            <h2 id="historique">Historique de {d.beneficiary.firstName}</h2>
            {d.history.length === 0 && d.otherRequests.length === 0 ? (
              <p>Aucun remboursement ni autre demande.</p>
            ) : null}
            <ul className="link-list">
              {d.history.map((h) => (
                <li key={h.id}>
                  {formatDate(h.paymentDate)} : {careRequestLabel(h.careType)} du {formatDate(h.careDate)},{" "}
                  {formatEuros(h.chargedCents)} payés, {formatEuros(h.amcCents)} remboursés par la mutuelle
                </li>
              ))}
              {d.otherRequests.map((o) => (
                <li key={o.id}>
                  <a href={`/back-office/demandes/${o.id}`}>{o.reference}</a> :{" "}
                  {o.careType ? careRequestLabel(o.careType) : requestKindLabels[o.kind]}
                  {o.careDate ? ` du ${formatDate(o.careDate)}` : ""} — {requestStatusLabels[o.status]}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}
