// What an advisor decides on a démarche, each in one transaction with its effects, then the member is told:
//   - claim: accept (the guarantee engine's amount from the Sécurité sociale's figures; another amount only
//     for a gestionnaire, with a reason) → a reimbursement line the member sees with its explanation;
//     refuse (a reason from the list, plus words); ask for a missing document (the advisor's words).
//   - quote: the confirmed amounts per line, shown to the member in Mes démarches.
//   - beneficiary: accept (the person is added, or their coverage ends) or refuse.
// Every decision checks the request is still in the status it was read in, and taken by this advisor.
import { proposeClaimAmount } from "./claim-proposal.server.ts";
import { detailsOf, type ClaimDetails, type QuoteDetails } from "../requests/details.ts";
import { and, eq } from "drizzle-orm";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Db } from "../db/client.server.ts";
import { type GuaranteeCatalog } from "../guarantees/index.ts";
import { household, person } from "../households/schema.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { reimbursementLine } from "../reimbursements/schema.ts";
import type { RequestStatus } from "../requests/labels.ts";
import { memberRequest } from "../requests/schema.ts";
import { changeRequestStatus } from "../requests/status.server.ts";
import { AppError } from "../shared/app-error.ts";
import { formatEuros } from "../shared/format.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import type { Clock } from "../clock/index.ts";
import { deleteErasedFiles, eraseWhatMayGo, type ErasureResult } from "../personal-data/erasure.server.ts";
import { type Decision, foreignCurrency, refusalReasons } from "./decision-form.ts";
import { paidInEuros, pricedAct, pricingInputs } from "./decision-pricing.ts";
import { can } from "./permissions.ts";
import { assertHandler } from "./queues.server.ts";
import { isOpenStatus } from "../requests/kinds.ts";
import { contractAcceptance } from "./contract-decisions.server.ts";
import type { ObjectStorage } from "../storage/storage.server.ts";
import { legalRepresentativeAcceptance } from "../carers/legal-representatives.server.ts";

interface Deps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  guarantees: GuaranteeCatalog;
  /** Where members' files are: a decided erasure deletes some. */
  storage: ObjectStorage;
}

export async function decide(
  deps: Deps,
  advisor: AdvisorViewer,
  requestId: string,
  decision: Decision,
  ip: string,
): Promise<RequestStatus> {
  const { db } = deps;
  if (!uuidPattern.test(requestId)) throw new AppError("not_found", "Demande introuvable.", 404);
  const [request] = await db
    .select({
      id: memberRequest.id,
      reference: memberRequest.reference,
      kind: memberRequest.kind,
      status: memberRequest.status,
      householdId: memberRequest.householdId,
      beneficiaryId: memberRequest.beneficiaryId,
      careType: memberRequest.careType,
      careDate: memberRequest.careDate,
      amountCents: memberRequest.amountCents,
      abroad: memberRequest.abroad,
      currency: memberRequest.currency,
      details: memberRequest.details,
      assignedTo: memberRequest.assignedTo,
    })
    .from(memberRequest)
    .where(eq(memberRequest.id, requestId));
  if (!request) throw new AppError("not_found", "Demande introuvable.", 404);
  if (!isOpenStatus(request.status)) throw new AppError("closed", "Cette demande est déjà traitée.", 409);
  assertHandler(advisor, request.assignedTo, null);
  // Who is covered changes only on a gestionnaire's word, whichever way it goes.
  if (request.kind === "beneficiary" && !can(advisor.role, "beneficiaries.decide")) {
    throw new AppError("forbidden", "Seul un gestionnaire décide des ajouts et retraits de bénéficiaires.", 403);
  }
  // An erasure deletes data; a restriction or an objection binds the mutuelle: a gestionnaire decides them.
  if (request.kind === "data_rights" && !can(advisor.role, "data_rights.decide")) {
    throw new AppError("forbidden", "Seul un gestionnaire décide des demandes sur les données personnelles.", 403);
  }
  // The contract itself (its level, its end) changes only on a gestionnaire's word, whichever way it goes.
  if ((request.kind === "level_change" || request.kind === "termination") && !can(advisor.role, "contracts.decide")) {
    throw new AppError("forbidden", "Seul un gestionnaire décide des changements de niveau et des résiliations.", 403);
  }
  // A legal representative acts in a person's space on a judgment: recorded by any advisor, a gestionnaire decides.
  if (request.kind === "legal_representative" && !can(advisor.role, "beneficiaries.decide")) {
    throw new AppError("forbidden", "Seul un gestionnaire décide de l'enregistrement d'un représentant légal.", 403);
  }
  // A RIB change is decided by its own rules (hold, four eyes, blocking), never by a plain status change.
  if (request.kind === "bank_details")
    throw new AppError(
      "kind",
      "Un changement de RIB se bloque ou s'approuve depuis sa fiche, il ne se refuse pas.",
      400,
    );

  let status: RequestStatus;
  let note: string | ((tx: Db) => Promise<string>) | null = null;
  let contractDetails: Record<string, string | number | boolean | null> | null = null;
  let effect: (tx: Db) => Promise<void> = async () => {};
  let paidCents: number | null = null;
  let erased: ErasureResult | null = null;
  // Mails written in the decision's transaction, delivered after its commit (a legal representative's invitation).
  let mailIds: number[] = [];
  const details: Record<string, string | number | boolean | null> = { requestId, decision: decision.kind };

  switch (decision.kind) {
    case "missing_document":
      status = "missing_document";
      note = decision.note;
      break;
    case "refuse":
      status = "refused";
      note =
        decision.reason === "autre"
          ? decision.note
          : `${refusalReasons[decision.reason]}${decision.note ? ` ${decision.note}` : ""}`;
      details.reason = decision.reason;
      break;
    case "accept_claim": {
      if (request.kind !== "claim" || !request.beneficiaryId || !request.careDate || request.amountCents === null)
        throw new AppError("kind", "Ce n'est pas une demande de remboursement.", 400);
      // Paid abroad in another currency: the guarantee prices euros, never the foreign figure as if it were.
      const paidIn = foreignCurrency(request);
      if (paidIn && decision.paidEurCents === null)
        throw new AppError(
          "currency",
          `Payé en ${paidIn} : saisissez la dépense convertie en euros avant de décider.`,
          400,
        );
      const [beneficiary] = await db
        .select({ birthDate: person.birthDate })
        .from(person)
        .where(and(eq(person.id, request.beneficiaryId), eq(person.householdId, request.householdId)));
      const facts = {
        careDate: request.careDate,
        amountCents: request.amountCents,
        currency: paidIn,
        birthDate: beneficiary?.birthDate ?? null,
      };
      const paidEur = paidInEuros(facts, decision);
      const proposal = await proposeClaimAmount(
        deps,
        {
          householdId: request.householdId,
          beneficiaryId: request.beneficiaryId,
          careDate: request.careDate,
          amountCents: request.amountCents,
        },
        decision,
      );
      let amc = proposal?.amcCents ?? 0;
      if (decision.override) {
        if (!can(advisor.role, "claims.override_amount"))
          throw new AppError("forbidden", "Seul un gestionnaire peut modifier le montant proposé.", 403);
        if (decision.override.amcCents > paidEur - Math.min(decision.amoCents, paidEur)) {
          throw new AppError(
            "override",
            "Le montant ne peut pas dépasser ce que l'adhérent a payé, moins la part de la Sécurité sociale.",
            400,
          );
        }
        amc = decision.override.amcCents;
        details.override = true;
      } else if (!proposal) {
        throw new AppError(
          "no_proposal",
          "Pas de proposition automatique pour ce soin : un gestionnaire doit saisir le montant.",
          400,
        );
      }
      if (amc <= 0)
        throw new AppError("zero", "Le montant remboursé est de 0 € : refusez la demande en indiquant le motif.", 400);
      const act = pricedAct(facts, decision);
      const amo = act.amoCents;
      // The figures the amount came from, for whoever checks this decision later.
      details.baseCents = decision.baseCents;
      details.amoCents = amo;
      details.amcCents = amc;
      details.deductibleCents = decision.deductibleCents;
      details.quantity = decision.quantity;
      details.optam = decision.optam;
      details.outOfPathway = decision.outOfPathway;
      details.outOfPathwayOverrunCents = decision.outOfPathwayOverrunCents;
      details.pathwayAmoRateBp = decision.pathwayAmoRateBp;
      details.priceLimitCents = act.priceLimitCents ?? null;
      details.ear = decision.ear;
      // Kept with the démarche, so the decided page still shows every input the amount was computed with.
      const decided: ClaimDetails = {
        ...detailsOf("claim", request.details),
        pricing: {
          inputs: pricingInputs(facts, decision),
          amcCents: amc,
          steps: decision.override ? [] : (proposal?.steps ?? []),
          override: decision.override ?? null,
        },
      };
      status = "accepted";
      paidCents = amc;
      note = `${formatEuros(amc)} remboursés par votre mutuelle`;
      const claim = {
        ...request,
        beneficiaryId: request.beneficiaryId,
        careDate: request.careDate,
        // The reimbursement line is in euros, as every line: the converted amount for care paid abroad.
        amountCents: paidEur,
      };
      effect = async (tx) => {
        // Paid where this person's reimbursements go: their own account if they have one, else the contract's.
        const [who] = await tx
          .select({ ownAccountId: person.bankAccountId, contractAccountId: household.bankAccountId })
          .from(person)
          .innerJoin(household, eq(household.id, person.householdId))
          .where(and(eq(person.id, claim.beneficiaryId), eq(person.householdId, claim.householdId)));
        const [holder] = await tx
          .select({ id: person.id })
          .from(person)
          .where(and(eq(person.householdId, claim.householdId), eq(person.role, "member")));
        const toBeneficiary = Boolean(who?.ownAccountId);
        await tx.insert(reimbursementLine).values({
          // One line per claim, whatever the retries: the claim is its source.
          sourceLineId: `demande:${claim.reference}`,
          householdId: claim.householdId,
          beneficiaryId: claim.beneficiaryId,
          careType: claim.careType ?? "autres",
          guaranteeCategory: decision.category,
          careDate: claim.careDate,
          chargedCents: claim.amountCents,
          baseCents: decision.baseCents,
          quantity: decision.quantity,
          // Both ears with one ear blocked (renewal, or already fitted that day): the line records the ear the
          // mutuelle paid, since renewal counts reimbursed ears (the décision's inputs keep "les deux oreilles").
          ear: (!decision.override && proposal?.paidEar) || decision.ear,
          optam: decision.optam,
          outOfPathway: act.outOfPathway ?? false,
          outOfPathwayOverrunCents: act.outOfPathwayOverrunCents ?? 0,
          pathwayAmoRateBp: act.pathwayAmoRateBp ?? null,
          priceLimitCents: act.priceLimitCents ?? null,
          amoDeductibleCents: decision.deductibleCents,
          amoCents: amo,
          amcCents: amc,
          remainingCents: Math.max(0, claim.amountCents - amo - amc),
          guaranteeLabel: decision.override
            ? `Montant fixé par votre mutuelle : ${decision.override.reason}`
            : (proposal?.appliedLine?.label ?? null),
          // The engine's steps and the limit that decided, shown on the member's line ("Pourquoi ce montant ?").
          // A hand-fixed amount is not the engine's: its line is explained from its figures and the reason.
          pricingExplanation:
            !decision.override && proposal ? { steps: proposal.steps, limit: proposal.limitedBy ?? null } : null,
          paidTo: toBeneficiary ? "beneficiary" : "member",
          paidToPersonId: toBeneficiary ? claim.beneficiaryId : (holder?.id ?? null),
          bankAccountId: (toBeneficiary ? who?.ownAccountId : who?.contractAccountId) ?? null,
          paymentDate: deps.clock.today(),
        });
        await tx.update(memberRequest).set({ details: decided }).where(eq(memberRequest.id, claim.id));
      };
      break;
    }
    case "answer_quote": {
      if (request.kind !== "quote") throw new AppError("kind", "Ce n'est pas un devis.", 400);
      const asked = detailsOf("quote", request.details);
      const lines = asked.lines;
      if (decision.amcCents.length !== Math.max(1, lines.length))
        throw new AppError("lines", "Indiquez un montant pour chaque ligne du devis.", 400);
      lines.forEach((line, i) => {
        if (decision.amcCents[i]! > line.chargedCents)
          throw new AppError("lines", `Ligne ${i + 1} : le montant confirmé dépasse le prix du devis.`, 400);
      });
      status = "accepted";
      const total = decision.amcCents.reduce((t, c) => t + c, 0);
      note = `Prise en charge confirmée : ${formatEuros(total)}${decision.note ? `. ${decision.note}` : ""}`;
      const confirmed: QuoteDetails = {
        ...asked,
        confirmed: { amcCents: decision.amcCents, totalCents: total, note: decision.note || null },
      };
      effect = async (tx) => {
        await tx.update(memberRequest).set({ details: confirmed }).where(eq(memberRequest.id, request.id));
      };
      break;
    }
    case "accept_level_change":
    case "accept_termination":
    case "accept_beneficiary": {
      const accepted = contractAcceptance(decision.kind, request, advisor);
      status = "accepted";
      note = accepted.note;
      effect = accepted.effect;
      // Filled in the transaction for a résiliation (what it cancels is read locked there): merged after it too.
      contractDetails = accepted.details;
      Object.assign(details, accepted.details);
      break;
    }
    case "accept_legal_representative": {
      const accepted = legalRepresentativeAcceptance(deps, { ...request, id: request.id }, advisor);
      status = "accepted";
      note = accepted.note;
      effect = accepted.effect;
      mailIds = accepted.mailIds;
      Object.assign(details, accepted.details);
      break;
    }
    case "accept_data_rights": {
      if (request.kind !== "data_rights")
        throw new AppError("kind", "Ce n'est pas une demande sur les données personnelles.", 400);
      const asked = detailsOf("data_rights", request.details);
      status = "accepted";
      details.right = asked.right;
      if (asked.right === "erasure") {
        note =
          "Vos messages et leurs pièces jointes, vos brouillons de demande, votre numéro de téléphone et les adresses IP de vos connexions ont été effacés. " +
          "Votre contrat, vos remboursements et vos démarches sont conservés pendant la durée que la loi impose." +
          (decision.note ? ` ${decision.note}` : "");
        effect = async (tx) => {
          erased = await eraseWhatMayGo(tx, request.householdId);
        };
      } else {
        if (decision.note.length < 5)
          throw new AppError("note", "Écrivez à l'adhérent ce qui change pour ses données (il lira vos mots).", 400);
        note = decision.note;
      }
      break;
    }
  }

  await changeRequestStatus(deps, {
    requestId: request.id,
    status,
    note: note ?? undefined,
    paidCents: paidCents ?? undefined,
    assignTo: advisor.userId,
    effect,
  });
  if (contractDetails) Object.assign(details, contractDetails);
  await deps.mailer.deliver(mailIds);
  const done = erased as ErasureResult | null;
  if (done) {
    await deleteErasedFiles(deps.storage, done);
    details.erasedThreads = done.threads;
    details.erasedDrafts = done.drafts;
    details.erasedFiles = done.files.length;
  }
  await recordAudit(db, {
    action: "backoffice.request_decision",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: request.householdId,
    ipAddress: ip,
    details,
  });
  return status;
}
