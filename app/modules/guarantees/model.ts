// The guarantee model: what a table says (data, loaded from JSON), what an act is, what the engine answers.
// Money is integer euro cents; rates are integer basis points (10000 = 100 %); dates are ISO "YYYY-MM-DD".
import type { CategoryCode } from "./categories.ts";

/** How a counter's year is cut: 1 January (default) or the anniversary of the beneficiary's coverage start. */
export type CounterPeriod = "calendarYear" | "membershipYear";

export type GuaranteeRule =
  /** "200 % BR y compris RO": AMO + AMC together pay up to rate × BR, so AMC = rate × BR − AMO part. */
  | { kind: "percentOfBaseIncludingAmo"; rateBp: number }
  /** "50 % BR hors RO": the AMC pays rate × BR on top of the AMO part. */
  | { kind: "percentOfBaseExcludingAmo"; rateBp: number }
  /**
   * "TM + x €": the ticket modérateur (BR − AMO part, the BR being the amount charged when lower) plus a fixed
   * amount per unit. Lets a flat guarantee keep the responsible floor whatever the BR (R871-2 1°).
   */
  | { kind: "ticketModerateurPlusEuros"; amountCents: number }
  /** A fixed amount per unit (per act, per lens, per hearing aid…), on top of the AMO part. */
  | { kind: "eurosPerAct"; amountCents: number }
  /** A fixed amount per session, for a limited number of sessions per year for this category. */
  | { kind: "eurosPerSession"; amountCents: number; sessionsPerYear: number; period?: CounterPeriod }
  /** Frais réels within an annual forfait per beneficiary, possibly shared by several lines (see ForfaitPool). */
  | { kind: "annualForfait"; forfaitId: string; perSessionCapCents?: number }
  /** A fixed amount per day or night (chambre particulière, forfait journalier), optionally days per year. */
  | { kind: "perDay"; amountPerDayCents: number; maxDaysPerYear?: number; period?: CounterPeriod }
  /**
   * 100 % Santé basket: AMC = charged − AMO within the item's own regulated price limit, which the act must
   * carry (CareAct.priceLimitCents). The table's figure is only the indicative price of the 100 % Santé
   * alternative shown on quotes; it never limits a payment.
   */
  | { kind: "hundredPercentSante"; priceLimitCents?: number };

export type RuleKind = GuaranteeRule["kind"];

export const ruleKinds = [
  "percentOfBaseIncludingAmo",
  "percentOfBaseExcludingAmo",
  "ticketModerateurPlusEuros",
  "eurosPerAct",
  "eurosPerSession",
  "annualForfait",
  "perDay",
  "hundredPercentSante",
] as const satisfies readonly RuleKind[];

/** An annual amount (and optionally a session count) shared by every line whose rule names it. */
export interface ForfaitPool {
  id: string;
  label: string;
  limitCents: number;
  maxSessions?: number;
  period?: CounterPeriod;
}

/** One equipment per rolling period, counted from the last reimbursed equipment of the same group. */
export interface RenewalRule {
  group: string;
  label: string;
  years: number;
  /** Shorter period for young beneficiaries (optical: 1 year under 16). */
  minorYears?: number;
  minorUnderAge?: number;
}

/** No AMC for acts before coverageStart + months + days. */
export interface WaitingPeriod {
  months?: number;
  days?: number;
}

export type PractitionerKind = "optam" | "nonOptam";

export interface GuaranteeLine {
  id: string;
  category: CategoryCode;
  /** Defaults to the category label. */
  label?: string;
  /** Only for OPTAM-sensitive categories; absent means the line applies to every practitioner. */
  practitioner?: PractitionerKind;
  rule: GuaranteeRule;
  waitingPeriod?: WaitingPeriod;
  renewal?: RenewalRule;
}

/** One version of one level's table, in effect from effectiveFrom (inclusive) to effectiveTo (inclusive). */
export interface GuaranteeTable {
  productId: string;
  productLabel: string;
  levelId: string;
  levelLabel: string;
  /** Contrat responsable: the engine enforces the legal caps and never pays participations or franchises. */
  responsible: boolean;
  effectiveFrom: string;
  effectiveTo?: string;
  forfaits: ForfaitPool[];
  lines: GuaranteeLine[];
}

export interface GuaranteeLevel {
  id: string;
  label: string;
  versions: GuaranteeTable[];
}

export interface GuaranteeProduct {
  id: string;
  label: string;
  responsible: boolean;
  levels: GuaranteeLevel[];
}

export interface GuaranteeCatalog {
  formatVersion: 1;
  products: GuaranteeProduct[];
}

/** Which ear(s) a hearing-aid act fitted: renewal is counted per ear. */
export type EarSide = "left" | "right" | "both";
export const earSides = ["left", "right", "both"] as const satisfies readonly EarSide[];

export interface CareAct {
  /** A category code; an unknown code gets no guarantee. */
  category: string;
  careDate: string;
  amountChargedCents: number;
  /** Base de remboursement (BR). */
  baseCents: number;
  /** What the Sécurité sociale paid, participation forfaitaire and franchises already deducted. */
  amoCents: number;
  /**
   * Doctor adhering to OPTAM / OPTAM-CO. Absent counts as non-OPTAM (the lower guarantee); a caller that does
   * not know must ask rather than leave it out (the back-office decision refuses to propose an amount).
   */
  optam?: boolean;
  /** Units in this act: sessions, days, lenses, hearing aids… Default 1. */
  quantity?: number;
  /** Participation forfaitaire and franchises the AMO deducted (they stay in the reste à charge). */
  deductibleCents?: number;
  /**
   * 100 % Santé: the regulated price limit (PLV / HLF) of this exact item, for the whole act (all units).
   * Required on basket acts: the engine throws without it (the law's limit depends on the item, and for
   * hearing aids on the age: see legal-limits.ts).
   */
  priceLimitCents?: number;
  /**
   * Hors parcours de soins coordonnés (art. L162-5-3 CSS), as the décompte flags it: the Sécurité sociale
   * applied a reduced rate. A responsible contract prices on the normal rate (pathwayAmoRateBp).
   */
  outOfPathway?: boolean;
  /** The Sécurité sociale's rate within the pathway, for outOfPathway acts. Default 7000 (doctors' fees, 70 %). */
  pathwayAmoRateBp?: number;
  /** The dépassement billed because the care was outside the pathway (DA on the décompte): the member's (R871-1). */
  outOfPathwayOverrunCents?: number;
  /** Hearing aids: the ear(s) fitted. Absent counts as both (the safe reading when the décompte does not say). */
  ear?: EarSide;
}

export interface BeneficiaryFacts {
  birthDate: string;
  coverageStart: string;
  /**
   * Last covered day (inclusive), when coverage ends: the beneficiary's removal from the contract or the
   * contract's end (résiliation), whichever comes first. Care after it gets nothing.
   */
  coverageEnd?: string;
  /** What ended the coverage, for the French reason: the contract itself, or this beneficiary's removal. */
  coverageEndedBy?: "contract" | "beneficiary";
}

/** A previous act of the same beneficiary; only acts with amcCents > 0 use counters or renewals. */
export interface PastAct {
  category: string;
  careDate: string;
  amcCents: number;
  quantity?: number;
  /** Hearing aids: the ear(s) fitted; absent counts as both. */
  ear?: EarSide;
}

export interface ReimbursementInput {
  table: GuaranteeTable;
  act: CareAct;
  beneficiary: BeneficiaryFacts;
  history: readonly PastAct[];
}

export type LimitKind =
  | "noGuarantee"
  | "beforeCoverage"
  | "afterCoverage"
  | "waitingPeriod"
  | "renewal"
  | "equipmentUnits"
  | "perSessionCap"
  | "sessionCount"
  | "dayCount"
  | "annualForfait"
  | "responsibleCap"
  | "priceLimit"
  | "outOfPathway"
  | "amountCharged";

export interface Limit {
  kind: LimitKind;
  /** French, for the member. */
  label: string;
  /** A renewal: the first day a new equipment can be reimbursed again. */
  from?: string;
}

export type UsageCounter =
  | {
      kind: "forfait";
      id: string;
      label: string;
      periodStart: string;
      periodEnd: string;
      limitCents: number;
      usedCents: number;
      remainingCents: number;
      sessionsUsed: number;
      sessionsLimit?: number;
      sessionsLeft?: number;
    }
  | {
      kind: "sessions";
      id: string;
      label: string;
      unit: "séance" | "jour" | "nuit";
      periodStart: string;
      periodEnd: string;
      sessionsUsed: number;
      sessionsLimit: number;
      sessionsLeft: number;
    }
  | {
      kind: "renewal";
      id: string;
      label: string;
      /** The part one meter of a group stands for: an ear, the frame or the lenses; absent for a whole group. */
      part?: "left" | "right" | "frame" | "lenses";
      periodYears: number;
      lastEquipmentDate?: string;
      /** From this date a new equipment is reimbursed again; absent when nothing was reimbursed yet. */
      nextEligibleDate?: string;
    };

export interface ReimbursementResult {
  amountChargedCents: number;
  baseCents: number;
  amoCents: number;
  amcCents: number;
  /** Reste à charge: charged − AMO − AMC, never negative. */
  remainingCents: number;
  appliedLine: { id: string; label: string } | null;
  /** French explanation, one line per step, with the arithmetic. */
  steps: string[];
  /** The cap, counter, renewal or waiting period that last lowered (or refused) the AMC. */
  limitedBy?: Limit;
  /** The counters this act touched, as they stand after it. */
  counters: UsageCounter[];
  /**
   * Hearing aids for both ears of which only one ear was paid (the other within its renewal period, or already
   * fitted that day): the ear paid. A caller storing the act records this ear, since renewal counts the ears
   * the mutuelle reimbursed.
   */
  paidEar?: "left" | "right";
}
