// The import's people: which household and accounts each line's beneficiary reference stands for (looked up
// once per reference for the whole import), and a checked record turned into the row the upsert writes.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.server.ts";
import { household, person } from "../../households/schema.ts";
import type { ImportRecord } from "./record-schema.ts";

export interface PersonRef {
  personId: string;
  householdId: string;
  memberNumber: string;
  memberPersonId: string;
  personAccountId: string | null;
  householdAccountId: string | null;
}

export async function resolvePeople(db: Db, cache: Map<string, PersonRef | null>, refs: string[]) {
  const missing = [...new Set(refs)].filter((r) => !cache.has(r));
  if (missing.length === 0) return;
  const member = sql`(select m.id from ${person} m where m.household_id = ${person.householdId} and m.role = 'member' limit 1)`;
  const found = await db
    .select({
      ref: person.externalRef,
      personId: person.id,
      householdId: person.householdId,
      memberNumber: household.memberNumber,
      memberPersonId: sql<string>`${member}`,
      personAccountId: person.bankAccountId,
      householdAccountId: household.bankAccountId,
    })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .where(inArray(person.externalRef, missing));
  for (const ref of missing) cache.set(ref, null);
  for (const f of found) cache.set(f.ref, f);
}

export interface ResolvedRow {
  sourceLineId: string;
  householdId: string;
  beneficiaryId: string;
  careType: string;
  guaranteeCategory: string | null;
  quantity: number;
  careDate: string;
  professionalName: string | null;
  chargedCents: number;
  baseCents: number;
  amoRateBp: number | null;
  amoDeductibleCents: number;
  amoCents: number;
  amcCents: number;
  remainingCents: number;
  guaranteeLabel: string | null;
  optam: boolean | null;
  outOfPathway: boolean;
  outOfPathwayOverrunCents: number;
  pathwayAmoRateBp: number | null;
  priceLimitCents: number | null;
  ear: string | null;
  paidTo: string;
  paidToPersonId: string | null;
  bankAccountId: string | null;
  paymentDate: string;
}

export function toRow(r: ImportRecord, ref: PersonRef): ResolvedRow {
  const paidToPersonId =
    r.paid_to === "professional" ? null : r.paid_to === "member" ? ref.memberPersonId : ref.personId;
  // A beneficiary without an account of their own is paid on the contract's account.
  const bankAccountId =
    r.paid_to === "professional"
      ? null
      : r.paid_to === "beneficiary"
        ? (ref.personAccountId ?? ref.householdAccountId)
        : ref.householdAccountId;
  return {
    sourceLineId: r.line_id,
    householdId: ref.householdId,
    beneficiaryId: ref.personId,
    careType: r.care_type,
    guaranteeCategory: r.category,
    quantity: r.quantity,
    careDate: r.care_date,
    professionalName: r.professional,
    chargedCents: r.charged_cents,
    baseCents: r.base_cents,
    amoRateBp: r.amo_rate_bp,
    amoDeductibleCents: r.amo_deductible_cents,
    amoCents: r.amo_cents,
    amcCents: r.amc_cents,
    remainingCents: r.charged_cents - r.amo_cents - r.amc_cents,
    guaranteeLabel: r.guarantee_label,
    optam: r.optam,
    outOfPathway: r.out_of_pathway,
    outOfPathwayOverrunCents: r.out_of_pathway_overrun_cents,
    pathwayAmoRateBp: r.pathway_amo_rate_bp,
    priceLimitCents: r.price_limit_cents,
    ear: r.ear,
    paidTo: r.paid_to,
    paidToPersonId,
    bankAccountId,
    paymentDate: r.payment_date,
  };
}
