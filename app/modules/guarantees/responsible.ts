// Caps a "contrat responsable" must respect (Code de la sécurité sociale, art. R871-2). They are law, not
// contract data, so they live in code and apply to every responsible table, whatever the file says.
import { categories, isCategoryCode } from "./categories.ts";
import { eur } from "./explain.ts";
import type { CareAct, GuaranteeRule, GuaranteeTable } from "./model.ts";
import { formatRate } from "../shared/format.ts";
import { percentOfCents } from "./money.ts";
import { amoReimbursed } from "./ticket-moderateur.ts";

export interface ResponsibleCap {
  /** The most the AMC may pay for this act. */
  maxCents: number;
  /** French, e.g. "100,00 € pour la monture". */
  what: string;
  /** How the cap is computed for this act, e.g. "160,00 € × 2 = 320,00 €". */
  arithmetic: string;
}

/**
 * Optical caps per unit. The law caps a whole equipment (420 € for two simple lenses, 700 € for two complex
 * ones, frame included and at most 100 €); with the frame at its 100 € cap that leaves 160 € per simple lens
 * and 300 € per complex lens, which is how acts arrive (one act per component).
 */
const perUnitCaps: Partial<Record<string, { cents: number; what: string }>> = {
  optique_monture: { cents: 10_000, what: "100,00 € pour la monture" },
  optique_verres_simples: {
    cents: 16_000,
    what: "160,00 € par verre simple (420,00 € par équipement, monture comprise)",
  },
  optique_verres_complexes: {
    cents: 30_000,
    what: "300,00 € par verre complexe (700,00 € par équipement, monture comprise)",
  },
};

/** Hearing aids of class II: 1 700 € per ear, Sécurité sociale included. */
const hearingAidTotalCents = 170_000;

/** Non-OPTAM overruns: at most 100 % BR (so 200 % BR y compris RO), and 20 % BR below the OPTAM guarantee. */
const nonOptamCeilingBp = 20_000;
const optamGapBp = 2_000;

function isPercentIncluding(
  rule: GuaranteeRule,
): rule is Extract<GuaranteeRule, { kind: "percentOfBaseIncludingAmo" }> {
  return rule.kind === "percentOfBaseIncludingAmo";
}

/**
 * What the OPTAM line pays with the AMO, in basis points of the BR: its rate "y compris RO", or its rate "hors
 * RO" plus the AMO's normal rate for the category (100 % hors RO on a 70 % consultation = 170 % y compris RO).
 * Undefined for a flat rule: then the plain 200 % ceiling applies.
 */
function optamTotal(rule: GuaranteeRule, category: string): number | undefined {
  if (isPercentIncluding(rule)) return rule.rateBp;
  const amo = isCategoryCode(category) ? amoReimbursed[category]?.normalRateBp : undefined;
  if (rule.kind === "percentOfBaseExcludingAmo" && amo !== undefined) return rule.rateBp + amo;
  return undefined;
}

/** Total (AMO + AMC) ceiling, in basis points of the BR, for a non-OPTAM doctor in this table and category. */
export function nonOptamCeiling(table: GuaranteeTable, category: string): number {
  const optamLine =
    table.lines.find((l) => l.category === category && l.practitioner === "optam") ??
    table.lines.find((l) => l.category === category && l.practitioner === undefined);
  const optamTotalBp = optamLine ? optamTotal(optamLine.rule, category) : undefined;
  if (optamTotalBp === undefined) return nonOptamCeilingBp;
  // Never below 100 % BR: the ticket modérateur is always covered.
  return Math.max(10_000, Math.min(nonOptamCeilingBp, optamTotalBp - optamGapBp));
}

export function responsibleCap(
  table: GuaranteeTable,
  act: CareAct,
  quantity: number,
  amoShareCents: number,
): ResponsibleCap | undefined {
  if (!table.responsible || !isCategoryCode(act.category)) return undefined;
  const perUnit = perUnitCaps[act.category];
  if (perUnit) {
    const maxCents = perUnit.cents * quantity;
    return {
      maxCents,
      what: perUnit.what,
      arithmetic: quantity > 1 ? `${eur(perUnit.cents)} × ${quantity} = ${eur(maxCents)}` : eur(maxCents),
    };
  }
  if (act.category === "audiologie_classe_2") {
    const total = hearingAidTotalCents * quantity;
    const maxCents = Math.max(0, total - amoShareCents);
    return {
      maxCents,
      what: `${eur(hearingAidTotalCents)} par aide auditive, Sécurité sociale comprise`,
      arithmetic: `${quantity > 1 ? `${eur(hearingAidTotalCents)} × ${quantity} = ${eur(total)}` : eur(total)} − ${eur(amoShareCents)} (Sécurité sociale) = ${eur(maxCents)}`,
    };
  }
  const info = categories[act.category];
  if ("optamSensitive" in info && act.optam !== true) {
    const ceilingBp = nonOptamCeiling(table, act.category);
    const total = percentOfCents(act.baseCents, ceilingBp);
    const maxCents = Math.max(0, total - amoShareCents);
    return {
      maxCents,
      what: `${formatRate(ceilingBp)} de la BR y compris Sécurité sociale pour un médecin non adhérent à l'OPTAM`,
      arithmetic: `${formatRate(ceilingBp)} de ${eur(act.baseCents)} = ${eur(total)} − ${eur(amoShareCents)} (Sécurité sociale) = ${eur(maxCents)}`,
    };
  }
  return undefined;
}
