// Counters (forfaits, sessions, days) and renewal periods, computed from the beneficiary's history.
// Counters reset each calendar year unless the rule asks for the membership year; renewal is a rolling
// period between two reimbursed equipments, checked on both sides of the care date (per ear for hearing
// aids). Only past acts the mutuelle actually paid (amcCents > 0) count: a refused act consumed nothing.
import { categories, isCategoryCode, lineLabel } from "./categories.ts";
import { dayUnit } from "./units.ts";
import {
  addDays,
  addYears,
  ageOn,
  anniversaryYearOf,
  calendarYearOf,
  isWithin,
  type Period,
} from "../clock/calendar.ts";
import type {
  BeneficiaryFacts,
  CounterPeriod,
  EarSide,
  ForfaitPool,
  GuaranteeLine,
  GuaranteeTable,
  PastAct,
  RenewalRule,
  UsageCounter,
} from "./model.ts";

export interface Usage {
  cents: number;
  units: number;
}

export function counterPeriod(
  period: CounterPeriod | undefined,
  careDate: string,
  beneficiary: BeneficiaryFacts,
): Period {
  return period === "membershipYear"
    ? anniversaryYearOf(beneficiary.coverageStart, careDate)
    : calendarYearOf(careDate);
}

function usageOf(history: readonly PastAct[], counted: ReadonlySet<string>, period: Period): Usage {
  let cents = 0;
  let units = 0;
  for (const act of history) {
    if (act.amcCents <= 0 || !counted.has(act.category) || !isWithin(act.careDate, period)) continue;
    cents += act.amcCents;
    units += act.quantity ?? 1;
  }
  return { cents, units };
}

export function findPool(table: GuaranteeTable, forfaitId: string): ForfaitPool {
  const pool = table.forfaits.find((f) => f.id === forfaitId);
  // The loader refuses tables naming an unknown forfait; a hand-built table could still do it.
  if (!pool) throw new RangeError(`guarantee table ${table.levelId} has no forfait "${forfaitId}"`);
  return pool;
}

/** Every category whose line draws on this forfait (médecines douces: ostéopathie, chiropractie…). */
function poolCategories(table: GuaranteeTable, forfaitId: string): Set<string> {
  return new Set(
    table.lines.filter((l) => l.rule.kind === "annualForfait" && l.rule.forfaitId === forfaitId).map((l) => l.category),
  );
}

export function forfaitUsage(
  table: GuaranteeTable,
  forfaitId: string,
  history: readonly PastAct[],
  period: Period,
): Usage {
  return usageOf(history, poolCategories(table, forfaitId), period);
}

export function categoryUsage(category: string, history: readonly PastAct[], period: Period): Usage {
  return usageOf(history, new Set([category]), period);
}

export interface RenewalStatus {
  periodYears: number;
  /** The latest equipment of the group reimbursed on another day than the care date, before or after it. */
  lastEquipmentDate?: string;
  nextEligibleDate?: string;
  /** The period nextEligibleDate counts (the one in force on the latest equipment's date, or the care date). */
  nextYears?: number;
  /** The reimbursed equipment that lies within the renewal period of the care date, either side, if any. */
  blockedBy?: { date: string; periodYears: number };
}

/** Years of the renewal period that applies on `careDate`: shorter while the beneficiary is a minor. */
export function renewalYears(renewal: RenewalRule, birthDate: string, careDate: string): number {
  const young =
    renewal.minorYears !== undefined &&
    renewal.minorUnderAge !== undefined &&
    ageOn(birthDate, careDate) < renewal.minorUnderAge;
  return young ? renewal.minorYears! : renewal.years;
}

/** Two hearing-aid acts concern the same ear unless one is "left" and the other "right" (absent = both). */
export function sameEar(a: EarSide | undefined, b: EarSide | undefined): boolean {
  return !((a === "left" && b === "right") || (a === "right" && b === "left"));
}

/** Hearing aids are renewed per ear (LPP titre II ch. 3, arrêté du 14 novembre 2018 § V.2.1: a new aid is covered 4 years after the previous one, counted for each ear (instruction DSS/SD1C/DGS/PP3/2019/130 du 4 juin 2019)). */
function countsPerEar(category: string): boolean {
  return isCategoryCode(category) && categories[category].domain === "audiologie";
}

/**
 * Optical components renewed separately each keep their own period: the LPP (titre II, chapitre 2, conditions
 * of renewal, arrêté du 3 décembre 2018) states that when the frame and the lenses are renewed separately the
 * renewal period is assessed separately for each component. A class A (100 % Santé) act is a whole equipment.
 */
type OpticalComponent = "frame" | "lenses" | "whole";
function opticalComponent(category: string | undefined): OpticalComponent | undefined {
  if (category === "optique_monture") return "frame";
  if (category === "optique_verres_simples" || category === "optique_verres_complexes") return "lenses";
  if (category === "optique_100_sante") return "whole";
  return undefined;
}
/** Whether a past act renews the same component as the act priced (anything else counts as overlapping). */
function sameComponent(past: string, priced: string | undefined): boolean {
  const a = opticalComponent(past);
  const b = opticalComponent(priced);
  return a === undefined || b === undefined || a === "whole" || b === "whole" || a === b;
}

/**
 * Whether an equipment of the group may be reimbursed on `careDate`. Paper claims arrive late (up to 2 years
 * and 3 months), so an equipment bought earlier can be claimed after a newer one was reimbursed: any
 * reimbursed equipment within the period *either side* of the care date blocks it. Two equipments are
 * compared with the period that applies on the later one's date (the renewal). Components bought the same
 * day (frame and lenses billed as two acts) belong to the same equipment, so they never block each other.
 * The next renewal counts from the latest equipment.
 */
export function renewalStatus(
  table: GuaranteeTable,
  renewal: RenewalRule,
  beneficiary: BeneficiaryFacts,
  history: readonly PastAct[],
  careDate: string,
  /** Hearing aids: the ear of the act being priced; only equipments of the same ear count. */
  ear?: EarSide,
  /** The category priced: optical frames and lenses renewed separately only meet their own kind. */
  category?: string,
): RenewalStatus {
  const group = new Set<string>(table.lines.filter((l) => l.renewal?.group === renewal.group).map((l) => l.category));
  const yearsOn = (date: string) => renewalYears(renewal, beneficiary.birthDate, date);
  let latest: string | undefined;
  let blockedBy: RenewalStatus["blockedBy"];
  for (const act of history) {
    if (act.amcCents <= 0 || !group.has(act.category) || act.careDate === careDate) continue;
    if (countsPerEar(act.category) && !sameEar(act.ear, ear)) continue;
    if (!sameComponent(act.category, category)) continue;
    if (!latest || act.careDate > latest) latest = act.careDate;
    const [earlier, later] = act.careDate < careDate ? [act.careDate, careDate] : [careDate, act.careDate];
    const years = yearsOn(later);
    // Keep the blocking equipment that pushes the next renewal furthest (the latest one).
    if (later < addYears(earlier, years) && (!blockedBy || act.careDate > blockedBy.date))
      blockedBy = { date: act.careDate, periodYears: years };
  }
  const periodYears = yearsOn(careDate);
  if (!latest) return { periodYears };
  const nextYears = yearsOn(latest > careDate ? latest : careDate);
  const status: RenewalStatus = {
    periodYears,
    lastEquipmentDate: latest,
    nextEligibleDate: addYears(latest, nextYears),
    nextYears,
  };
  if (blockedBy) status.blockedBy = blockedBy;
  return status;
}

export function forfaitCounter(pool: ForfaitPool, period: Period, usage: Usage): UsageCounter {
  const counter: UsageCounter = {
    kind: "forfait",
    id: `forfait:${pool.id}`,
    label: pool.label,
    periodStart: period.start,
    periodEnd: period.end,
    limitCents: pool.limitCents,
    usedCents: usage.cents,
    remainingCents: Math.max(0, pool.limitCents - usage.cents),
    sessionsUsed: usage.units,
  };
  if (pool.maxSessions !== undefined) {
    counter.sessionsLimit = pool.maxSessions;
    counter.sessionsLeft = Math.max(0, pool.maxSessions - usage.units);
  }
  return counter;
}

export function unitCounter(
  line: GuaranteeLine,
  label: string,
  limit: number,
  period: Period,
  usedUnits: number,
): UsageCounter {
  return {
    kind: "sessions",
    id: `${line.rule.kind === "perDay" ? "days" : "sessions"}:${line.category}`,
    label,
    unit: line.rule.kind === "perDay" ? dayUnit(line.category) : "séance",
    periodStart: period.start,
    periodEnd: period.end,
    sessionsUsed: usedUnits,
    sessionsLimit: limit,
    sessionsLeft: Math.max(0, limit - usedUnits),
  };
}

/** What a renewal meter counts: one ear, or one optical component renewed separately. */
export type RenewalPart = "left" | "right" | "frame" | "lenses";
/** A part's meter is named by the part alone: the group's name ("l'équipement optique (verres et monture)")
 * repeated before it said the same thing twice. */
const partLabels: Record<RenewalPart, string> = {
  left: "Renouvellement de l'aide auditive, oreille gauche",
  right: "Renouvellement de l'aide auditive, oreille droite",
  frame: "Renouvellement de la monture",
  lenses: "Renouvellement des verres",
};
/** An act's category, for the optical component a meter stands for. */
const partCategory: Record<"frame" | "lenses", string> = {
  frame: "optique_monture",
  lenses: "optique_verres_simples",
};

/** The part of its group an act renews: its ear (hearing aids), or its component (frame or lenses). */
export function renewalPartOf(category: string, ear: EarSide | undefined): RenewalPart | undefined {
  if (countsPerEar(category)) return ear === "left" || ear === "right" ? ear : undefined;
  const component = opticalComponent(category);
  return component === "frame" || component === "lenses" ? component : undefined;
}

export function renewalCounter(renewal: RenewalRule, status: RenewalStatus, part?: RenewalPart): UsageCounter {
  const counter: UsageCounter = {
    kind: "renewal",
    id: part ? `renewal:${renewal.group}:${part}` : `renewal:${renewal.group}`,
    label: part ? partLabels[part] : renewal.label,
    periodYears: status.periodYears,
  };
  if (part) counter.part = part;
  if (status.lastEquipmentDate) counter.lastEquipmentDate = status.lastEquipmentDate;
  if (status.nextEligibleDate) counter.nextEligibleDate = status.nextEligibleDate;
  return counter;
}

/** The usage meters of one beneficiary on a date (for a "what is left" screen), without any new act. */
export function usageCounters(input: {
  table: GuaranteeTable;
  beneficiary: BeneficiaryFacts;
  history: readonly PastAct[];
  asOf: string;
}): UsageCounter[] {
  const { table, beneficiary, history, asOf } = input;
  const counters: UsageCounter[] = [];
  for (const pool of table.forfaits) {
    const period = counterPeriod(pool.period, asOf, beneficiary);
    counters.push(forfaitCounter(pool, period, forfaitUsage(table, pool.id, history, period)));
  }
  const seenGroups = new Set<string>();
  for (const line of table.lines) {
    const rule = line.rule;
    const label = lineLabel(line);
    if (rule.kind === "eurosPerSession" || (rule.kind === "perDay" && rule.maxDaysPerYear !== undefined)) {
      const limit = rule.kind === "eurosPerSession" ? rule.sessionsPerYear : rule.maxDaysPerYear!;
      const period = counterPeriod(rule.period, asOf, beneficiary);
      counters.push(unitCounter(line, label, limit, period, categoryUsage(line.category, history, period).units));
    }
    if (line.renewal && !seenGroups.has(line.renewal.group)) {
      seenGroups.add(line.renewal.group);
      const renewal = line.renewal;
      // Acts on asOf itself are already part of the last equipment.
      const statusOf = (ear?: EarSide, category?: string) =>
        renewalStatus(table, renewal, beneficiary, history, addDays(asOf, 1), ear, category);
      const groupCategories = table.lines.filter((l) => l.renewal?.group === renewal.group).map((l) => l.category);
      if (groupCategories.some(countsPerEar)) {
        // Hearing aids are renewed ear by ear (LPP titre II ch. 3): one meter per ear.
        for (const ear of ["left", "right"] as const) counters.push(renewalCounter(renewal, statusOf(ear), ear));
      } else if (groupCategories.some((c) => opticalComponent(c) === "frame" || opticalComponent(c) === "lenses")) {
        // Frame and lenses renewed separately each keep their period (LPP titre II ch. 2): one meter each.
        for (const part of ["frame", "lenses"] as const)
          counters.push(renewalCounter(renewal, statusOf(undefined, partCategory[part]), part));
      } else {
        counters.push(renewalCounter(renewal, statusOf()));
      }
    }
  }
  return counters;
}
