import { asc, eq } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { bankAccount, household, person } from "../households/schema.ts";

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
  /** A change of level accepted for a later date: the premium from that date (the échéancier follows it). */
  premiumChange: { from: string; monthlyCents: number } | null;
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
  const { pendingFrom, pendingPremium, ...rest } = contract;
  return {
    ...rest,
    premiumChange: pendingFrom && pendingPremium !== null ? { from: pendingFrom, monthlyCents: pendingPremium } : null,
    memberName: `${viewer.firstName} ${viewer.lastName}`,
    people,
  };
}
