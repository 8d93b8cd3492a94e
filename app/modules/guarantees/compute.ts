// computeReimbursement: the AMC part of one act, the reste à charge, and the French explanation.
// Order: find the line → refuse (no line, before coverage, waiting period, renewal) → rule amount (with its
// own counters) → contrat-responsable cap → never more than charged − AMO − participations/franchises.
import { categories, categoryLabel, isCategoryCode, lineLabel } from "./categories.ts";
import {
  forfaitCounter,
  renewalCounter,
  renewalPartOf,
  renewalStatus,
  renewalYears,
  unitCounter,
  type RenewalStatus,
} from "./counters.ts";
import { addDays, addMonths, addYears } from "../clock/calendar.ts";
import { boundEquipmentUnits, earTakenSameDay } from "./equipment-units.ts";
import {
  closingSteps,
  decidingStep,
  deductibleStep,
  eur,
  introStep,
  limits,
  lineStep,
  outOfPathwaySteps,
} from "./explain.ts";
import { pathwayDoctorAmoRateBp } from "./legal-limits.ts";
import { percentOfCents, prorateCents } from "./money.ts";
import type { EarSide } from "./model.ts";
import type {
  CareAct,
  GuaranteeLine,
  GuaranteeTable,
  Limit,
  ReimbursementInput,
  ReimbursementResult,
  UsageCounter,
} from "./model.ts";
import { responsibleCap } from "./responsible.ts";
import { amoReimbursed } from "./ticket-moderateur.ts";
import { formatDate } from "../shared/format.ts";
import { evaluateRule, type RuleOutcome } from "./rules.ts";
import { validate } from "./validate-input.ts";

/** The line for this act; OPTAM-sensitive categories prefer the line of the practitioner's kind. */
export function findLine(table: GuaranteeTable, act: Pick<CareAct, "category" | "optam">): GuaranteeLine | undefined {
  const candidates = table.lines.filter((l) => l.category === act.category);
  const wanted = act.optam === true ? "optam" : "nonOptam";
  return candidates.find((l) => l.practitioner === wanted) ?? candidates.find((l) => l.practitioner === undefined);
}

/**
 * First reason to pay nothing at all, if any, with the renewal status the counters will show. A waiting period
 * on a responsible contract's line the AMO reimburses does not refuse the act: it limits it to the ticket
 * modérateur (`waitingUntil`), the floor R871-2 1° sets for every responsible contract — the law does not say
 * whether a waiting period may suspend that floor, and this reading favours the member (docs/guarantee-tables.md).
 */
function eligibility(
  input: ReimbursementInput,
  line: GuaranteeLine,
): { refusal?: Limit; step?: string; renewal?: RenewalStatus; waitingUntil?: string } {
  const { act, beneficiary, table } = input;
  if (act.careDate < beneficiary.coverageStart) {
    return { refusal: limits.beforeCoverage(beneficiary.coverageStart) };
  }
  if (beneficiary.coverageEnd !== undefined && act.careDate > beneficiary.coverageEnd) {
    return { refusal: limits.afterCoverage(beneficiary.coverageEnd, beneficiary.coverageEndedBy) };
  }
  if (line.waitingPeriod) {
    const openFrom = addDays(
      addMonths(beneficiary.coverageStart, line.waitingPeriod.months ?? 0),
      line.waitingPeriod.days ?? 0,
    );
    if (act.careDate < openFrom) {
      if (!table.responsible || !isCategoryCode(act.category) || !amoReimbursed[act.category])
        return { refusal: limits.waitingPeriod(openFrom) };
      const withRenewal = line.renewal ? eligibilityAfterWaiting(input, line) : {};
      return withRenewal.refusal ? withRenewal : { ...withRenewal, waitingUntil: openFrom };
    }
  }
  return eligibilityAfterWaiting(input, line);
}

function isHearingAid(category: string): boolean {
  return isCategoryCode(category) && categories[category].domain === "audiologie";
}

/** Why one ear's aid of this act is not paid: its renewal period, or that ear's aid already reimbursed that day. */
function earBlocked(input: ReimbursementInput, line: GuaranteeLine, ear: "left" | "right"): Limit | undefined {
  const { act, beneficiary, table, history } = input;
  if (line.renewal) {
    const status = renewalStatus(table, line.renewal, beneficiary, history, act.careDate, ear, act.category);
    if (status.blockedBy)
      return limits.renewal(
        line.renewal.label,
        status.blockedBy.periodYears,
        renewalFrom(status),
        status.blockedBy.date,
        act.careDate,
      );
  }
  if (earTakenSameDay(act.careDate, ear, history)) {
    return {
      kind: "equipmentUnits",
      label: `Un équipement par période : une aide auditive pour ${earWords[ear]} déjà remboursée le ${formatDate(act.careDate)} pour ce bénéficiaire.`,
    };
  }
  return undefined;
}

const earWords: Record<"left" | "right", string> = { left: "l'oreille gauche", right: "l'oreille droite" };

/**
 * Aids for both ears when exactly one ear is blocked: renewal is per ear (LPP titre II ch. 3, § V.2.1) and so is
 * the responsible cap (1 700 € per aid, AMO part included, R871-2 CSS), so the free ear is priced on its own,
 * on its half of the act (charged, BR, AMO part, participations, price limit: each ÷ 2, half-up), within its
 * own caps; the blocked ear gets nothing. Undefined when both ears are free or both blocked.
 */
function freeEarOnly(input: ReimbursementInput, line: GuaranteeLine): ReimbursementResult | undefined {
  const { act } = input;
  const left = earBlocked(input, line, "left");
  const right = earBlocked(input, line, "right");
  if (!left === !right) return undefined;
  const [free, blockedEar, blocked] = left ? (["right", "left", left] as const) : (["left", "right", right!] as const);
  const half = (cents: number) => prorateCents(cents, 1, 2);
  const oneEar: CareAct = {
    ...act,
    ear: free,
    quantity: 1,
    amountChargedCents: half(act.amountChargedCents),
    baseCents: half(act.baseCents),
    amoCents: half(act.amoCents),
  };
  if (act.deductibleCents !== undefined) oneEar.deductibleCents = half(act.deductibleCents);
  if (act.priceLimitCents !== undefined) oneEar.priceLimitCents = half(act.priceLimitCents);
  if (act.outOfPathwayOverrunCents !== undefined) oneEar.outOfPathwayOverrunCents = half(act.outOfPathwayOverrunCents);
  const inner = computeReimbursement({ ...input, act: oneEar });
  const amcCents = inner.amcCents;
  const remainingCents = act.amountChargedCents - act.amoCents - amcCents;
  const limitedBy = inner.limitedBy ?? blocked;
  const halves = [
    `dépense ${eur(act.amountChargedCents)} ÷ 2 = ${eur(oneEar.amountChargedCents)}`,
    `BR ${eur(act.baseCents)} ÷ 2 = ${eur(oneEar.baseCents)}`,
    `Sécurité sociale ${eur(act.amoCents)} ÷ 2 = ${eur(oneEar.amoCents)}`,
  ];
  if (act.priceLimitCents !== undefined)
    halves.push(`prix limite ${eur(act.priceLimitCents)} ÷ 2 = ${eur(oneEar.priceLimitCents!)}`);
  const steps = [
    introStep(act, act.quantity ?? 2),
    `Aides auditives des deux oreilles, ${earWords[blockedEar]} non prise en charge : ${blocked.label}`,
    `Seule ${earWords[free]} est prise en charge, sur sa moitié de l'acte : ${halves.join(", ")}.`,
    // The free ear's own pricing, without its introduction, deciding step and totals (given for the whole act).
    ...inner.steps.slice(1, inner.steps.length - 3),
    decidingStep(limitedBy, inner.appliedLine?.label ?? null),
    ...closingSteps(act, amcCents, remainingCents),
  ];
  const result: ReimbursementResult = {
    amountChargedCents: act.amountChargedCents,
    baseCents: act.baseCents,
    amoCents: act.amoCents,
    amcCents,
    remainingCents,
    appliedLine: inner.appliedLine,
    steps,
    limitedBy,
    counters: inner.counters,
  };
  if (amcCents > 0) result.paidEar = free;
  return result;
}

/** The first day a new equipment may be paid again, with the date and period it counts from. */
function renewalFrom(status: RenewalStatus): { from: string; after: string; years: number } {
  return { from: status.nextEligibleDate!, after: status.lastEquipmentDate!, years: status.nextYears! };
}

function eligibilityAfterWaiting(
  input: ReimbursementInput,
  line: GuaranteeLine,
): { refusal?: Limit; renewal?: RenewalStatus } {
  const { act, beneficiary, table, history } = input;
  if (!line.renewal) return {};
  const status = renewalStatus(table, line.renewal, beneficiary, history, act.careDate, act.ear, act.category);
  if (status.blockedBy) {
    return {
      refusal: limits.renewal(
        line.renewal.label,
        status.blockedBy.periodYears,
        renewalFrom(status),
        status.blockedBy.date,
        act.careDate,
      ),
      renewal: status,
    };
  }
  return { renewal: status };
}

function finalCounters(
  outcome: RuleOutcome | undefined,
  line: GuaranteeLine,
  amcCents: number,
  renewal: RenewalStatus | undefined,
  careDate: string,
  beneficiary: ReimbursementInput["beneficiary"],
  ear?: EarSide,
): UsageCounter[] {
  const counters: UsageCounter[] = [];
  const paid = amcCents > 0;
  const pending = outcome?.pending;
  const units = paid ? (outcome?.paidUnits ?? 0) : 0;
  if (pending?.kind === "forfait") {
    counters.push(
      forfaitCounter(pending.pool, pending.period, {
        cents: pending.before.cents + amcCents,
        units: pending.before.units + units,
      }),
    );
  } else if (pending?.kind === "units") {
    counters.push(unitCounter(line, pending.label, pending.limit, pending.period, pending.before.units + units));
  }
  if (line.renewal && renewal) {
    // The next renewal counts from the latest equipment: this one, or one reimbursed after its care date.
    const latest =
      paid && (!renewal.lastEquipmentDate || renewal.lastEquipmentDate < careDate)
        ? careDate
        : renewal.lastEquipmentDate;
    const periodYears = latest
      ? renewalYears(line.renewal, beneficiary.birthDate, latest > careDate ? latest : careDate)
      : renewal.periodYears;
    const after: RenewalStatus =
      latest && paid
        ? { periodYears, lastEquipmentDate: latest, nextEligibleDate: addYears(latest, periodYears) }
        : renewal;
    counters.push(renewalCounter(line.renewal, after, renewalPartOf(line.category, ear)));
  }
  return counters;
}

/**
 * What the guarantee treats as already paid by the Sécurité sociale, and what stays with the member whatever
 * the guarantee says. A responsible contract builds on the AMO part *before* participations and franchises,
 * so it never pays them (L871-1, L160-13 II and III CSS). Outside the coordinated pathway it builds on what
 * the AMO would have paid at its normal rate, so the majoration of the member's participation (L162-5-3)
 * and the dépassement billed for being outside the pathway stay with the member (L871-1, R871-1 CSS).
 */
export function amoBasis(
  table: GuaranteeTable,
  act: CareAct,
): { amoShareCents: number; majorationCents: number; excludedCents: number; pathwayRateBp: number } {
  const deductibleCents = act.deductibleCents ?? 0;
  const paidShare = table.responsible ? act.amoCents + deductibleCents : act.amoCents;
  const pathwayRateBp = act.pathwayAmoRateBp ?? pathwayDoctorAmoRateBp;
  // Only doctors' fees have a coordinated pathway (L162-5-3): the flag means nothing on other care.
  const doctorsFees = isCategoryCode(act.category) && "optamSensitive" in categories[act.category];
  if (!table.responsible || act.outOfPathway !== true || !doctorsFees)
    return { amoShareCents: paidShare, majorationCents: 0, excludedCents: 0, pathwayRateBp };
  // The AMO rates the BR, or the amount charged when it is lower (the same base the AMO itself used).
  const normalShare = Math.min(
    act.amountChargedCents,
    percentOfCents(Math.min(act.baseCents, act.amountChargedCents), pathwayRateBp),
  );
  const amoShareCents = Math.max(paidShare, normalShare);
  return {
    amoShareCents,
    majorationCents: amoShareCents - paidShare,
    excludedCents: act.outOfPathwayOverrunCents ?? 0,
    pathwayRateBp,
  };
}

export function computeReimbursement(input: ReimbursementInput): ReimbursementResult {
  validate(input);
  const { table, act } = input;
  const quantity = act.quantity ?? 1;
  const deductibleCents = act.deductibleCents ?? 0;
  const basis = amoBasis(table, act);
  const { amoShareCents } = basis;
  const chargeableCents = Math.max(0, act.amountChargedCents - amoShareCents - basis.excludedCents);
  const steps = [introStep(act, quantity)];
  if (basis.majorationCents > 0 || basis.excludedCents > 0) steps.push(...outOfPathwaySteps(act, basis));

  const finish = (
    amcCents: number,
    line: GuaranteeLine | undefined,
    limitedBy: Limit | undefined,
    counters: UsageCounter[],
  ): ReimbursementResult => {
    const remainingCents = act.amountChargedCents - act.amoCents - amcCents;
    if (table.responsible && deductibleCents > 0) steps.push(deductibleStep(deductibleCents));
    steps.push(decidingStep(limitedBy, line ? lineLabel(line) : null));
    steps.push(...closingSteps(act, amcCents, remainingCents));
    const result: ReimbursementResult = {
      amountChargedCents: act.amountChargedCents,
      baseCents: act.baseCents,
      amoCents: act.amoCents,
      amcCents,
      remainingCents,
      appliedLine: line ? { id: line.id, label: lineLabel(line) } : null,
      steps,
      counters,
    };
    if (limitedBy) result.limitedBy = limitedBy;
    return result;
  };

  const line = findLine(table, act);
  if (!line) {
    const limit = limits.noGuarantee(isCategoryCode(act.category) ? categoryLabel(act.category) : act.category);
    steps.push(limit.label);
    return finish(0, undefined, limit, []);
  }
  steps.push(lineStep(lineLabel(line), table));

  const { refusal, renewal, waitingUntil } = eligibility(input, line);
  // Hearing aids for both ears with one ear blocked (renewal or already fitted that day): the other ear is paid.
  if ((!refusal || refusal.kind === "renewal") && act.ear === "both" && isHearingAid(act.category)) {
    const oneEar = freeEarOnly(input, line);
    if (oneEar) return oneEar;
  }
  if (refusal) {
    steps.push(`${refusal.label} Aucun remboursement de la mutuelle pour ce soin.`);
    return finish(
      0,
      line,
      refusal,
      finalCounters(undefined, line, 0, renewal, act.careDate, input.beneficiary, act.ear),
    );
  }

  // One equipment holds one frame, two lenses, one aid per ear: more units (or a second equipment the same day)
  // are flagged and not paid.
  const bound = boundEquipmentUnits(act, quantity, input.history);
  if (bound.step) steps.push(bound.step);
  if (bound.units === 0)
    return finish(
      0,
      line,
      bound.limit,
      finalCounters(undefined, line, 0, renewal, act.careDate, input.beneficiary, act.ear),
    );
  const units = bound.units;

  // During a waiting period (responsible contract, care the AMO reimburses): the ticket modérateur only, as a
  // "100 % BR y compris RO" line would pay it; no forfait or counter is drawn on.
  const ruleLine: GuaranteeLine = waitingUntil
    ? { id: line.id, category: line.category, rule: { kind: "percentOfBaseIncludingAmo", rateBp: 10_000 } }
    : line;
  if (waitingUntil)
    steps.push(
      `Délai d'attente de cette garantie jusqu'au ${formatDate(waitingUntil)} : votre contrat responsable rembourse pendant ce délai le ticket modérateur, et lui seul (art. R871-2 du code de la sécurité sociale).`,
    );
  const outcome = evaluateRule({
    ...input,
    line: ruleLine,
    quantity: units,
    amoShareCents,
    deductibleCents,
    chargeableCents,
    outOfPathway: basis.majorationCents > 0,
  });
  steps.push(...outcome.steps);
  let amcCents = outcome.amountCents;
  let limitedBy = waitingUntil ? limits.waitingPeriod(waitingUntil) : (outcome.limitedBy ?? bound.limit);

  const cap = responsibleCap(table, act, units, amoShareCents);
  if (cap && amcCents > cap.maxCents) {
    steps.push(
      `Plafond du contrat responsable (${cap.what}, art. R871-2 du code de la sécurité sociale) : ${cap.arithmetic} ; ${eur(amcCents)} ramenés à ${eur(cap.maxCents)}.`,
    );
    amcCents = cap.maxCents;
    limitedBy = limits.responsibleCap(cap.what);
  }
  if (amcCents > chargeableCents) {
    amcCents = chargeableCents;
    const overrun = basis.excludedCents > 0 ? ` − ${eur(basis.excludedCents)} (dépassement hors parcours)` : "";
    limitedBy = basis.majorationCents > 0 || basis.excludedCents > 0 ? limits.outOfPathway() : limits.amountCharged();
    const share =
      basis.majorationCents > 0
        ? "Sécurité sociale au taux normal"
        : `Sécurité sociale${table.responsible && deductibleCents > 0 ? ", participation et franchises comprises" : ""}`;
    steps.push(
      `Limité à la dépense : ${eur(act.amountChargedCents)} − ${eur(amoShareCents)} (${share})${overrun} = ${eur(amcCents)}.`,
    );
  }
  // Hors parcours: the majoration or the dépassement it excluded is what kept the amount below the rule's.
  if (!limitedBy && (basis.majorationCents > 0 || basis.excludedCents > 0)) limitedBy = limits.outOfPathway();
  return finish(
    amcCents,
    line,
    limitedBy,
    finalCounters(outcome, line, amcCents, renewal, act.careDate, input.beneficiary, act.ear),
  );
}
