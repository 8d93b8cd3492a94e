import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import type { Db } from "../db/client.server.ts";
import { person } from "../households/schema.ts";
import { reimbursementLine } from "./schema.ts";

export interface PaymentSummary {
  id: string;
  careType: string;
  amcCents: number;
  paymentDate: string;
  beneficiaryFirstName: string;
  paidTo: "member" | "beneficiary" | "professional";
  /** First name of the person paid, or null when the professional was paid (tiers payant). */
  paidToFirstName: string | null;
}

const beneficiary = alias(person, "beneficiary");
const payee = alias(person, "payee");

/** The household's most recent payments, newest first. */
export async function listLatestPayments(db: Db, viewer: MemberViewer, limit = 3): Promise<PaymentSummary[]> {
  return db
    .select({
      id: reimbursementLine.id,
      careType: reimbursementLine.careType,
      amcCents: reimbursementLine.amcCents,
      paymentDate: reimbursementLine.paymentDate,
      beneficiaryFirstName: beneficiary.firstName,
      paidTo: reimbursementLine.paidTo,
      paidToFirstName: payee.firstName,
    })
    .from(reimbursementLine)
    .innerJoin(beneficiary, eq(beneficiary.id, reimbursementLine.beneficiaryId))
    .leftJoin(payee, eq(payee.id, reimbursementLine.paidToPersonId))
    .where(eq(reimbursementLine.householdId, viewer.householdId))
    .orderBy(desc(reimbursementLine.paymentDate), desc(reimbursementLine.id))
    .limit(limit);
}
