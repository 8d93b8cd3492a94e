// The guarantee each rule kind grants for one act, before the contrat-responsable caps and the final
// "never more than the expense" cap (compute.ts). Counter-based rules (sessions, days, forfaits) cap
// themselves here because the counter is part of the rule.
import { formatDate } from "../shared/format.ts";
import { type CountUnit, dayUnit, isFeminine } from "./units.ts";
import { lineLabel } from "./categories.ts";
import { categoryUsage, counterPeriod, findPool, forfaitUsage, type Usage } from "./counters.ts";
import { addDays, type Period } from "../clock/calendar.ts";
import { amoShareText, eur, limits, plural } from "./explain.ts";
import type { BeneficiaryFacts, CareAct, ForfaitPool, GuaranteeLine, GuaranteeTable, Limit, PastAct } from "./model.ts";
import { formatRate } from "../shared/format.ts";
import { percentOfCents, prorateCents } from "./money.ts";

export interface RuleContext {
  table: GuaranteeTable;
  line: GuaranteeLine;
  act: CareAct;
  quantity: number;
  beneficiary: BeneficiaryFacts;
  history: readonly PastAct[];
  /** AMO part the guarantee builds on: AMO paid, plus participations and franchises in a responsible contract. */
  amoShareCents: number;
  deductibleCents: number;
  /** Charged − AMO share (− hors-parcours dépassement): the most the mutuelle may ever pay for this act. */
  chargeableCents: number;
  /** Hors parcours in a responsible contract: amoShareCents is the AMO part at the normal rate. */
  outOfPathway?: boolean;
}

/** A counter as it stood before this act; compute.ts adds this act once the final amount is known. */
export type PendingCounter =
  | { kind: "forfait"; pool: ForfaitPool; period: Period; before: Usage }
  | { kind: "units"; label: string; limit: number; period: Period; before: Usage };

export interface RuleOutcome {
  amountCents: number;
  steps: string[];
  limitedBy?: Limit;
  /** Units this act consumes on its counter if anything is paid. */
  paidUnits: number;
  pending?: PendingCounter;
}

export function evaluateRule(ctx: RuleContext): RuleOutcome {
  const { act, quantity } = ctx;
  const rule = ctx.line.rule;
  switch (rule.kind) {
    case "percentOfBaseIncludingAmo": {
      const total = percentOfCents(act.baseCents, rule.rateBp);
      const amount = Math.max(0, total - ctx.amoShareCents);
      const share = ctx.outOfPathway
        ? `${eur(ctx.amoShareCents)} de part Sécurité sociale au taux normal`
        : amoShareText(ctx.amoShareCents, ctx.deductibleCents, ctx.table.responsible);
      const tail =
        total >= ctx.amoShareCents ? `= ${eur(amount)}` : `: la Sécurité sociale couvre déjà ce niveau, soit ${eur(0)}`;
      return {
        amountCents: amount,
        paidUnits: quantity,
        steps: [
          `Votre garantie : ${formatRate(rule.rateBp)} de la BR de ${eur(act.baseCents)} y compris Sécurité sociale = ${eur(total)} − ${share} ${tail}.`,
        ],
      };
    }
    case "percentOfBaseExcludingAmo": {
      const amount = percentOfCents(act.baseCents, rule.rateBp);
      return {
        amountCents: amount,
        paidUnits: quantity,
        steps: [
          `Votre garantie : ${formatRate(rule.rateBp)} de la BR de ${eur(act.baseCents)} en plus de la Sécurité sociale = ${eur(amount)}.`,
        ],
      };
    }
    case "ticketModerateurPlusEuros": {
      // The AMO rated the BR, or the amount charged when lower: the ticket modérateur is the rest of that base.
      const base = Math.min(act.baseCents, act.amountChargedCents);
      const tm = Math.max(0, base - ctx.amoShareCents);
      const extra = rule.amountCents * quantity;
      const amount = tm + extra;
      const baseText = base < act.baseCents ? `${eur(base)} (dépense, inférieure à la BR)` : `${eur(base)} (BR)`;
      const extraText = quantity > 1 ? `${eur(rule.amountCents)} × ${quantity} = ${eur(extra)}` : eur(extra);
      return {
        amountCents: amount,
        paidUnits: quantity,
        steps: [
          `Votre garantie : ticket modérateur ${baseText} − ${eur(ctx.amoShareCents)} (Sécurité sociale) = ${eur(tm)}, plus ${extraText} ; ${eur(tm)} + ${eur(extra)} = ${eur(amount)}.`,
        ],
      };
    }
    case "eurosPerAct": {
      const amount = rule.amountCents * quantity;
      const text = quantity > 1 ? `${eur(rule.amountCents)} × ${quantity} = ${eur(amount)}` : `${eur(amount)} par acte`;
      return { amountCents: amount, paidUnits: quantity, steps: [`Votre garantie : ${text}.`] };
    }
    case "eurosPerSession":
      return unitRule(
        ctx,
        rule.amountCents,
        rule.sessionsPerYear,
        counterPeriod(rule.period, act.careDate, ctx.beneficiary),
        "séance",
      );
    case "perDay": {
      if (rule.maxDaysPerYear === undefined) {
        const amount = rule.amountPerDayCents * quantity;
        return {
          amountCents: amount,
          paidUnits: quantity,
          steps: [
            `Votre garantie : ${eur(rule.amountPerDayCents)} par ${dayUnit(act.category)} × ${plural(quantity, dayUnit(act.category))} = ${eur(amount)}.`,
          ],
        };
      }
      return unitRule(
        ctx,
        rule.amountPerDayCents,
        rule.maxDaysPerYear,
        counterPeriod(rule.period, act.careDate, ctx.beneficiary),
        dayUnit(act.category),
      );
    }
    case "annualForfait":
      return forfaitRule(ctx, findPool(ctx.table, rule.forfaitId), rule.perSessionCapCents);
    case "hundredPercentSante": {
      // The law's limit is the item's own (PLV / HLF, R871-2 CSS as amended by décret n° 2019-21): no table
      // figure can stand in for it, so a caller that does not know it must ask for it.
      if (act.priceLimitCents === undefined) {
        throw new RangeError(`a 100 % Santé act (${act.category}) needs its item's price limit (priceLimitCents)`);
      }
      const limitCents = act.priceLimitCents;
      const covered = Math.min(act.amountChargedCents, limitCents);
      const amount = Math.max(0, covered - ctx.amoShareCents);
      const limitText = priceLimitText(limitCents, act.quantity ?? 1);
      const coveredText =
        act.amountChargedCents <= limitCents
          ? `dépense ${eur(covered)} ≤ prix limite de vente ${limitText}`
          : `prix limite de vente ${limitText}`;
      const steps = [
        `Panier 100 % Santé (art. R871-2 du code de la sécurité sociale) : ${coveredText} ; ${eur(covered)} − ${eur(ctx.amoShareCents)} (Sécurité sociale) = ${eur(amount)}, sans reste à charge dans la limite du prix réglementé.`,
      ];
      if (act.amountChargedCents <= limitCents) return { amountCents: amount, paidUnits: quantity, steps };
      steps.unshift(
        `Prix limite de vente 100 % Santé : ${limitText} ; ${eur(act.amountChargedCents)} − ${eur(limitCents)} = ${eur(act.amountChargedCents - limitCents)} facturés au-delà restent à votre charge.`,
      );
      return { amountCents: amount, paidUnits: quantity, steps, limitedBy: limits.priceLimit(limitCents) };
    }
  }
}

/**
 * The act's price limit with its arithmetic: the item's limit per unit × units ("1 400,00 € × 2 = 2 800,00 €")
 * when the act holds several identical units, else the act's figure alone.
 */
export function priceLimitText(limitCents: number, quantity: number): string {
  if (quantity <= 1 || limitCents % quantity !== 0) return eur(limitCents);
  return `${eur(limitCents / quantity)} × ${quantity} = ${eur(limitCents)}`;
}

/** Euros per session or per day, for at most `maxUnits` units per period of this category. */
function unitRule(
  ctx: RuleContext,
  perUnitCents: number,
  maxUnits: number,
  period: Period,
  unit: CountUnit,
): RuleOutcome {
  const label = lineLabel(ctx.line);
  const before = categoryUsage(ctx.line.category, ctx.history, period);
  const pending: PendingCounter = { kind: "units", label, limit: maxUnits, period, before };
  const paidUnits = Math.min(ctx.quantity, Math.max(0, maxUnits - before.units));
  const limit = unit === "séance" ? limits.sessionCount(label, maxUnits, unit) : limits.dayCount(label, maxUnits, unit);
  const feminine = isFeminine(unit);
  const participle = (n: number) => (feminine ? (n > 1 ? "prises" : "prise") : "pris");
  const usedText = `${plural(before.units, unit)} déjà ${participle(before.units)} en charge sur ${plural(maxUnits, unit)} du ${formatDate(period.start)} au ${formatDate(period.end)}`;
  if (paidUnits === 0) {
    return {
      amountCents: 0,
      paidUnits: 0,
      pending,
      limitedBy: limit,
      steps: [
        `Votre garantie : ${eur(perUnitCents)} par ${unit}, mais ${usedText} ; le compteur repart le ${formatDate(addDays(period.end, 1))}.`,
      ],
    };
  }
  const gross = perUnitCents * paidUnits;
  const steps = [`Votre garantie : ${eur(perUnitCents)} par ${unit} × ${plural(paidUnits, unit)} = ${eur(gross)}.`];
  if (paidUnits === ctx.quantity) return { amountCents: gross, paidUnits, pending, steps };
  // Only part of the act is still covered: compare with the expense of those units only.
  const ownShare = prorateCents(ctx.chargeableCents, paidUnits, ctx.quantity);
  const covered = `${feminine ? "seule" : "seul"}${paidUnits > 1 ? "s" : ""} ${plural(paidUnits, unit)} sur ${ctx.quantity} ${paidUnits > 1 ? "sont" : "est"} ${participle(paidUnits)} en charge`;
  steps.unshift(`Compteur : ${usedText} ; ${covered}.`);
  if (gross > ownShare)
    steps.push(
      `Limité aux frais réels ${paidUnits === 1 ? (feminine ? "de cette séance" : "de ce jour") : `de ces ${plural(paidUnits, unit)}`} : ${eur(ctx.chargeableCents)} × ${paidUnits} / ${ctx.quantity} = ${eur(ownShare)}.`,
    );
  return { amountCents: Math.min(gross, ownShare), paidUnits, pending, steps, limitedBy: limit };
}

/** Frais réels within a shared annual forfait, an optional per-session cap and an optional session count. */
function forfaitRule(ctx: RuleContext, pool: ForfaitPool, perSessionCapCents: number | undefined): RuleOutcome {
  const period = counterPeriod(pool.period, ctx.act.careDate, ctx.beneficiary);
  const before = forfaitUsage(ctx.table, pool.id, ctx.history, period);
  const pending: PendingCounter = { kind: "forfait", pool, period, before };
  const sessionsLeft = pool.maxSessions === undefined ? ctx.quantity : Math.max(0, pool.maxSessions - before.units);
  const paidUnits = Math.min(ctx.quantity, sessionsLeft);
  const steps: string[] = [];
  let limitedBy: Limit | undefined;
  if (paidUnits === 0) {
    const limit = limits.sessionCount(pool.label, pool.maxSessions ?? 0, "séance");
    steps.push(
      `Forfait ${pool.label} : ${plural(before.units, "séance")} déjà remboursée${before.units > 1 ? "s" : ""} sur ${pool.maxSessions} du ${formatDate(period.start)} au ${formatDate(period.end)} ; le compteur repart le ${formatDate(addDays(period.end, 1))}.`,
    );
    return { amountCents: 0, paidUnits: 0, pending, steps, limitedBy: limit };
  }
  let amount = prorateCents(ctx.chargeableCents, paidUnits, ctx.quantity);
  if (paidUnits < ctx.quantity) {
    limitedBy = limits.sessionCount(pool.label, pool.maxSessions ?? 0, "séance");
    steps.push(
      `Forfait ${pool.label} : ${plural(paidUnits, "séance")} encore couverte${paidUnits > 1 ? "s" : ""} sur les ${ctx.quantity} de ce soin ; frais réels retenus ${eur(ctx.chargeableCents)} × ${paidUnits} / ${ctx.quantity} = ${eur(amount)}.`,
    );
  } else {
    steps.push(
      `Frais réels : ${eur(ctx.act.amountChargedCents)} − ${eur(ctx.amoShareCents)} (Sécurité sociale) = ${eur(amount)}.`,
    );
  }
  if (perSessionCapCents !== undefined && amount > perSessionCapCents * paidUnits) {
    amount = perSessionCapCents * paidUnits;
    limitedBy = limits.perSessionCap(perSessionCapCents);
    const times = paidUnits > 1 ? ` × ${paidUnits} = ${eur(amount)}` : "";
    steps.push(`Plafond de ${eur(perSessionCapCents)} par séance${times} : remboursement ramené à ${eur(amount)}.`);
  }
  const remaining = Math.max(0, pool.limitCents - before.cents);
  if (amount > remaining) {
    amount = remaining;
    limitedBy = limits.annualForfait(pool.label, pool.limitCents);
    steps.push(
      `Forfait ${pool.label} : ${eur(pool.limitCents)} par an, ${eur(before.cents)} déjà utilisés du ${formatDate(period.start)} au ${formatDate(period.end)} ; il reste ${eur(remaining)}.`,
    );
  }
  const result: RuleOutcome = { amountCents: amount, paidUnits, pending, steps };
  if (limitedBy) result.limitedBy = limitedBy;
  return result;
}
