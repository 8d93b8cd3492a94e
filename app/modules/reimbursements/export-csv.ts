// CSV export of payment lines, the way French spreadsheets read it: ";" separators, decimal comma,
// dd/mm/yyyy dates, UTF-8 with a byte-order mark so Excel detects the encoding.
import { stringify } from "csv-stringify/sync";
import { careTypeLabel } from "../shared/care-types.ts";
import { formatDate } from "../shared/format.ts";

export interface CsvLine {
  paymentDate: string;
  careDate: string;
  beneficiaryFirstName: string;
  beneficiaryLastName: string;
  careType: string;
  professionalName: string | null;
  chargedCents: number;
  baseCents: number;
  amoCents: number;
  amcCents: number;
  remainingCents: number;
  paidTo: "member" | "beneficiary" | "professional";
  paidToFirstName: string | null;
}

/** 4500 → "45,00"; -150 → "-1,50" (a number a spreadsheet can add up, without the € sign). */
export function decimalComma(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

// A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...), +cmd|...): OWASP's list,
// and their full-width forms, which some spreadsheets read the same way.
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Text from elsewhere (names, the professional's name from the core system) made inert for a spreadsheet: a
 * leading single quote, as OWASP recommends, shows the text as it is. Only text columns go through here: the
 * amounts we format ourselves ("-1,50") must stay numbers a spreadsheet can add up.
 */
export function inertText(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

export const csvHeader = [
  "Date de paiement",
  "Date des soins",
  "Bénéficiaire",
  "Type de soin",
  "Professionnel de santé",
  "Montant payé",
  "Base de remboursement",
  "Part Sécurité sociale",
  "Part mutuelle",
  "Reste à charge",
  "Versé à",
];

export function paymentsCsv(lines: CsvLine[]): string {
  const rows = lines.map((l) => [
    formatDate(l.paymentDate),
    formatDate(l.careDate),
    inertText(`${l.beneficiaryFirstName} ${l.beneficiaryLastName}`),
    inertText(careTypeLabel(l.careType)),
    inertText(l.professionalName ?? ""),
    decimalComma(l.chargedCents),
    decimalComma(l.baseCents),
    decimalComma(l.amoCents),
    decimalComma(l.amcCents),
    decimalComma(l.remainingCents),
    l.paidTo === "professional" ? "Professionnel de santé (tiers payant)" : inertText(l.paidToFirstName ?? ""),
  ]);
  return `\uFEFF${stringify([csvHeader, ...rows], { delimiter: ";", record_delimiter: "\r\n" })}`;
}
