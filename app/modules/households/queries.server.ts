import { eq, sql } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { prepared } from "../db/prepared.server.ts";
import { household } from "./schema.ts";

export interface ContractSummary {
  memberNumber: string;
  coverageLevel: string;
  coverageStart: string;
  /** The contract's last covered day once a résiliation is recorded, else null. */
  coverageEnd: string | null;
  beneficiaries: { id: string; firstName: string; lastName: string; role: string; coverageStart: string }[];
}

/** The signed-in member's contract and the people it covers. */
export async function getContractSummary(db: Db, viewer: MemberViewer): Promise<ContractSummary> {
  // One prepared statement (the household row and its people as JSON) instead of two in a row.
  const statement = prepared(db, "contract_summary", (d) =>
    d
      .select({
        memberNumber: household.memberNumber,
        coverageLevel: household.coverageLevel,
        coverageStart: household.coverageStart,
        coverageEnd: household.coverageEnd,
        beneficiaries: sql<ContractSummary["beneficiaries"]>`(
          select coalesce(json_agg(json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name,
            'role', p.role, 'coverageStart', p.coverage_start) order by p.birth_date, p.id), '[]'::json)
          from person p
          where p.household_id = household.id)`,
      })
      .from(household)
      .where(eq(household.id, sql.placeholder("householdId")))
      .prepare("contract_summary"),
  );
  const [contract] = await statement.execute({ householdId: viewer.householdId });
  if (!contract) throw new Error("signed-in member has no household");
  // A beneficiary's own space (or a carer acting for one) knows only that person.
  if (viewer.onlyPersonId) {
    return { ...contract, beneficiaries: contract.beneficiaries.filter((b) => b.id === viewer.onlyPersonId) };
  }
  return contract;
}
