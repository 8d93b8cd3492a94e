import { isOpenStatus } from "../modules/requests/kinds.ts";
import { data, Form, redirect } from "react-router";
import { actionResult } from "../modules/forms/action-result.ts";
import { requestContext, servicesContext } from "../context.ts";
import { notFound, requirePermission } from "../guards.server.ts";
import { approveBankChange, blockBankChange } from "../modules/banking/advisor-changes.server.ts";
import { parseDecision } from "../modules/back-office/decision-form.ts";
import { foreignCurrency } from "../modules/back-office/decision-labels.ts";
import { pricingInputs } from "../modules/back-office/decision-pricing.ts";
import { defaultCategoryFor, proposeClaimAmount } from "../modules/back-office/claim-proposal.server.ts";
import { decide } from "../modules/back-office/decisions.server.ts";
import { can } from "../modules/back-office/permissions.ts";
import { takeRequest } from "../modules/back-office/queues.server.ts";
import { getRequestForAdvisor } from "../modules/back-office/request-file.server.ts";
import { categories, categoryCodes } from "../modules/guarantees/index.ts";
import { hearingAidClass1PriceLimitCents } from "../modules/guarantees/legal-limits.ts";
import { requestKindLabels, requestStatusLabels, type RequestStatus } from "../modules/requests/labels.ts";
import { AppError } from "../modules/shared/app-error.ts";
import { formatDate } from "../modules/shared/format.ts";
import { BankChangeSection, ContractSection, DataRightsSection } from "../components/request-decision-sections.tsx";
import {
  ClaimDecisionSection,
  DecidedAmountSection,
  MissingDocumentAndRefusal,
  QuoteAnswerSection,
} from "../components/request-answer-sections.tsx";
import {
  BeneficiaryChangeSection,
  BeneficiaryHistorySection,
  LegalRepresentativeSection,
  MemberSection,
  RequestSection,
} from "../components/request-facts.tsx";
import type { Route } from "./+types/back-office-demande";
import { ErrorSummary } from "../components/error-summary.tsx";
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
    open: isOpenStatus(r.status),
    may: {
      override: can(advisor.role, "claims.override_amount"),
      approveBank: can(advisor.role, "banking.approve"),
      decideBeneficiary: can(advisor.role, "beneficiaries.decide"),
      decideDataRights: can(advisor.role, "data_rights.decide"),
      decideContract: can(advisor.role, "contracts.decide"),
    },
    defaultCategory: category,
    // The legal limit of a class I hearing aid depends on the age on the care date (under 20: 1 400 €): the
    // price limit field starts with it when the claim starts on that line.
    hearingAidLimitCents: class1AidLimit(found),
    decidedPricing: r.kind === "claim" ? (r.details?.pricing ?? null) : null,
    categoryOptions: categoryCodes.map((code) => ({ code, label: categories[code].label })),
    sent: new URL(args.request.url).searchParams.get("fait"),
  };
}

type Fields = Record<string, string>;

/** The legal price limit of a class I hearing aid, per ear, for this claim's beneficiary on its care date. */
function class1AidLimit(found: { beneficiary: { birthDate: string } | null; request: { careDate: string | null } }) {
  return found.beneficiary && found.request.careDate
    ? hearingAidClass1PriceLimitCents(found.beneficiary.birthDate, found.request.careDate)
    : null;
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
  // Every answer that stays on the page is an ActionResult (what was typed, with the intent that says which form
  // sent it), plus the page's own extra: the proposed amount of a claim and the inputs it was computed from.
  const answer = (
    part: { fieldErrors?: Fields; formError?: string; proposal?: Preview; inputs?: Inputs },
    status = 200,
  ) =>
    data(
      actionResult(
        { fieldErrors: part.fieldErrors, formError: part.formError, values: form },
        { proposal: part.proposal ?? null, inputs: part.inputs ?? null },
      ),
      { status },
    );
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
    const quoteLines = found.request.kind === "quote" ? found.request.details.lines.length : 0;
    const parsed = parseDecision(intent, form, quoteLines, foreignCurrency(found.request), class1AidLimit(found));
    if (!parsed.ok) return answer({ fieldErrors: parsed.errors }, 400);
    if (intent === "preview_claim" && parsed.decision.kind === "accept_claim") {
      const r = found.request;
      if (!r.beneficiaryId || !r.careDate || r.amountCents === null) notFound();
      const claim = {
        householdId: r.householdId,
        beneficiaryId: r.beneficiaryId,
        careDate: r.careDate,
        amountCents: r.amountCents,
        currency: foreignCurrency(r),
        birthDate: found.beneficiary?.birthDate ?? null,
      };
      const proposal = await proposeClaimAmount(services, claim, parsed.decision);
      const inputs: Inputs = pricingInputs(claim, parsed.decision);
      return answer({
        inputs,
        proposal: proposal
          ? {
              amcCents: proposal.amcCents,
              remainingCents: proposal.remainingCents,
              steps: proposal.steps,
              line: proposal.appliedLine?.label ?? null,
            }
          : null,
      });
    }
    const status = await decide(services, advisor, id, parsed.decision, ip);
    return back(status);
  } catch (error) {
    if (error instanceof AppError && error.status !== 404) {
      return answer({ formError: error.message }, error.status);
    }
    if (error instanceof AppError) notFound();
    throw error;
  }
}

/** The id of each field the errors name, in the form that sent `intent`: several forms have a "note". */
const noteIds: Record<string, string> = {
  refuse: "refuse-note",
  accept_data_rights: "data-rights-note",
  answer_quote: "quote-note",
};
function fieldIdsOf(intent: string | undefined, errors: Fields): Fields {
  return Object.fromEntries(
    Object.entries(errors).map(([name, message]) => [
      name === "note" ? (noteIds[intent ?? ""] ?? "note") : name,
      message,
    ]),
  );
}

const done: Record<string, string> = {
  pris: "Vous avez pris en charge cette demande.",
  approuve: "Changement de RIB approuvé : le délai de sécurité commence et l'adhérent est alerté.",
  bloque: "Changement de RIB bloqué. L'adhérent est prévenu.",
};

export default function AdvisorRequest({ loaderData: d, actionData }: Route.ComponentProps) {
  const r = d.request;
  const errors: Fields = actionData?.fieldErrors ?? {};
  const sentIntent = actionData?.values.intent;
  const value = (name: string, fallback = "") => actionData?.values?.[name] ?? fallback;
  const quote = r.kind === "quote" ? r.details.lines : [];
  const change = r.kind === "beneficiary" ? r.details : null;
  const dataRight = r.kind === "data_rights" ? r.details : null;
  const representative = r.kind === "legal_representative" ? r.details : null;
  const contractKind = r.kind === "level_change" || r.kind === "termination";
  const levelChange = r.kind === "level_change" ? r.details : null;
  const termination = r.kind === "termination" ? r.details : null;
  const error = (name: string) => errors[name];
  const typed = { value, error, intent: sentIntent };
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
      {/* The one error pattern (docs/accessibility.md): a refused decision's summary, focused, each error a link
          to its field in the form that was sent (the "note" fields of the page's forms have their own ids). */}
      <ErrorSummary
        title="La décision n'a pas été enregistrée, corrigez :"
        errors={{ form: actionData?.formError ?? undefined, ...fieldIdsOf(sentIntent, errors) }}
      />
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
        <MemberSection member={d.member} beneficiary={d.beneficiary} />
        <RequestSection request={r} files={d.files} />
      </div>

      {change ? <BeneficiaryChangeSection change={change} open={d.open} mayDecide={d.may.decideBeneficiary} /> : null}
      {representative ? (
        <LegalRepresentativeSection representative={representative} open={d.open} mayDecide={d.may.decideBeneficiary} />
      ) : null}

      {dataRight ? (
        <DataRightsSection
          dataRight={dataRight}
          open={d.open}
          mayDecide={d.may.decideDataRights}
          note={sentIntent === "accept_data_rights" ? { value: value("note"), error: error("note") } : { value: "" }}
        />
      ) : null}
      {levelChange || termination ? (
        <ContractSection
          levelChange={levelChange}
          termination={termination}
          open={d.open}
          mayDecide={d.may.decideContract}
        />
      ) : null}

      {d.bankChange ? (
        <BankChangeSection
          change={d.bankChange}
          mayApprove={d.may.approveBank}
          note={{ value: value("note"), error: error("note") }}
        />
      ) : null}

      {r.kind === "claim" && d.open ? (
        <ClaimDecisionSection
          typed={typed}
          pricing={{
            categoryOptions: d.categoryOptions,
            defaultCategory: d.defaultCategory ?? "",
            beneficiaryFirstName: d.beneficiary?.firstName ?? null,
            hearingAidLimitCents: d.hearingAidLimitCents,
            paidAbroad:
              foreignCurrency(r) && r.amountCents !== null
                ? { amountCents: r.amountCents, currency: foreignCurrency(r)! }
                : null,
          }}
          proposal={actionData?.proposal ?? null}
          inputs={actionData?.inputs ?? null}
          mayOverride={d.may.override}
          noCategoryError={!errors.category}
        />
      ) : null}

      {r.kind === "claim" && d.decidedPricing ? <DecidedAmountSection decided={d.decidedPricing} /> : null}

      {r.kind === "quote" && d.open ? <QuoteAnswerSection typed={typed} lines={quote} /> : null}

      {d.open &&
      r.kind !== "bank_details" &&
      ((r.kind !== "beneficiary" && r.kind !== "legal_representative") || d.may.decideBeneficiary) &&
      (r.kind !== "data_rights" || d.may.decideDataRights) &&
      (!contractKind || d.may.decideContract) ? (
        <MissingDocumentAndRefusal typed={typed} mayAskDocument={!contractKind} />
      ) : null}

      <div className="advisor-grid">
        <section className="card" aria-labelledby="suivi">
          <h2 id="suivi">Suivi</h2>
          <ol className="timeline">
            {d.events.map((e, i) => (
              <li key={i}>
                <span className="timeline__date">{e.at}</span> {requestStatusLabels[e.status] ?? e.status}
                {e.note ? <span className="muted"> — {e.note}</span> : null}
              </li>
            ))}
          </ol>
        </section>
        {d.beneficiary ? (
          <BeneficiaryHistorySection
            firstName={d.beneficiary.firstName}
            payments={d.history}
            otherRequests={d.otherRequests}
          />
        ) : null}
      </div>
    </div>
  );
}
