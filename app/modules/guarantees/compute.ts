// computeReimbursement: the AMC part of one act, the reste à charge, and the French explanation.
// Order: find the line → refuse (no line, before coverage, waiting period, renewal) → rule amount (with its
// own counters) → contrat-responsable cap → never more than charged − AMO − participations/franchises.
import { categoryLabel, isCategoryCode, lineLabel } from "./categories.ts";
import {
  forfaitCounter,
  renewalCounter,
  renewalStatus,
  unitCounter,
  type RenewalStatus,
} from "./counters.ts";
import { addDays, addMonths, addYears, assertIsoDate } from "./dates.ts";
import { closingSteps, deductibleStep, eur, introStep, limits, lineStep } from "./explain.ts";
import type { CareAct, GuaranteeLine, GuaranteeTable, Limit, ReimbursementInput, ReimbursementResult, UsageCounter } from "./model.ts";
import { responsibleCap } from "./responsible.ts";
import { evaluateRule, type RuleOutcome } from "./rules.ts";

function assertCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be non-negative integer cents, got ${value}`);
}

/** Bad input is a programming error (the caller builds acts from stored lines), not a member-facing refusal. */
function validate(input: ReimbursementInput): void {
  const { act, beneficiary, table } = input;
  assertCents(act.amountChargedCents, "amountChargedCents");
  assertCents(act.baseCents, "baseCents");
  assertCents(act.amoCents, "amoCents");
  if (act.deductibleCents !== undefined) assertCents(act.deductibleCents, "deductibleCents");
  if (act.priceLimitCents !== undefined) assertCents(act.priceLimitCents, "priceLimitCents");
  if (act.amoCents > act.amountChargedCents) throw new RangeError("amoCents cannot exceed amountChargedCents");
  if (act.quantity !== undefined && (!Number.isSafeInteger(act.quantity) || act.quantity < 1)) {
    throw new RangeError(`quantity must be a positive integer, got ${act.quantity}`);
  }
  assertIsoDate(act.careDate, "careDate");
  assertIsoDate(beneficiary.birthDate, "birthDate");
  assertIsoDate(beneficiary.coverageStart, "coverageStart");
  // Tables never apply retroactively: the caller must pick the version in effect on the care date.
  if (act.careDate < table.effectiveFrom || (table.effectiveTo !== undefined && act.careDate > table.effectiveTo)) {
    throw new RangeError(`table ${table.levelId} (${table.effectiveFrom}…${table.effectiveTo ?? ""}) does not apply on ${act.careDate}; use selectTableVersion`);
  }
}

/** The line for this act; OPTAM-sensitive categories prefer the line of the practitioner's kind. */
export function findLine(table: GuaranteeTable, act: Pick<CareAct, "category" | "optam">): GuaranteeLine | undefined {
  const candidates = table.lines.filter((l) => l.category === act.category);
  const wanted = act.optam === true ? "optam" : "nonOptam";
  return candidates.find((l) => l.practitioner === wanted) ?? candidates.find((l) => l.practitioner === undefined);
}

/** First reason to pay nothing at all, if any, with the renewal status the counters will show. */
function eligibility(input: ReimbursementInput, line: GuaranteeLine): { refusal?: Limit; step?: string; renewal?: RenewalStatus } {
  const { act, beneficiary, table, history } = input;
  if (act.careDate < beneficiary.coverageStart) {
    return { refusal: limits.beforeCoverage(beneficiary.coverageStart) };
  }
  if (line.waitingPeriod) {
    const openFrom = addDays(addMonths(beneficiary.coverageStart, line.waitingPeriod.months ?? 0), line.waitingPeriod.days ?? 0);
    if (act.careDate < openFrom) return { refusal: limits.waitingPeriod(openFrom) };
  }
  if (!line.renewal) return {};
  const status = renewalStatus(table, line.renewal, beneficiary, history, act.careDate);
  if (status.nextEligibleDate && act.careDate < status.nextEligibleDate) {
    return { refusal: limits.renewal(line.renewal.label, status.periodYears, status.nextEligibleDate), renewal: status };
  }
  return { renewal: status };
}

function finalCounters(outcome: RuleOutcome | undefined, line: GuaranteeLine, amcCents: number, renewal: RenewalStatus | undefined, careDate: string): UsageCounter[] {
  const counters: UsageCounter[] = [];
  const paid = amcCents > 0;
  const pending = outcome?.pending;
  const units = paid ? (outcome?.paidUnits ?? 0) : 0;
  if (pending?.kind === "forfait") {
    counters.push(forfaitCounter(pending.pool, pending.period, { cents: pending.before.cents + amcCents, units: pending.before.units + units }));
  } else if (pending?.kind === "units") {
    counters.push(unitCounter(line, pending.label, pending.limit, pending.period, pending.before.units + units));
  }
  if (line.renewal && renewal) {
    const after: RenewalStatus = paid
      ? { periodYears: renewal.periodYears, lastEquipmentDate: careDate, nextEligibleDate: addYears(careDate, renewal.periodYears) }
      : renewal;
    counters.push(renewalCounter(line.renewal, after));
  }
  return counters;
}

export function computeReimbursement(input: ReimbursementInput): ReimbursementResult {
  validate(input);
  const { table, act } = input;
  const quantity = act.quantity ?? 1;
  const deductibleCents = act.deductibleCents ?? 0;
  // A responsible contract builds on the AMO part *before* participations and franchises, so it never pays them.
  const amoShareCents = table.responsible ? act.amoCents + deductibleCents : act.amoCents;
  const chargeableCents = Math.max(0, act.amountChargedCents - amoShareCents);
  const steps = [introStep(act, quantity)];

  const finish = (amcCents: number, line: GuaranteeLine | undefined, limitedBy: Limit | undefined, counters: UsageCounter[]): ReimbursementResult => {
    const remainingCents = act.amountChargedCents - act.amoCents - amcCents;
    if (table.responsible && deductibleCents > 0) steps.push(deductibleStep(deductibleCents));
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

  const { refusal, renewal } = eligibility(input, line);
  if (refusal) {
    steps.push(`${refusal.label} Aucun remboursement de la mutuelle pour ce soin.`);
    return finish(0, line, refusal, finalCounters(undefined, line, 0, renewal, act.careDate));
  }

  const outcome = evaluateRule({ ...input, line, quantity, amoShareCents, deductibleCents, chargeableCents });
  steps.push(...outcome.steps);
  let amcCents = outcome.amountCents;
  let limitedBy = outcome.limitedBy;

  const cap = responsibleCap(table, act, quantity, amoShareCents);
  if (cap && amcCents > cap.maxCents) {
    amcCents = cap.maxCents;
    limitedBy = limits.responsibleCap(cap.what);
    steps.push(`Plafond du contrat responsable (${cap.what}) : remboursement ramené à ${eur(amcCents)}.`);
  }
  if (amcCents > chargeableCents) {
    amcCents = chargeableCents;
    limitedBy = limits.amountCharged();
    steps.push(`Limité à la dépense : ${eur(act.amountChargedCents)} − ${eur(amoShareCents)} (Sécurité sociale${table.responsible && deductibleCents > 0 ? ", participation et franchises comprises" : ""}) = ${eur(amcCents)}.`);
  }
  return finish(amcCents, line, limitedBy, finalCounters(outcome, line, amcCents, renewal, act.careDate));
}
