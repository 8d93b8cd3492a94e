// A small hand-built table for the worked cases (independent from the demo file, so a demo change never
// silently changes a hand computation), and helpers to run one act. Test support only.
import { computeReimbursement } from "./compute.ts";
import type {
  BeneficiaryFacts,
  CareAct,
  GuaranteeLine,
  GuaranteeRule,
  GuaranteeTable,
  PastAct,
  ReimbursementResult,
} from "./model.ts";

const pct = (rateBp: number): GuaranteeRule => ({ kind: "percentOfBaseIncludingAmo", rateBp });
const optical = { group: "optique", label: "de l'équipement optique", years: 2, minorYears: 1, minorUnderAge: 16 };
const hearing = { group: "audio", label: "des aides auditives", years: 4 };

const lines: GuaranteeLine[] = [
  { id: "gp-optam", category: "generaliste", practitioner: "optam", rule: pct(20_000) },
  { id: "gp-non-optam", category: "generaliste", practitioner: "nonOptam", rule: pct(18_000) },
  { id: "specialiste", category: "specialiste", rule: pct(25_000) },
  { id: "hono-optam", category: "hospitalisation_honoraires", practitioner: "optam", rule: pct(15_000) },
  { id: "hono-non-optam", category: "hospitalisation_honoraires", practitioner: "nonOptam", rule: pct(15_000) },
  { id: "sejour", category: "hospitalisation_frais_sejour", rule: pct(10_000) },
  { id: "ph65", category: "pharmacie_65", rule: pct(10_000) },
  { id: "ph30", category: "pharmacie_30", rule: pct(10_000) },
  { id: "ph15", category: "pharmacie_15", rule: { kind: "percentOfBaseExcludingAmo", rateBp: 5_000 } },
  { id: "aux", category: "auxiliaires_medicaux", rule: { kind: "percentOfBaseExcludingAmo", rateBp: 5_000 } },
  { id: "radio", category: "radiologie", rule: pct(10_000) },
  { id: "psy", category: "psychologue", rule: { kind: "eurosPerSession", amountCents: 2_500, sessionsPerYear: 6 } },
  {
    id: "chambre",
    category: "hospitalisation_chambre_particuliere",
    rule: { kind: "perDay", amountPerDayCents: 6_000, maxDaysPerYear: 10 },
  },
  { id: "fj", category: "hospitalisation_forfait_journalier", rule: { kind: "perDay", amountPerDayCents: 2_000 } },
  {
    id: "dent-100",
    category: "dentaire_prothese_100_sante",
    rule: { kind: "hundredPercentSante", priceLimitCents: 50_000 },
  },
  { id: "dent-libre", category: "dentaire_prothese_libre", rule: pct(30_000), waitingPeriod: { months: 6 } },
  { id: "ortho", category: "dentaire_orthodontie", rule: pct(20_000), waitingPeriod: { days: 90 } },
  {
    id: "opt-100",
    category: "optique_100_sante",
    rule: { kind: "hundredPercentSante", priceLimitCents: 17_000 },
    renewal: optical,
  },
  {
    id: "verres-simples",
    category: "optique_verres_simples",
    rule: { kind: "eurosPerAct", amountCents: 20_000 },
    renewal: optical,
  },
  {
    id: "verres-complexes",
    category: "optique_verres_complexes",
    rule: { kind: "eurosPerAct", amountCents: 25_000 },
    renewal: optical,
  },
  { id: "monture", category: "optique_monture", rule: { kind: "eurosPerAct", amountCents: 15_000 }, renewal: optical },
  { id: "lentilles", category: "optique_lentilles", rule: { kind: "annualForfait", forfaitId: "lentilles" } },
  {
    id: "audio-1",
    category: "audiologie_classe_1",
    rule: { kind: "hundredPercentSante", priceLimitCents: 95_000 },
    renewal: hearing,
  },
  {
    id: "audio-2",
    category: "audiologie_classe_2",
    rule: { kind: "eurosPerAct", amountCents: 160_000 },
    renewal: hearing,
  },
  { id: "osteo", category: "osteopathie", rule: { kind: "annualForfait", forfaitId: "md", perSessionCapCents: 5_000 } },
  {
    id: "chiro",
    category: "chiropractie",
    rule: { kind: "annualForfait", forfaitId: "md", perSessionCapCents: 7_500 },
  },
  { id: "acu", category: "acupuncture", rule: { kind: "annualForfait", forfaitId: "md", perSessionCapCents: 4_000 } },
  { id: "cure", category: "cure_thermale", rule: { kind: "annualForfait", forfaitId: "cure" } },
  { id: "prevention", category: "prevention", rule: { kind: "eurosPerAct", amountCents: 2_000 } },
];

export const testTable: GuaranteeTable = {
  productId: "test",
  productLabel: "Contrat de test",
  levelId: "test",
  levelLabel: "Test",
  responsible: true,
  effectiveFrom: "2020-01-01",
  forfaits: [
    { id: "md", label: "Médecines douces", limitCents: 15_000, maxSessions: 4 },
    { id: "lentilles", label: "Lentilles", limitCents: 10_000, period: "membershipYear" },
    { id: "cure", label: "Cure thermale", limitCents: 20_000 },
  ],
  lines,
};

/** The same guarantees in a contract that is not "responsable". */
export const nonResponsibleTable: GuaranteeTable = { ...testTable, levelId: "libre", responsible: false };

export const adult: BeneficiaryFacts = { birthDate: "1980-06-15", coverageStart: "2020-01-01" };
export const child: BeneficiaryFacts = { birthDate: "2015-03-10", coverageStart: "2020-01-01" };

export function act(category: string, fields: Partial<CareAct> = {}): CareAct {
  return { category, careDate: "2026-03-02", amountChargedCents: 0, baseCents: 0, amoCents: 0, ...fields };
}

export function run(
  careAct: CareAct,
  options: { table?: GuaranteeTable; beneficiary?: BeneficiaryFacts; history?: PastAct[] } = {},
): ReimbursementResult {
  return computeReimbursement({
    table: options.table ?? testTable,
    act: careAct,
    beneficiary: options.beneficiary ?? adult,
    history: options.history ?? [],
  });
}

/** Non-breaking spaces of French formatting, made plain so expectations read naturally. */
export function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, " ");
}
