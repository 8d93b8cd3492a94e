// The debits of one year of the contract as its échéancier and its attestation de cotisations show them, read
// here once for the PDF and for its web page (RGAA 13.3), so that the two never disagree (a change of level
// accepted for a later month is in both).
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { cardYears } from "./card.ts";
import { type Debit, premiumSchedule } from "./premium-schedule.ts";
import { getContractFacts } from "./queries.server.ts";
import { paidDebits, taxCertificateYears } from "./tax-certificate.ts";

type ContractFacts = Awaited<ReturnType<typeof getContractFacts>>;

function scheduleInput(facts: ContractFacts, year: number, debitDay: number) {
  return {
    year,
    monthlyCents: facts.premiumMonthlyCents,
    debitDay,
    coverageStart: facts.coverageStart,
    coverageEnd: facts.coverageEnd,
    change: facts.premiumChange,
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
