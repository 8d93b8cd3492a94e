// The dashboard's three short lists (latest démarches, latest payments, documents to download) in ONE prepared
// statement instead of three: on this machine each statement costs a socket write and a reply to parse, about
// as much CPU as the query itself (docs/benchmarks.md). Each list is a scalar subquery of the viewer's
// household row, aggregated to JSON with the keys the pages use, so nothing here can reach another household.
// The lists keep their own pages' order and rules: démarches newest first, payments by payment date then id
// (the index reimbursement_household_payment_idx), the tiers payant cards by year, then the guarantee table.
// The payments are limited before they are joined, so only the lines shown are read, in index order.
import { eq, sql } from "drizzle-orm";
import { hasScope } from "../accounts/scopes.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { prepared } from "../db/prepared.server.ts";
import type { DocumentSummary } from "../documents/queries.server.ts";
import { household } from "../households/schema.ts";
import type { PaymentSummary } from "../reimbursements/queries.server.ts";
import type { listRequests } from "../requests/queries.server.ts";

/** A démarche as the "Mes démarches" list reads it, without its creation time (the dashboard does not show it). */
export type DashboardRequest = Omit<Awaited<ReturnType<typeof listRequests>>[number], "createdAt"> & {
  /** The timestamp as JSON gives it; the route turns it into the Paris date a devis is titled with. */
  createdAt: string;
};

export interface DashboardLists {
  requests: DashboardRequest[];
  payments: PaymentSummary[];
  documents: DocumentSummary[];
}

/** How many of each the dashboard shows (constants, written into the SQL); the full lists are one link away. */
const dashboardSizes = { requests: 2, payments: 3 } as const;

export async function readDashboardLists(db: Db, viewer: MemberViewer): Promise<DashboardLists> {
  const statement = prepared(db, "dashboard_lists", (d) =>
    d
      .select({
        requests: sql<DashboardRequest[]>`(
          select coalesce(json_agg(r.item order by r.created_at desc, r.id desc), '[]'::json)
          from (
            select json_build_object(
                'id', mr.id, 'reference', mr.reference, 'kind', mr.kind, 'careType', mr.care_type,
                'careDate', mr.care_date, 'subject', mr.subject, 'status', mr.status,
                'beneficiaryFirstName', b.first_name, 'createdAt', mr.created_at) as item,
              mr.created_at, mr.id
            from member_request mr
            left join person b on b.id = mr.beneficiary_id
            where mr.household_id = household.id
              and (${sql.placeholder("onlyPersonId")}::uuid is null or mr.beneficiary_id = ${sql.placeholder("onlyPersonId")}::uuid)
              -- A confidential person's démarches are theirs alone (care type, attachments).
              and (${sql.placeholder("onlyPersonId")}::uuid is not null or b.care_confidential is not true)
            order by mr.created_at desc, mr.id desc
            limit ${sql.raw(String(dashboardSizes.requests))}
          ) r)`,
        payments: sql<PaymentSummary[]>`(
          select coalesce(json_agg(l.item order by l.payment_date desc, l.id desc), '[]'::json)
          from (
            select json_build_object(
                'id', rl.id,
                'careType', case when b.care_confidential and ${sql.placeholder("onlyPersonId")}::uuid is null
                  then 'confidentiel' else rl.care_type end,
                'careDate', rl.care_date, 'amcCents', rl.amc_cents,
                'paymentDate', rl.payment_date, 'beneficiaryFirstName', b.first_name,
                'beneficiaryLastName', b.last_name, 'paidTo', rl.paid_to, 'paidToFirstName', p.first_name) as item,
              rl.payment_date, rl.id
            from (
              -- The latest lines first, alone: read in order from reimbursement_household_payment_idx and
              -- stopped after the last one shown, whatever the household's history (joined after).
              select * from reimbursement_line
              where household_id = household.id
                and (${sql.placeholder("onlyPersonId")}::uuid is null or beneficiary_id = ${sql.placeholder("onlyPersonId")}::uuid)
              order by payment_date desc, id desc
              limit ${sql.raw(String(dashboardSizes.payments))}
            ) rl
            join person b on b.household_id = rl.household_id and b.id = rl.beneficiary_id
            left join person p on p.household_id = rl.household_id and p.id = rl.paid_to_person_id
          ) l)`,
        documents: sql<DocumentSummary[]>`(
          select coalesce(json_agg(json_build_object('id', md.id, 'kind', md.kind, 'year', md.year, 'title', md.title)
            order by md.kind <> 'tiers_payant_card', md.year), '[]'::json)
          from member_document md
          where md.household_id = household.id and md.kind in ('tiers_payant_card', 'guarantee_table')
        )`,
      })
      .from(household)
      .where(eq(household.id, sql.placeholder("householdId")))
      .prepare("dashboard_lists"),
  );
  const [row] = await statement.execute({ householdId: viewer.householdId, onlyPersonId: viewer.onlyPersonId ?? null });
  if (!row) return { requests: [], payments: [], documents: [] };
  // The card for those who hold its scope; the guarantee table (the contract's) for the holder only.
  const documents = row.documents.filter((doc) =>
    doc.kind === "tiers_payant_card" ? hasScope(viewer, "card") : hasScope(viewer, "contract"),
  );
  return { ...row, documents };
}
