// What accepting a démarche that changes the contract does: a change of level, a résiliation, a beneficiary
// added or removed. Each gives the note the member reads, what is written in the decision's transaction, and
// the audit's details; decide() (decisions.server.ts) checks the handler and records the status.
import { detailsOf } from "../requests/details.ts";
import { and, desc, eq, isNull, max, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { household, person } from "../households/schema.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { formatDate, formatEuros } from "../shared/format.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { can } from "./permissions.ts";
import { coveredDaysText, monthDue, premiumPeriods } from "../documents/premium-schedule.ts";
import { addDays } from "../clock/calendar.ts";

export interface Acceptance {
  /** A function for a note read in the decision's transaction (requests/status.server.ts). */
  note: string | ((tx: Db) => Promise<string>);
  effect: (tx: Db) => Promise<void>;
  details: Record<string, string | number | boolean | null>;
}

type ContractDecision = "accept_level_change" | "accept_termination" | "accept_beneficiary";

export function contractAcceptance(
  kind: ContractDecision,
  request: { kind: string; householdId: string; details: unknown },
  advisor: AdvisorViewer,
): Acceptance {
  let note: Acceptance["note"];
  let effect: (tx: Db) => Promise<void>;
  const details: Acceptance["details"] = {};
  switch (kind) {
    case "accept_level_change": {
      if (request.kind !== "level_change") throw new AppError("kind", "Ce n'est pas un changement de niveau.", 400);
      const change = detailsOf("level_change", request.details);
      note = `Niveau ${change.toLabel} à partir du ${formatDate(change.effectiveDate)}, cotisation de ${formatEuros(change.monthlyCents)} par mois.`;
      details.toLevel = change.toLevel;
      details.effectiveDate = change.effectiveDate;
      effect = async (tx) => {
        // A contract with an end date (a résiliation accepted) changes level no more: the change would apply to
        // days it does not cover, or to its last weeks only. Read locked, so a résiliation accepted at the same
        // time waits for this one, and this one sees it.
        const [home] = await tx
          .select({ end: household.coverageEnd })
          .from(household)
          .where(eq(household.id, request.householdId))
          .for("update");
        if (home?.end)
          throw new AppError(
            "ended",
            `Ce contrat prend fin le ${formatDate(home.end)} : son niveau ne peut plus changer. Refusez la demande en indiquant ce motif.`,
            409,
          );
        // Dated: the level and premium change on the effective date (job contracts.level_changes, which keeps the
        // former level and its premium for the days before), not now.
        await tx
          .update(household)
          .set({
            pendingCoverageLevel: change.toLabel,
            pendingPremiumMonthlyCents: change.monthlyCents,
            pendingLevelFrom: change.effectiveDate,
          })
          .where(eq(household.id, request.householdId));
      };
      break;
    }
    case "accept_termination": {
      if (request.kind !== "termination") throw new AppError("kind", "Ce n'est pas une résiliation.", 400);
      const end = detailsOf("termination", request.details).lastCoveredDay;
      details.lastCoveredDay = end;
      // What the note says (the pro-rata amount, a change of level cancelled) is read with the household row
      // locked, in the decision's transaction: a change of level accepted at the same moment waits for this
      // résiliation (accept_level_change locks the row too) and then finds the contract ended.
      let cancelled: { level: string | null; from: string } | null = null;
      note = async (tx) => {
        const [home] = await tx
          .select({
            coverageStart: household.coverageStart,
            premium: household.premiumMonthlyCents,
            pendingLevel: household.pendingCoverageLevel,
            pendingFrom: household.pendingLevelFrom,
            pendingPremium: household.pendingPremiumMonthlyCents,
          })
          .from(household)
          .where(eq(household.id, request.householdId))
          .for("update");
        // A change of level accepted for a date after the last covered day never applies: it is cancelled. One
        // dated on or before it stays (it is the contract of those days).
        cancelled =
          home?.pendingFrom && home.pendingFrom > end ? { level: home.pendingLevel, from: home.pendingFrom } : null;
        // The last month, pro rata temporis (art. L221-10-2 code de la mutualité; documents/premium-schedule.ts).
        const partial = addDays(end, 1).slice(8) !== "01";
        const lastMonth =
          home && partial
            ? monthDue(
                {
                  debitDay: 1,
                  coverageStart: home.coverageStart,
                  coverageEnd: end,
                  premiums: premiumPeriods({
                    coverageStart: home.coverageStart,
                    currentCents: home.premium,
                    former: [],
                    pending:
                      !cancelled && home.pendingFrom && home.pendingPremium !== null
                        ? { from: home.pendingFrom, monthlyCents: home.pendingPremium }
                        : null,
                  }),
                },
                end.slice(0, 7),
              )
            : null;
        if (cancelled) details.cancelledLevelChange = cancelled.from;
        return (
          `Votre contrat et la couverture de chaque personne prennent fin le ${formatDate(end)} inclus. ` +
          (lastMonth !== null
            ? `La cotisation de ce dernier mois est due en proportion des jours couverts (${coveredDaysText(home!.coverageStart, end)}) : ${formatEuros(lastMonth)} ; ce qui a été payé au-delà vous est remboursé dans les 30 jours. `
            : "") +
          (cancelled
            ? `Le passage au niveau ${cancelled.level} prévu le ${formatDate(cancelled.from)} est annulé. `
            : "") +
          "Vous gardez l'accès à votre espace et à vos documents."
        );
      };
      effect = async (tx) => {
        await tx.update(household).set({ coverageEnd: end }).where(eq(household.id, request.householdId));
        await tx
          .update(household)
          .set({ pendingCoverageLevel: null, pendingPremiumMonthlyCents: null, pendingLevelFrom: null })
          .where(and(eq(household.id, request.householdId), sql`${household.pendingLevelFrom} > ${end}`));
        await tx
          .update(person)
          .set({ coverageEnd: end })
          .where(
            and(
              eq(person.householdId, request.householdId),
              or(isNull(person.coverageEnd), sql`${person.coverageEnd} > ${end}`),
            ),
          );
        // The accepted démarche of the change cancelled is closed with its own event: the member reads there
        // that the change will not apply.
        const gone = cancelled;
        if (gone) {
          const [change] = await tx
            .select({ id: memberRequest.id })
            .from(memberRequest)
            .where(
              and(
                eq(memberRequest.householdId, request.householdId),
                eq(memberRequest.kind, "level_change"),
                eq(memberRequest.status, "accepted"),
                sql`${memberRequest.details}->>'effectiveDate' = ${gone.from}`,
              ),
            )
            .orderBy(desc(memberRequest.updatedAt))
            .limit(1);
          if (change) {
            await tx
              .update(memberRequest)
              .set({ status: "cancelled", updatedAt: sql`now()` })
              .where(and(eq(memberRequest.id, change.id), eq(memberRequest.householdId, request.householdId)));
            await tx.insert(requestEvent).values({
              requestId: change.id,
              status: "cancelled",
              note:
                `Le passage au niveau ${gone.level} prévu le ${formatDate(gone.from)} ne s'appliquera pas : ` +
                `votre contrat prend fin avant, le ${formatDate(end)} inclus (résiliation acceptée).`,
            });
          }
        }
      };
      break;
    }
    case "accept_beneficiary": {
      if (request.kind !== "beneficiary") throw new AppError("kind", "Ce n'est pas une demande de bénéficiaire.", 400);
      if (!can(advisor.role, "beneficiaries.decide"))
        throw new AppError("forbidden", "Seul un gestionnaire peut accepter un changement de bénéficiaires.", 403);
      const change = detailsOf("beneficiary", request.details);
      if (change.action === "add") {
        note = `La couverture de ${change.firstName} commence le ${change.startDate.split("-").reverse().join("/")}.`;
        effect = async (tx) => {
          // The household row locked: two acceptances in one household number their people one after the other.
          const [home] = await tx
            .select({ memberNumber: household.memberNumber })
            .from(household)
            .where(eq(household.id, request.householdId))
            .for("update");
          const [{ last } = { last: null }] = await tx
            .select({ last: max(sql<number>`nullif(split_part(${person.externalRef}, '-', 2), '')::int`) })
            .from(person)
            .where(eq(person.householdId, request.householdId));
          const n = Number(last ?? 0);
          await tx.insert(person).values({
            householdId: request.householdId,
            role: change.relationship,
            externalRef: `${home!.memberNumber}-${String(n + 1).padStart(2, "0")}`,
            firstName: change.firstName,
            lastName: change.lastName,
            birthDate: change.birthDate,
            coverageStart: change.startDate,
          });
        };
      } else {
        note = `La couverture de ${change.firstName} continue jusqu'au ${change.endDate.split("-").reverse().join("/")} inclus.`;
        effect = async (tx) => {
          await tx
            .update(person)
            .set({ coverageEnd: change.endDate })
            .where(and(eq(person.id, change.personId), eq(person.householdId, request.householdId)));
        };
      }
      break;
    }
  }
  return { note, effect, details };
}
