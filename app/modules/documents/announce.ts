// Which documents became available lately, for "Un nouveau document est disponible" (issue 23). The documents
// are built on demand from the contract (documents.tsx); what changes with the calendar is which ones exist:
// next year's tiers payant card from the brand's `nextYearFrom` day, last year's attestation de cotisations
// from 1 January. A document is announced during the week after it appears (a stopped job catches up within
// that week; an older one is not announced late), each once per member (notify()'s `once` key). Pure.
import { addDays } from "../clock/calendar.ts";
import { cardYears, defaultNextYearCardFrom } from "./card.ts";
import { taxCertificateYears } from "./tax-certificate.ts";

export const announceWindowDays = 7;

export interface DocumentAnnouncement {
  /** Stable per document: the once-only key of its announcement. */
  key: string;
  title: string;
  /** The page of the space that offers it. */
  url: string;
}

const within = (today: string, from: string) => today >= from && today < addDays(from, announceWindowDays);

export function documentsToAnnounce(
  contract: { coverageStart: string; coverageEnd: string | null },
  today: string,
  nextYearFrom: string = defaultNextYearCardFrom,
): DocumentAnnouncement[] {
  const year = Number(today.slice(0, 4));
  const out: DocumentAnnouncement[] = [];
  if (within(today, `${year}-${nextYearFrom}`) && cardYears(contract, today, nextYearFrom).includes(year + 1))
    out.push({
      key: `carte-tiers-payant-${year + 1}`,
      title: `Votre carte de tiers payant ${year + 1}`,
      url: `/documents/carte-tiers-payant/${year + 1}`,
    });
  if (within(today, `${year}-01-01`) && taxCertificateYears(contract, today).includes(year - 1))
    out.push({
      key: `attestation-cotisations-${year - 1}`,
      title: `Votre attestation de cotisations ${year - 1}`,
      url: "/documents",
    });
  return out;
}

/** Is any document announced on `today`, whatever the contract? (The job skips its work when none is.) */
export function announcementsDue(today: string, nextYearFrom: string = defaultNextYearCardFrom): boolean {
  return documentsToAnnounce({ coverageStart: "1900-01-01", coverageEnd: null }, today, nextYearFrom).length > 0;
}
