// The floor of a contrat responsable: the whole ticket modérateur (the member's share of the BR) on every care
// the Sécurité sociale reimburses (art. R871-2 1° du code de la sécurité sociale: "l'intégralité de la
// participation de l'assuré définie à l'article R160-5" on the "dépenses prises en charge par l'assurance
// maladie"), except the legal exceptions of the same article: drugs reimbursed at 30 % or 15 %, homeopathy
// and thermal cures. Law, not contract data: the loader refuses a responsible table below it.
import type { CategoryCode } from "./categories.ts";
import type { GuaranteeLine, GuaranteeRule, PractitionerKind } from "./model.ts";
import { formatEuros } from "../shared/format.ts";
import { formatRate } from "../shared/format.ts";

export interface AmoFacts {
  /** The Sécurité sociale's normal rate (within the pathway), in basis points of the BR. */
  normalRateBp: number;
  /**
   * The highest BR per unit the nomenclature sets for this category, when it is fixed (LPP): what a flat
   * amount per unit must reach to cover the ticket modérateur whatever the item.
   */
  highestBaseCentsPerUnit?: number;
}

/**
 * Categories the Sécurité sociale reimburses whose ticket modérateur a responsible level must cover. Rates:
 * doctors 70 % (R160-5 CSS, décision UNCAM); laboratory, paramedical care, psychologists (Mon soutien psy,
 * L162-58), dental prostheses and optical and audio devices 60 %; dental care 60 % since 01/10/2023;
 * hospital stays and fees 80 %; child orthodontics 100 % on prior approval (TM 0); midwives 70 %; sanitary
 * transport 65 %; LPP devices (orthoses, dressings) 60 %. Class B optics: BR 0,05 €
 * per component (LPP); class II hearing aids: BR 1 400 € per ear until the 20th birthday, 400 € after (LPP).
 * Not listed: the exceptions (pharmacie_30, pharmacie_15, cure_thermale), care the AMO does not reimburse,
 * and contact lenses (the AMO reimburses them only for listed indications; see docs, limits of the model).
 */
export const amoReimbursed: Partial<Record<CategoryCode, AmoFacts>> = {
  generaliste: { normalRateBp: 7000 },
  specialiste: { normalRateBp: 7000 },
  pharmacie_65: { normalRateBp: 6500 },
  analyses: { normalRateBp: 6000 },
  radiologie: { normalRateBp: 7000 },
  auxiliaires_medicaux: { normalRateBp: 6000 },
  psychologue_soutien_psy: { normalRateBp: 6000 },
  hospitalisation_frais_sejour: { normalRateBp: 8000 },
  hospitalisation_honoraires: { normalRateBp: 8000 },
  dentaire_soins: { normalRateBp: 6000 },
  dentaire_prothese_tarif_maitrise: { normalRateBp: 6000 },
  dentaire_prothese_libre: { normalRateBp: 6000 },
  dentaire_orthodontie: { normalRateBp: 10000 },
  optique_verres_simples: { normalRateBp: 6000, highestBaseCentsPerUnit: 5 },
  optique_verres_complexes: { normalRateBp: 6000, highestBaseCentsPerUnit: 5 },
  optique_monture: { normalRateBp: 6000, highestBaseCentsPerUnit: 5 },
  audiologie_classe_2: { normalRateBp: 6000, highestBaseCentsPerUnit: 140_000 },
  // Midwives 70 % like doctors; sanitary transport 65 %; LPP devices (orthoses, dressings…) 60 %.
  sage_femme: { normalRateBp: 7000 },
  transport: { normalRateBp: 6500 },
  dispositifs_medicaux: { normalRateBp: 6000 },
};

/** Ticket modérateur of one unit at the highest BR: (100 % − rate) × BR, rounded up (a floor must not round away). */
function highestTicketModerateurCents(facts: AmoFacts): number | undefined {
  if (facts.highestBaseCentsPerUnit === undefined) return undefined;
  return Math.ceil((facts.highestBaseCentsPerUnit * (10_000 - facts.normalRateBp)) / 10_000);
}

/** Why this rule may leave part of the ticket modérateur unpaid (French), or null when it covers it. */
export function ticketModerateurShortfall(rule: GuaranteeRule, facts: AmoFacts): string | null {
  const tmRateBp = 10_000 - facts.normalRateBp;
  if (tmRateBp === 0) return null;
  const floor = `le ticket modérateur (${formatRate(tmRateBp)} de la BR, Sécurité sociale à ${formatRate(facts.normalRateBp)})`;
  switch (rule.kind) {
    case "percentOfBaseIncludingAmo":
      return rule.rateBp >= 10_000
        ? null
        : `${formatRate(rule.rateBp)} de la BR y compris Sécurité sociale ne couvre pas ${floor} : 100 % au moins`;
    case "percentOfBaseExcludingAmo":
      return rule.rateBp >= tmRateBp
        ? null
        : `${formatRate(rule.rateBp)} de la BR en plus de la Sécurité sociale ne couvre pas ${floor} : ${formatRate(tmRateBp)} au moins`;
    case "ticketModerateurPlusEuros":
    case "hundredPercentSante":
      return null;
    case "eurosPerAct": {
      const highest = highestTicketModerateurCents(facts);
      if (highest === undefined)
        return `un montant fixe ne couvre pas ${floor} quelle que soit la BR : utilisez « ticketModerateurPlusEuros » ou un pourcentage de la BR`;
      return rule.amountCents >= highest
        ? null
        : `${formatEuros(rule.amountCents)} par unité ne couvrent pas ${floor}, qui peut atteindre ${formatEuros(highest)} par unité : utilisez « ticketModerateurPlusEuros »`;
    }
    default:
      return `une règle « ${rule.kind} » (compteur ou forfait) ne couvre pas ${floor} sur tous les soins : utilisez « ticketModerateurPlusEuros » ou un pourcentage de la BR`;
  }
}

/** The line a practitioner of this kind gets (same choice as compute.ts findLine), for the floor check. */
export function lineFor<L extends Pick<GuaranteeLine, "category" | "practitioner">>(
  lines: readonly L[],
  category: CategoryCode,
  kind: PractitionerKind | undefined,
): L | undefined {
  const candidates = lines.filter((l) => l.category === category);
  // Outside doctors' fees the practitioner means nothing (its own refusal says so): any line of the category.
  if (kind === undefined) return candidates.find((l) => l.practitioner === undefined) ?? candidates[0];
  return candidates.find((l) => l.practitioner === kind) ?? candidates.find((l) => l.practitioner === undefined);
}
