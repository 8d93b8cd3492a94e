// What the attestation de droits and the échéancier de cotisations say, once: the PDF (contract-pdfs.server.ts)
// and the HTML page that is its accessible equivalent (routes/attestation.tsx, routes/echeancier.tsx) both draw
// this, so they cannot drift apart (RGAA 4.1 criterion 13.3, issue 25 item 8).
import { addDays } from "../clock/calendar.ts";
import { formatDate, formatEuros, formatMonthYear } from "../shared/format.ts";
import { coveredDaysText, type Debit } from "./premium-schedule.ts";
import type { ContractFacts } from "./queries.server.ts";

const roleLabels: Record<string, string> = {
  member: "Adhérent",
  spouse: "Conjoint",
  child: "Enfant",
  other: "Bénéficiaire",
};

export interface RightsCertificate {
  title: string;
  brandName: string;
  memberLine: string;
  statement: string;
  /** The date the people are covered at, "25/08/2026" (the table's caption). */
  on: string;
  people: { name: string; role: string; birthDate: string; coverageStart: string }[];
  closing: string;
}

export function rightsCertificate(
  facts: ContractFacts,
  { brandName, today, responsible }: { brandName: string; today: string; responsible: boolean },
): RightsCertificate {
  const covered = facts.people.filter(
    (p) => p.coverageStart <= today && (p.coverageEnd === null || p.coverageEnd >= today),
  );
  return {
    title: "Attestation de droits",
    brandName,
    memberLine: `Adhérent : ${facts.memberName} — n° ${facts.memberNumber}`,
    statement:
      `${brandName} atteste que les personnes ci-dessous sont couvertes par le contrat de complémentaire santé n° ${facts.memberNumber}, ` +
      `niveau de garantie ${facts.coverageLevel}${responsible ? " (contrat responsable)" : ""}, à la date du ${formatDate(today)} :`,
    on: formatDate(today),
    people: covered.map((p) => ({
      name: `${p.lastName.toUpperCase()} ${p.firstName}`,
      role: roleLabels[p.role] ?? "Bénéficiaire",
      birthDate: formatDate(p.birthDate),
      coverageStart: formatDate(p.coverageStart),
    })),
    closing: `Fait pour servir et valoir ce que de droit, le ${formatDate(today)}.`,
  };
}

export interface PremiumScheduleDocument {
  title: string;
  brandName: string;
  year: number;
  memberLine: string;
  level: string;
  mandate: string;
  creditor: string;
  /** The account debited, masked ("FR76 **** … 123"), or null when none is known. */
  ibanMasked: string | null;
  rows: { date: string; amount: string }[];
  totalLabel: string;
  total: string;
  note: string;
}

export function premiumScheduleDocument(
  facts: ContractFacts,
  { brandName, year, debits, creditorId }: { brandName: string; year: number; debits: Debit[]; creditorId: string },
): PremiumScheduleDocument {
  return {
    title: `Échéancier de cotisations ${year}`,
    brandName,
    year,
    memberLine: `Adhérent : ${facts.memberName} — n° ${facts.memberNumber}`,
    level: `Niveau de garantie : ${facts.coverageLevel}`,
    mandate: `Prélèvement SEPA — référence unique du mandat (RUM) : ${facts.sepaMandateRef ?? "non communiquée"}`,
    creditor: `Identifiant créancier SEPA (ICS) : ${creditorId}`,
    ibanMasked: facts.ibanMasked,
    rows: debits.map((d) => ({ date: formatDate(d.date), amount: formatEuros(d.amountCents) })),
    totalLabel: `Total ${year}`,
    total: formatEuros(debits.reduce((t, d) => t + d.amountCents, 0)),
    note: [
      "Chaque prélèvement vous est annoncé par cet échéancier au moins 14 jours avant sa date.",
      ...debitsExplained(debits, facts.coverageStart, facts.coverageEnd),
    ].join(" "),
  };
}

/** What a debit pays when it is not simply its own month: a first debit catching up, the last month pro rata. */
function debitsExplained(debits: Debit[], coverageStart: string, coverageEnd: string | null): string[] {
  const lines: string[] = [];
  for (const d of debits)
    if (d.months.length > 1)
      lines.push(
        `Le prélèvement du ${formatDate(d.date)} paie ${d.months.length} mois : ${d.months.map(formatMonthYear).join(", ")}.`,
      );
  const last = debits.at(-1);
  if (coverageEnd && last && last.months.at(-1) === coverageEnd.slice(0, 7) && !addDays(coverageEnd, 1).endsWith("-01"))
    lines.push(
      `Votre contrat prend fin le ${formatDate(coverageEnd)} : le prélèvement du ${formatDate(last.date)} paie ${formatMonthYear(coverageEnd.slice(0, 7))} en proportion des jours couverts (${coveredDaysText(coverageStart, coverageEnd)}, article L221-10-2 du code de la mutualité).`,
    );
  return lines;
}

export interface TaxCertificateDocument {
  title: string;
  brandName: string;
  year: number;
  memberLine: string;
  statement: string;
  rows: { date: string; amount: string }[];
  totalLabel: string;
  total: string;
  note: string;
}

/** The attestation de cotisations for the tax return: the cotisations paid in `year`, debit by debit. */
export function taxCertificateDocument(
  facts: ContractFacts,
  { brandName, year, debits, issuedOn }: { brandName: string; year: number; debits: Debit[]; issuedOn: string },
): TaxCertificateDocument {
  return {
    title: `Attestation de cotisations ${year}`,
    brandName,
    year,
    memberLine: `Adhérent : ${facts.memberName} — n° ${facts.memberNumber}`,
    statement: `${brandName} atteste que ${facts.memberName} a versé, au titre de son contrat santé (niveau ${facts.coverageLevel}), les cotisations suivantes du 1er janvier au 31 décembre ${year}.`,
    rows: debits.map((d) => ({ date: formatDate(d.date), amount: formatEuros(d.amountCents) })),
    totalLabel: `Total des cotisations versées en ${year}`,
    total: formatEuros(debits.reduce((t, d) => t + d.amountCents, 0)),
    note: `Établie le ${formatDate(issuedOn)}, pour servir et valoir ce que de droit. Les cotisations d'un contrat santé individuel ne sont en général pas déductibles du revenu ; elles le sont pour un contrat « Madelin » de travailleur non salarié : renseignez-vous sur votre situation.`,
  };
}

/** "Compte débité : …" as the PDF writes it (the page shows the masked IBAN with its spoken form). */
export const debitedAccountLabel = "Compte débité :";
