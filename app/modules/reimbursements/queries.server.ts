import { and, asc, desc, eq, gte, lte, type Placeholder, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { prepared } from "../db/prepared.server.ts";
import { bankAccount, household, person } from "../households/schema.ts";
import { confidentialCareType } from "../shared/care-types.ts";
import { type Cursor, encodeCursor, pageSize } from "./filters.ts";
import { reimbursementLine } from "./schema.ts";

export interface PaymentSummary {
  id: string;
  careType: string;
  careDate: string;
  amcCents: number;
  paymentDate: string;
  beneficiaryFirstName: string;
  beneficiaryLastName: string;
  paidTo: "member" | "beneficiary" | "professional";
  /** First name of the person paid, or null when the professional was paid (tiers payant). */
  paidToFirstName: string | null;
}

const beneficiary = alias(person, "beneficiary");
const payee = alias(person, "payee");

// Confidentiality: a beneficiary aged 16+ may ask that their care stay private. Whoever sees the household's
// lines (the holder, a carer acting for them) then reads for that person only the amounts paid: no care type,
// no professional, no guarantee wording, no explanation. A person's own space reads their lines in full.
const hidden = sql`${beneficiary.careConfidential}`;
const maskedCareType = sql<string>`case when ${hidden} then ${sql.raw(`'${confidentialCareType}'`)} else ${reimbursementLine.careType} end`;
const masked = {
  careType: maskedCareType,
  professionalName: sql<string | null>`case when ${hidden} then null else ${reimbursementLine.professionalName} end`,
  guaranteeLabel: sql<string | null>`case when ${hidden} then null else ${reimbursementLine.guaranteeLabel} end`,
};

/** Whether this viewer reads the household's lines (and so confidential people's lines masked). */
const readsHousehold = (viewer: MemberViewer) => !viewer.onlyPersonId;

/** The amounts of a line, shown by its detail and written by the statement and the export. */
const amountColumns = {
  professionalName: reimbursementLine.professionalName,
  chargedCents: reimbursementLine.chargedCents,
  baseCents: reimbursementLine.baseCents,
  amoCents: reimbursementLine.amoCents,
  remainingCents: reimbursementLine.remainingCents,
};

function summaryColumnsFor(viewer: MemberViewer) {
  return readsHousehold(viewer) ? { ...summaryColumns, careType: masked.careType } : summaryColumns;
}

function amountColumnsFor(viewer: MemberViewer) {
  return readsHousehold(viewer) ? { ...amountColumns, professionalName: masked.professionalName } : amountColumns;
}

const summaryColumns = {
  id: reimbursementLine.id,
  careType: reimbursementLine.careType,
  careDate: reimbursementLine.careDate,
  amcCents: reimbursementLine.amcCents,
  paymentDate: reimbursementLine.paymentDate,
  beneficiaryFirstName: beneficiary.firstName,
  beneficiaryLastName: beneficiary.lastName,
  paidTo: reimbursementLine.paidTo,
  paidToFirstName: payee.firstName,
};

export interface PaymentQuery {
  beneficiaryId?: string;
  careType?: string;
  from?: string;
  to?: string;
}

type Bind = (name: "householdId" | "onlyPersonId" | keyof PaymentQuery, value: string) => string | Placeholder;

/**
 * Every condition starts with the viewer's household: nothing here can reach another household's lines.
 * `bind` gives each value, or its placeholder in a prepared statement.
 */
function scope(viewer: MemberViewer, q: PaymentQuery, bind: Bind = (_name, value) => value): SQL {
  const conditions: SQL[] = [eq(reimbursementLine.householdId, bind("householdId", viewer.householdId))];
  // A beneficiary (or a carer acting for one) reads their own lines only, whatever the filters say.
  if (viewer.onlyPersonId)
    conditions.push(eq(reimbursementLine.beneficiaryId, bind("onlyPersonId", viewer.onlyPersonId)));
  if (q.beneficiaryId) conditions.push(eq(reimbursementLine.beneficiaryId, bind("beneficiaryId", q.beneficiaryId)));
  if (q.careType) {
    // The household's reader filters on what they see: a confidential line never answers to its real care type.
    const column = readsHousehold(viewer) ? maskedCareType : reimbursementLine.careType;
    conditions.push(sql`${column} = ${bind("careType", q.careType)}`);
  }
  if (q.from) conditions.push(gte(reimbursementLine.paymentDate, bind("from", q.from)));
  if (q.to) conditions.push(lte(reimbursementLine.paymentDate, bind("to", q.to)));
  return and(...conditions)!;
}

/**
 * One page of the household's payments, newest first, with the cursor of the next page if any. Prepared once
 * per combination of filters (at most 32 statements): building the query cost more CPU than running it.
 */
export async function listPayments(
  db: Db,
  viewer: MemberViewer,
  q: PaymentQuery & { after?: Cursor | null; limit?: number },
): Promise<{ lines: PaymentSummary[]; nextCursor: string | null }> {
  const limit = q.limit ?? pageSize;
  const shape = `payments_${viewer.onlyPersonId ? "p" : ""}${q.beneficiaryId ? "b" : ""}${q.careType ? "c" : ""}${q.from ? "f" : ""}${q.to ? "t" : ""}${q.after ? "a" : ""}`;
  const statement = prepared(db, shape, (d) => {
    const placeholder: Bind = (name) => sql.placeholder(name);
    const filters = scope(viewer, q, placeholder);
    const where = q.after
      ? and(
          filters,
          sql`(${reimbursementLine.paymentDate}, ${reimbursementLine.id}) < (${sql.placeholder("afterDate")}, ${sql.placeholder("afterId")})`,
        )
      : filters;
    return d
      .select(summaryColumnsFor(viewer))
      .from(reimbursementLine)
      .innerJoin(beneficiary, eq(beneficiary.id, reimbursementLine.beneficiaryId))
      .leftJoin(payee, eq(payee.id, reimbursementLine.paidToPersonId))
      .where(where)
      .orderBy(desc(reimbursementLine.paymentDate), desc(reimbursementLine.id))
      .limit(sql.placeholder("limit"))
      .prepare(shape);
  });
  const rows = await statement.execute({
    householdId: viewer.householdId,
    onlyPersonId: viewer.onlyPersonId ?? undefined,
    beneficiaryId: q.beneficiaryId,
    careType: q.careType,
    from: q.from,
    to: q.to,
    afterDate: q.after?.paymentDate,
    afterId: q.after?.id,
    limit: limit + 1,
  });
  const lines = rows.slice(0, limit);
  const last = lines.at(-1);
  return { lines, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export interface PaymentDetail extends PaymentSummary {
  professionalName: string | null;
  chargedCents: number;
  baseCents: number;
  amoRateBp: number | null;
  amoDeductibleCents: number;
  amoCents: number;
  remainingCents: number;
  guaranteeLabel: string | null;
  ibanMasked: string | null;
  accountHolder: string | null;
}

/** One line of the viewer's household, or null: a line of another household does not exist for them. */
export async function getPayment(db: Db, viewer: MemberViewer, id: string): Promise<PaymentDetail | null> {
  const name = viewer.onlyPersonId ? "payment_detail_person" : "payment_detail";
  const statement = prepared(db, name, (d) =>
    d
      .select({
        ...summaryColumnsFor(viewer),
        ...amountColumnsFor(viewer),
        amoRateBp: reimbursementLine.amoRateBp,
        amoDeductibleCents: reimbursementLine.amoDeductibleCents,
        guaranteeLabel: readsHousehold(viewer) ? masked.guaranteeLabel : reimbursementLine.guaranteeLabel,
        ibanMasked: bankAccount.ibanMasked,
        accountHolder: bankAccount.holderName,
      })
      .from(reimbursementLine)
      .innerJoin(beneficiary, eq(beneficiary.id, reimbursementLine.beneficiaryId))
      .leftJoin(payee, eq(payee.id, reimbursementLine.paidToPersonId))
      .leftJoin(bankAccount, eq(bankAccount.id, reimbursementLine.bankAccountId))
      .where(
        and(
          eq(reimbursementLine.householdId, sql.placeholder("householdId")),
          eq(reimbursementLine.id, sql.placeholder("id")),
          viewer.onlyPersonId ? eq(reimbursementLine.beneficiaryId, sql.placeholder("onlyPersonId")) : undefined,
        ),
      )
      .prepare(name),
  );
  const [row] = await statement.execute({ householdId: viewer.householdId, id, onlyPersonId: viewer.onlyPersonId });
  return row ?? null;
}

/** Every line matching the filters, oldest first (statements and exports), capped for safety. */
export async function listPaymentsForExport(db: Db, viewer: MemberViewer, q: PaymentQuery, max = 5000) {
  return db
    .select({ ...summaryColumnsFor(viewer), ...amountColumnsFor(viewer) })
    .from(reimbursementLine)
    .innerJoin(beneficiary, eq(beneficiary.id, reimbursementLine.beneficiaryId))
    .leftJoin(payee, eq(payee.id, reimbursementLine.paidToPersonId))
    .where(scope(viewer, q))
    .orderBy(asc(reimbursementLine.paymentDate), asc(reimbursementLine.id))
    .limit(max);
}

export type ExportLine = Awaited<ReturnType<typeof listPaymentsForExport>>[number];

/** What the filters offer: the household's people, and the years and care types that have payments. */
export async function listPaymentFacets(db: Db, viewer: MemberViewer) {
  if (viewer.onlyPersonId) return listPersonFacets(db, viewer, viewer.onlyPersonId);
  // One prepared statement for both lists (a statement costs about as much CPU in its round trip as in the
  // database here): the household's people, and the distinct (year, care type) pairs of its lines.
  const statement = prepared(db, "payment_facets", (d) =>
    d
      .select({
        people: sql<{ id: string; firstName: string; lastName: string }[]>`(
          select coalesce(json_agg(json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name)
            order by p.birth_date, p.id), '[]'::json)
          from person p
          where p.household_id = household.id)`,
        pairs: sql<[string, string][]>`(
          select coalesce(json_agg(json_build_array(f.year, f.care_type)), '[]'::json)
          from (
            select distinct to_char(rl.payment_date, 'YYYY') as year,
              case when b.care_confidential then ${sql.raw(`'${confidentialCareType}'`)} else rl.care_type end as care_type
            from reimbursement_line rl
            join person b on b.household_id = rl.household_id and b.id = rl.beneficiary_id
            where rl.household_id = household.id
          ) f)`,
      })
      .from(household)
      .where(eq(household.id, sql.placeholder("householdId")))
      .prepare("payment_facets"),
  );
  const [row] = await statement.execute({ householdId: viewer.householdId });
  const pairs = row?.pairs ?? [];
  const years = [...new Set(pairs.map(([year]) => year))].sort().reverse();
  // "Soins confidentiels" is what a confidential person's lines read as, not a kind of care to filter on: the
  // filter only accepts real care types, and offering it would tell which lines are that person's care.
  const careTypes = [...new Set(pairs.map(([, careType]) => careType))]
    .filter((careType) => careType !== confidentialCareType)
    .sort();
  return { people: row?.people ?? [], years, careTypes };
}

/** The facets of one person's lines (a beneficiary's own space): that person, their years and care types. */
async function listPersonFacets(db: Db, viewer: MemberViewer, personId: string) {
  const [people, pairs] = await Promise.all([
    db
      .select({ id: person.id, firstName: person.firstName, lastName: person.lastName })
      .from(person)
      .where(and(eq(person.householdId, viewer.householdId), eq(person.id, personId))),
    db
      .selectDistinct({
        year: sql<string>`to_char(${reimbursementLine.paymentDate}, 'YYYY')`,
        careType: reimbursementLine.careType,
      })
      .from(reimbursementLine)
      .where(and(eq(reimbursementLine.householdId, viewer.householdId), eq(reimbursementLine.beneficiaryId, personId))),
  ]);
  const years = [...new Set(pairs.map((p) => p.year))].sort().reverse();
  const careTypes = [...new Set(pairs.map((p) => p.careType))].sort();
  return { people, years, careTypes };
}

/** Sums by beneficiary and care type for one calendar year of care. */
export async function listYearTotals(db: Db, viewer: MemberViewer, year: number) {
  return db
    .select({
      beneficiaryId: reimbursementLine.beneficiaryId,
      beneficiaryName: sql<string>`${beneficiary.firstName} || ' ' || ${beneficiary.lastName}`,
      careType: readsHousehold(viewer) ? maskedCareType : reimbursementLine.careType,
      chargedCents: sql<number>`sum(${reimbursementLine.chargedCents})::int`,
      amoCents: sql<number>`sum(${reimbursementLine.amoCents})::int`,
      amcCents: sql<number>`sum(${reimbursementLine.amcCents})::int`,
      remainingCents: sql<number>`sum(${reimbursementLine.remainingCents})::int`,
      count: sql<number>`count(*)::int`,
    })
    .from(reimbursementLine)
    .innerJoin(beneficiary, eq(beneficiary.id, reimbursementLine.beneficiaryId))
    .where(
      and(
        eq(reimbursementLine.householdId, viewer.householdId),
        viewer.onlyPersonId ? eq(reimbursementLine.beneficiaryId, viewer.onlyPersonId) : undefined,
        gte(reimbursementLine.careDate, `${year}-01-01`),
        lte(reimbursementLine.careDate, `${year}-12-31`),
      ),
    )
    .groupBy(
      reimbursementLine.beneficiaryId,
      beneficiary.firstName,
      beneficiary.lastName,
      readsHousehold(viewer) ? maskedCareType : reimbursementLine.careType,
    );
}
