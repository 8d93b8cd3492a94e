import { and, asc, eq } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { parisDateOf } from "../clock/index.ts";
import { bankAccount, household, householdFormerLevel, person } from "../households/schema.ts";
import { affiliationJourney } from "../offer/schema.ts";
import { type PremiumPeriod, premiumPeriods } from "./premium-schedule.ts";

export interface DocumentSummary {
  id: string;
  kind: string;
  year: number | null;
  title: string;
}

export interface ContractFacts {
  memberNumber: string;
  memberName: string;
  coverageLevel: string;
  coverageStart: string;
  coverageEnd: string | null;
  premiumMonthlyCents: number;
  /**
   * The dated premiums: each former level's up to its last day, the current one, and a change of level accepted
   * for a later date (the échéancier and the attestation de cotisations follow them).
   */
  premiums: PremiumPeriod[];
  /** An online adhesion: the day its first debits were pre-notified (its acceptance), else null. */
  firstNotifiedOn: string | null;
  sepaMandateRef: string | null;
  ibanMasked: string | null;
  people: {
    firstName: string;
    lastName: string;
    birthDate: string;
    coverageStart: string;
    coverageEnd: string | null;
    role: string;
  }[];
}

/** What the generated documents (card, attestation, schedule) are made of, for the viewer's household. */
export async function getContractFacts(db: Db, viewer: MemberViewer): Promise<ContractFacts> {
  const [contract] = await db
    .select({
      memberNumber: household.memberNumber,
      coverageLevel: household.coverageLevel,
      coverageStart: household.coverageStart,
      coverageEnd: household.coverageEnd,
      premiumMonthlyCents: household.premiumMonthlyCents,
      pendingFrom: household.pendingLevelFrom,
      pendingPremium: household.pendingPremiumMonthlyCents,
      sepaMandateRef: household.sepaMandateRef,
      ibanMasked: bankAccount.ibanMasked,
    })
    .from(household)
    .leftJoin(bankAccount, eq(bankAccount.id, household.bankAccountId))
    .where(eq(household.id, viewer.householdId));
  if (!contract) throw new Error("signed-in member has no household");
  const people = await db
    .select({
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      coverageStart: person.coverageStart,
      coverageEnd: person.coverageEnd,
      role: person.role,
    })
    .from(person)
    .where(eq(person.householdId, viewer.householdId))
    .orderBy(asc(person.birthDate));
  const former = await db
    .select({ until: householdFormerLevel.until, monthlyCents: householdFormerLevel.premiumMonthlyCents })
    .from(householdFormerLevel)
    .where(eq(householdFormerLevel.householdId, viewer.householdId));
  // The welcome e-mail pre-notified the first debits from the acceptance day (offer/adhesion-review.server.ts).
  const [adhesion] = await db
    .select({ decidedAt: affiliationJourney.decidedAt })
    .from(affiliationJourney)
    .where(and(eq(affiliationJourney.householdId, viewer.householdId), eq(affiliationJourney.status, "accepted")));
  const { pendingFrom, pendingPremium, ...rest } = contract;
  return {
    ...rest,
    premiums: premiumPeriods({
      coverageStart: contract.coverageStart,
      currentCents: contract.premiumMonthlyCents,
      former,
      pending: pendingFrom && pendingPremium !== null ? { from: pendingFrom, monthlyCents: pendingPremium } : null,
    }),
    firstNotifiedOn: adhesion?.decidedAt ? parisDateOf(adhesion.decidedAt) : null,
    memberName: `${viewer.firstName} ${viewer.lastName}`,
    people,
  };
}
