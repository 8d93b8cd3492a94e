// The debits of one year of the contract as its échéancier and its attestation de cotisations show them, read
// here once for the PDF, its web page (RGAA 13.3) and the personal-data export, so that they never disagree:
// the dated premiums (a former level's premium up to its last day, a change accepted for a later month), the
// last month of a résiliation pro rata, an online adhesion's first debit catching up months
// (premium-schedule.ts).
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { cardYears } from "./card.ts";
import { type Debit, premiumSchedule } from "./premium-schedule.ts";
import { getContractFacts } from "./queries.server.ts";
import { paidDebits, taxCertificateYears } from "./tax-certificate.ts";

type ContractFacts = Awaited<ReturnType<typeof getContractFacts>>;

/** The échéancier's input for `year`, from the contract's facts. */
export function scheduleInput(facts: ContractFacts, year: number, debitDay: number) {
  return {
    year,
    debitDay,
    coverageStart: facts.coverageStart,
    coverageEnd: facts.coverageEnd,
    premiums: facts.premiums,
    firstNotifiedOn: facts.firstNotifiedOn,
  };
}

/** The échéancier of `year` (one of the contract's covered years), or null for another year. */
export async function yearSchedule(
  db: Db,
  viewer: MemberViewer,
  { year, debitDay, today }: { year: number; debitDay: number; today: string },
): Promise<{ facts: ContractFacts; debits: Debit[] } | null> {
  const facts = await getContractFacts(db, viewer);
  if (!cardYears(facts, today).includes(year)) return null;
  return { facts, debits: premiumSchedule(scheduleInput(facts, year, debitDay)) };
}

/** What was paid in `year` (a year that is over), for the attestation de cotisations, or null for another year. */
export async function yearPaidDebits(
  db: Db,
  viewer: MemberViewer,
  { year, debitDay, today }: { year: number; debitDay: number; today: string },
): Promise<{ facts: ContractFacts; debits: Debit[] } | null> {
  const facts = await getContractFacts(db, viewer);
  if (!taxCertificateYears(facts, today).includes(year)) return null;
  return { facts, debits: paidDebits(scheduleInput(facts, year, debitDay), today) };
}
