// The signed-in household's guarantee table and, per beneficiary, what is used and left this year.
import { and, asc, eq, gte, isNotNull } from "drizzle-orm";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { household, householdFormerLevel, person } from "../households/schema.ts";
import { reimbursementLine } from "../reimbursements/schema.ts";
import { usageCounters } from "./counters.ts";
import type { BeneficiaryFacts, GuaranteeCatalog, GuaranteeTable, PastAct, UsageCounter } from "./model.ts";
import { pricingHistorySince } from "./history-window.ts";
import { levelInForce, selectLevelTable } from "./versions.ts";

export interface BeneficiaryUsage {
  personId: string;
  firstName: string;
  lastName: string;
  counters: UsageCounter[];
}

export interface GuaranteeOverview {
  levelLabel: string;
  table: GuaranteeTable | null;
  people: BeneficiaryUsage[];
}

export interface BeneficiaryContext {
  personId: string;
  firstName: string;
  lastName: string;
  facts: BeneficiaryFacts;
  history: PastAct[];
  /** The person asked for the confidentiality of their care: the household's reader sees no usage for them. */
  confidential?: boolean;
}

/**
 * The household's level in force on `day` (a change of level accepted for a later date does not reach back, an
 * earlier level still covers the days before its change), and the contract's end.
 */
async function contractOn(db: Db, viewer: Pick<MemberViewer, "householdId">, day: string) {
  const [contract] = await db
    .select({
      level: household.coverageLevel,
      coverageEnd: household.coverageEnd,
      pendingLevel: household.pendingCoverageLevel,
      pendingFrom: household.pendingLevelFrom,
    })
    .from(household)
    .where(eq(household.id, viewer.householdId));
  const former = await db
    .select({ level: householdFormerLevel.level, until: householdFormerLevel.until })
    .from(householdFormerLevel)
    .where(eq(householdFormerLevel.householdId, viewer.householdId));
  const levelLabel = levelInForce(contract?.level ?? "", former, day, {
    level: contract?.pendingLevel ?? null,
    from: contract?.pendingFrom ?? null,
  });
  return { levelLabel, coverageEnd: contract?.coverageEnd ?? null };
}

/** The household's guarantee table in force on `day` (Mes garanties, the partner network's "what it pays there"). */
export async function guaranteeTableOn(
  db: Db,
  catalog: GuaranteeCatalog,
  viewer: Pick<MemberViewer, "householdId">,
  day: string,
): Promise<{ levelLabel: string; table: GuaranteeTable | null }> {
  const { levelLabel } = await contractOn(db, viewer, day);
  return { levelLabel, table: selectLevelTable(catalog, levelLabel, day) ?? null };
}

/**
 * The household's guarantee table on `today` (the care date, for pricing), and each person with what was
 * reimbursed to them from pricingHistorySince(today) on.
 */
export async function getGuaranteeContext(
  db: Db,
  catalog: GuaranteeCatalog,
  viewer: Pick<MemberViewer, "householdId" | "onlyPersonId">,
  today: string,
) {
  const contract = await contractOn(db, viewer, today);
  const levelLabel = contract.levelLabel;
  const table = selectLevelTable(catalog, levelLabel, today) ?? null;
  const people = await db
    .select({
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      coverageStart: person.coverageStart,
      coverageEnd: person.coverageEnd,
      confidential: person.careConfidential,
    })
    .from(person)
    .where(
      and(
        eq(person.householdId, viewer.householdId),
        // A beneficiary's own space (or a carer acting for one) knows only that person.
        viewer.onlyPersonId ? eq(person.id, viewer.onlyPersonId) : undefined,
      ),
    )
    .orderBy(asc(person.birthDate));
  // Long enough for the longest renewal period (4 years for hearing aids) plus a year; built with addYears so
  // that 29 February never yields a date that does not exist. Later lines are all read: a late claim is
  // checked against equipment reimbursed after its care date too.
  const since = pricingHistorySince(catalog, today);
  const lines = await db
    .select({
      beneficiaryId: reimbursementLine.beneficiaryId,
      category: reimbursementLine.guaranteeCategory,
      careDate: reimbursementLine.careDate,
      amcCents: reimbursementLine.amcCents,
      quantity: reimbursementLine.quantity,
      ear: reimbursementLine.ear,
    })
    .from(reimbursementLine)
    .where(
      and(
        eq(reimbursementLine.householdId, viewer.householdId),
        viewer.onlyPersonId ? eq(reimbursementLine.beneficiaryId, viewer.onlyPersonId) : undefined,
        isNotNull(reimbursementLine.guaranteeCategory),
        gte(reimbursementLine.careDate, since),
      ),
    );
  const beneficiaries: BeneficiaryContext[] = people.map((p) => ({
    personId: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    facts: coverageFacts(p, contract.coverageEnd),
    confidential: p.confidential,
    history: lines
      .filter((l) => l.beneficiaryId === p.id)
      .map((l): PastAct => ({
        category: l.category!,
        careDate: l.careDate,
        amcCents: l.amcCents,
        quantity: l.quantity,
        ...(l.ear ? { ear: l.ear } : {}),
      })),
  }));
  return { levelLabel, table, beneficiaries };
}

/** The person's dates, with the earlier of their own coverage end (removal) and the contract's end (résiliation). */
export function coverageFacts(
  p: { birthDate: string; coverageStart: string; coverageEnd: string | null },
  contractEnd: string | null,
): BeneficiaryFacts {
  const facts: BeneficiaryFacts = { birthDate: p.birthDate, coverageStart: p.coverageStart };
  if (contractEnd !== null && (p.coverageEnd === null || contractEnd <= p.coverageEnd))
    return { ...facts, coverageEnd: contractEnd, coverageEndedBy: "contract" };
  if (p.coverageEnd !== null) return { ...facts, coverageEnd: p.coverageEnd, coverageEndedBy: "beneficiary" };
  return facts;
}

export async function getGuaranteeOverview(
  db: Db,
  catalog: GuaranteeCatalog,
  viewer: MemberViewer,
  today: string,
): Promise<GuaranteeOverview> {
  const { levelLabel, table, beneficiaries } = await getGuaranteeContext(db, catalog, viewer, today);
  if (!table) return { levelLabel, table: null, people: [] };
  return {
    levelLabel,
    table,
    // Usage meters name the kinds of care: none for a confidential person, unless it is their own space.
    people: beneficiaries
      .filter((b) => !b.confidential || viewer.onlyPersonId)
      .map((b) => ({
        personId: b.personId,
        firstName: b.firstName,
        lastName: b.lastName,
        counters: usageCounters({ table, beneficiary: b.facts, history: b.history, asOf: today }),
      })),
  };
}
