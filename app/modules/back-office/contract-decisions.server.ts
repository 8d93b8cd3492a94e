// What accepting a démarche that changes the contract does: a change of level, a résiliation, a beneficiary
// added or removed. Each gives the note the member reads, what is written in the decision's transaction, and
// the audit's details; decide() (decisions.server.ts) checks the handler and records the status.
import { detailsOf } from "../requests/details.ts";
import { and, eq, isNull, max, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.server.ts";
import { household, person } from "../households/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { formatDate, formatEuros } from "../shared/format.ts";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { can } from "./permissions.ts";

export interface Acceptance {
  note: string;
  effect: (tx: Db) => Promise<void>;
  details: Record<string, string | number | boolean | null>;
}

type ContractDecision = "accept_level_change" | "accept_termination" | "accept_beneficiary";

export function contractAcceptance(
  kind: ContractDecision,
  request: { kind: string; householdId: string; details: unknown },
  advisor: AdvisorViewer,
): Acceptance {
  let note: string;
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
        // Dated: the level and premium change on the effective date (job contracts.level_changes, which keeps the
        // former level for the care of the days before), not now.
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
      note = `Votre contrat et la couverture de chaque personne prennent fin le ${formatDate(end)} inclus. Vous gardez l'accès à votre espace et à vos documents.`;
      details.lastCoveredDay = end;
      effect = async (tx) => {
        await tx.update(household).set({ coverageEnd: end }).where(eq(household.id, request.householdId));
        await tx
          .update(person)
          .set({ coverageEnd: end })
          .where(
            and(
              eq(person.householdId, request.householdId),
              or(isNull(person.coverageEnd), sql`${person.coverageEnd} > ${end}`),
            ),
          );
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
