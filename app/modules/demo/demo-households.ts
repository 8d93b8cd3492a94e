// The demo households: the one the source document shows (Benoit Brouez's), and a second one for access tests.
// Amounts are in cents and add up: charged = AMO + AMC + reste à charge on every line.
//
// The data below is written as the source document tells it (latest payment on 25/08/2026, seen a few days
// later). `demoHouseholds(today)` moves every date by the same whole number of months so the story is the same
// whatever the day: the latest payment falls on the last 25th on or before today, the summer's payments are the
// three months before it, a year of history precedes them; cards exist for the covered years around today.
import { addDays, addMonths } from "../clock/calendar.ts";

export const demoPassword = { member: "demo-adherent-2026", advisor: "demo-conseiller-2026" } as const;

import { type DemoHousehold, sourceBenoit, sourceSecond } from "./demo-story.ts";

export type { DemoHousehold, DemoLine } from "./demo-story.ts";

/** The source document's latest payment: the date the whole story is anchored on. */
export const sourceLatestPayment = "2026-08-25";

/** How many whole months the source document's dates move so its latest payment is the last 25th up to today. */
export function demoMonthShift(today: string): number {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const [sy, sm, sd] = sourceLatestPayment.split("-").map(Number) as [number, number, number];
  return (y - sy) * 12 + (m - sm) - (d < sd ? 1 : 0);
}

/** The demo households as of `today` ("YYYY-MM-DD", Paris): same people and amounts, dates moved by whole months. */
export function demoHouseholds(today: string): { benoit: DemoHousehold; second: DemoHousehold } {
  const months = demoMonthShift(today);
  return { benoit: shifted(sourceBenoit, months, today, true), second: shifted(sourceSecond, months, today, false) };
}

function shifted(source: DemoHousehold, months: number, today: string, cardLastYear: boolean): DemoHousehold {
  const move = (iso: string) => addMonths(iso, months);
  const year = Number(today.slice(0, 4));
  // Benoit's contract starts on 1 January, as in the source document; the other one on the first of a month.
  const coverageStart = source.coverageStart.endsWith("-01-01")
    ? `${move(source.coverageStart).slice(0, 4)}-01-01`
    : move(source.coverageStart);
  const cardYears = (cardLastYear ? [year - 1, year] : [year]).filter((y) => `${y}-12-31` >= coverageStart);
  return {
    ...source,
    coverageStart,
    sepaMandateRef: `RUM-DEMO-${source.memberNumber}-${coverageStart.slice(0, 7)}`,
    lines: source.lines.map((l) => ({ ...l, careDate: move(l.careDate), paymentDate: move(l.paymentDate) })),
    requests: source.requests.map((r) => {
      const createdAt = `${move(r.createdAt.slice(0, 10))}${r.createdAt.slice(10)}`;
      return {
        ...r,
        careDate: move(r.careDate),
        createdAt,
        reference: r.reference.replace(/-\d{4}-/, `-${createdAt.slice(0, 4)}-`),
      };
    }),
    documents: [
      ...cardYears.map((y) => ({ kind: "tiers_payant_card" as const, year: y, title: `Carte de tiers payant ${y}` })),
      { kind: "guarantee_table" as const, year, title: "Mes garanties" },
    ],
  };
}

export const demoAdvisor = {
  username: "conseiller.demo",
  email: "conseiller.demo@mutuelle.example",
  name: "Camille Conseil",
  advisorRole: "conseiller",
} as const;

/**
 * A second person for four-eyes approvals and amount overrides; and two administrators, since creating an
 * advisor or raising a role needs a second administrateur's approval.
 */
export const demoOtherAdvisors = [
  {
    username: "gestionnaire.demo",
    email: "gestionnaire.demo@mutuelle.example",
    name: "Dominique Gestion",
    advisorRole: "gestionnaire",
  },
  {
    username: "administrateur.demo",
    email: "administrateur.demo@mutuelle.example",
    name: "Alex Admin",
    advisorRole: "administrateur",
  },
  {
    username: "administrateur2.demo",
    email: "administrateur2.demo@mutuelle.example",
    name: "Sacha Direction",
    advisorRole: "administrateur",
  },
] as const;

/** The mutuelle's news in the demo: two items, published three and seven weeks before `today`. */
export function demoNews(today: string): { title: string; body: string; publishFrom: string }[] {
  return [
    {
      title: "Votre attestation de cotisations pour la déclaration de revenus",
      body: "L'attestation des cotisations que vous avez payées chaque année est dans Mes documents, rubrique « Attestations de cotisations (impôts) » : téléchargez-la en PDF si votre déclaration de revenus vous la demande.",
      publishFrom: addDays(today, -21),
    },
    {
      title: "Envoyez vos devis en ligne",
      body: "Dentiste, opticien, audioprothésiste : estimez votre reste à charge avant les soins, puis envoyez le devis depuis votre espace. Votre mutuelle vous répond avec sa prise en charge confirmée.",
      publishFrom: addDays(today, -49),
    },
  ];
}
