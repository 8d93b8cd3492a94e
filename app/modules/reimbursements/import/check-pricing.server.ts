// The guarantee engine's check of imported lines, over the database (ADR 0020; the rule itself is
// check-pricing.ts): run by the import once its batches are in, and by a scheduled job for lines left pending.
import { and, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.server.ts";
import { type GuaranteeCatalog, levelInForce } from "../../guarantees/index.ts";
import { pricingHistorySince } from "../../guarantees/history-window.ts";
import { coverageFacts } from "../../guarantees/overview.server.ts";
import { household, householdFormerLevel, person } from "../../households/schema.ts";
import { reimbursementLine } from "../schema.ts";
import { type CheckedLine, checkLine, type CheckOutcome, type PricingCheckSummary } from "./check-pricing.ts";

export type { PricingCheckSummary } from "./check-pricing.ts";

/**
 * Beyond this many lines paid to one person in the history window (5 years with the demo tables: no real
 * person comes near), the line is not checked: the engine reads the whole history for every line.
 */
const maxHistoryLines = 5000;

const selectLine = {
  id: reimbursementLine.id,
  version: reimbursementLine.version,
  householdId: reimbursementLine.householdId,
  beneficiaryId: reimbursementLine.beneficiaryId,
  sourceLineId: reimbursementLine.sourceLineId,
  category: reimbursementLine.guaranteeCategory,
  careDate: reimbursementLine.careDate,
  paymentDate: reimbursementLine.paymentDate,
  chargedCents: reimbursementLine.chargedCents,
  baseCents: reimbursementLine.baseCents,
  amoCents: reimbursementLine.amoCents,
  amoDeductibleCents: reimbursementLine.amoDeductibleCents,
  amcCents: reimbursementLine.amcCents,
  quantity: reimbursementLine.quantity,
  optam: reimbursementLine.optam,
  outOfPathway: reimbursementLine.outOfPathway,
  outOfPathwayOverrunCents: reimbursementLine.outOfPathwayOverrunCents,
  pathwayAmoRateBp: reimbursementLine.pathwayAmoRateBp,
  priceLimitCents: reimbursementLine.priceLimitCents,
  ear: reimbursementLine.ear,
  pricingCheck: reimbursementLine.pricingCheck,
};

/**
 * Checks every line waiting for it ("pending"), a few thousand at a time: per chunk, the households' contracts,
 * former levels, people and lines paid in the history window in four statements, the engine in memory, the
 * results in one statement. A line corrected meanwhile by another import (its version moved on) stays pending
 * and is read again with its new content.
 */
export async function checkPendingLines(
  db: Db,
  catalog: GuaranteeCatalog,
  { linesPerChunk = 5000 }: { linesPerChunk?: number } = {},
): Promise<PricingCheckSummary> {
  const summary: PricingCheckSummary = { matching: 0, different: 0, notComputed: 0 };
  for (;;) {
    // In the partial index's order: the lines of a household come together (one may straddle two chunks).
    const pending = await db
      .select(selectLine)
      .from(reimbursementLine)
      .where(eq(reimbursementLine.pricingCheck, "pending"))
      .orderBy(reimbursementLine.householdId)
      .limit(linesPerChunk);
    if (pending.length === 0) return summary;
    const chunk = [...new Set(pending.map((l) => l.householdId))];

    const [contracts, formerLevels, people] = await Promise.all([
      db
        .select({
          id: household.id,
          level: household.coverageLevel,
          coverageEnd: household.coverageEnd,
          pendingLevel: household.pendingCoverageLevel,
          pendingFrom: household.pendingLevelFrom,
        })
        .from(household)
        .where(inArray(household.id, chunk)),
      db
        .select({
          householdId: householdFormerLevel.householdId,
          level: householdFormerLevel.level,
          until: householdFormerLevel.until,
        })
        .from(householdFormerLevel)
        .where(inArray(householdFormerLevel.householdId, chunk)),
      db
        .select({
          id: person.id,
          birthDate: person.birthDate,
          coverageStart: person.coverageStart,
          coverageEnd: person.coverageEnd,
        })
        .from(person)
        .where(inArray(person.householdId, chunk)),
    ]);
    const since = pending.map((l) => pricingHistorySince(catalog, l.careDate)).reduce((a, b) => (a < b ? a : b));
    const paid = await db
      .select(selectLine)
      .from(reimbursementLine)
      .where(
        and(
          inArray(reimbursementLine.householdId, chunk),
          isNotNull(reimbursementLine.guaranteeCategory),
          gte(reimbursementLine.careDate, since),
          sql`${reimbursementLine.amcCents} > 0`,
        ),
      );
    const byBeneficiary = new Map<string, CheckedLine[]>();
    for (const l of paid) {
      const list = byBeneficiary.get(l.beneficiaryId) ?? [];
      list.push(l);
      byBeneficiary.set(l.beneficiaryId, list);
    }
    const contractById = new Map(contracts.map((c) => [c.id, c]));
    const personById = new Map(people.map((p) => [p.id, p]));
    const results = pending.map((line) => {
      const contract = contractById.get(line.householdId);
      const who = personById.get(line.beneficiaryId);
      const others = byBeneficiary.get(line.beneficiaryId) ?? [];
      const outcome: CheckOutcome =
        others.length > maxHistoryLines
          ? {
              status: "notComputed",
              explanation: null,
              review: {
                reason: `plus de ${maxHistoryLines} lignes remboursées pour cette personne sur la période : contrôle non fait`,
              },
            }
          : contract && who
            ? checkLine(
                catalog,
                // The level in force on the care date (a change of level does not reach back).
                levelInForce(
                  contract.level,
                  formerLevels.filter((f) => f.householdId === contract.id),
                  line.careDate,
                  { level: contract.pendingLevel, from: contract.pendingFrom },
                ),
                coverageFacts(who, contract.coverageEnd),
                line,
                others,
              )
            : { status: "notComputed", explanation: null, review: { reason: "contrat ou bénéficiaire introuvable" } };
      return { id: line.id, version: line.version, ...outcome };
    });
    const written = await db.execute(sql`
      update reimbursement_line l
      set pricing_check = r.status, pricing_explanation = r.explanation, pricing_review = r.review
      from json_to_recordset(${JSON.stringify(results)}::json)
        as r(id uuid, version int4, status text, explanation jsonb, review jsonb)
      where l.id = r.id and l.version = r.version and l.pricing_check = 'pending'
      returning l.pricing_check as status`);
    const statuses = (written as { rows: { status: string }[] }).rows;
    for (const r of statuses) {
      if (r.status === "matches") summary.matching += 1;
      else if (r.status === "differs") summary.different += 1;
      else summary.notComputed += 1;
    }
    // Nothing written: every line read was corrected meanwhile; the next run (or the scheduled job) takes them.
    if (statuses.length === 0) return summary;
  }
}
