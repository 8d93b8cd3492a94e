import { asc, eq } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { household, person } from "./schema.ts";

export interface ContractSummary {
  memberNumber: string;
  coverageLevel: string;
  coverageStart: string;
  beneficiaries: { id: string; firstName: string; lastName: string; role: string; coverageStart: string }[];
}

/** The signed-in member's contract and the people it covers. */
export async function getContractSummary(db: Db, viewer: MemberViewer): Promise<ContractSummary> {
  const [contract] = await db
    .select({
      memberNumber: household.memberNumber,
      coverageLevel: household.coverageLevel,
      coverageStart: household.coverageStart,
    })
    .from(household)
    .where(eq(household.id, viewer.householdId));
  if (!contract) throw new Error("signed-in member has no household");
  const beneficiaries = await db
    .select({
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      role: person.role,
      coverageStart: person.coverageStart,
    })
    .from(person)
    .where(eq(person.householdId, viewer.householdId))
    .orderBy(asc(person.birthDate));
  return { ...contract, beneficiaries };
}
