// « Résilier mon contrat »: what a résiliation asked today would end and when, and the démarche it files. Scoped by
// the viewer's household like the rest of the member's offer (member-offer.server.ts); the back-office decides.
import { openRequestStatuses } from "../requests/kinds.ts";
import { detailsOf, type TerminationDetails } from "../requests/details.ts";
import { and, eq, inArray, sql } from "drizzle-orm";
import { addDays } from "../clock/calendar.ts";
import type { MemberViewer } from "../accounts/viewer.server.ts";
import { user } from "../accounts/schema.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { newReference } from "../requests/reference.ts";
import { memberRequest, requestEvent } from "../requests/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { formatDate } from "../shared/format.ts";
import { terminationDates, terminationReasons } from "./termination.ts";
import { coveredDaysText, monthDue, premiumPeriods } from "../documents/premium-schedule.ts";
import { inTransaction } from "../db/transaction.server.ts";
import { type Deps, openContractRequests, readContract } from "./member-offer.server.ts";

/** What a résiliation asked today would end, and when. */
export async function previewTermination(deps: Deps, viewer: MemberViewer) {
  const today = deps.clock.today();
  const { home, people } = await readContract(deps.db, viewer, today);
  const open = await openContractRequests(deps.db, viewer);
  const pending = open.find((r) => r.kind === "termination");
  const dates = terminationDates(today, home.coverageStart);
  const end = dates.lastCoveredDay;
  // An accepted change dated after the last covered day never applies; one on or before it does.
  const changeApplies = home.pendingFrom !== null && home.pendingFrom <= end && home.pendingPremium !== null;
  const partial = addDays(end, 1).slice(8) !== "01";
  const lastMonthCents = partial
    ? monthDue(
        {
          debitDay: 1,
          coverageStart: home.coverageStart,
          coverageEnd: end,
          premiums: premiumPeriods({
            coverageStart: home.coverageStart,
            currentCents: home.premiumMonthlyCents,
            former: [],
            pending: changeApplies ? { from: home.pendingFrom!, monthlyCents: home.pendingPremium! } : null,
          }),
        },
        end.slice(0, 7),
      )
    : null;
  return {
    memberNumber: home.memberNumber,
    levelLabel: home.coverageLevel,
    premiumMonthlyCents: home.premiumMonthlyCents,
    coverageEnd: home.coverageEnd,
    people: people.map((p) => `${p.firstName} ${p.lastName}`),
    dates,
    /** What the month of the last covered day costs, pro rata by days, or null when it is covered whole. */
    lastMonthCents,
    /** Its days covered, in words ("14 jours sur 31"), or null when it is covered whole. */
    lastMonthDays: partial ? coveredDaysText(home.coverageStart, end) : null,
    /** A change of level waiting for its decision: the résiliation closes it. */
    openLevelChange: open.find((r) => r.kind === "level_change")?.reference ?? null,
    /** A change of level accepted for a date after the last covered day: it will not take place. */
    droppedLevelChange:
      home.pendingLevel && home.pendingFrom && !changeApplies
        ? { toLabel: home.pendingLevel, effectiveDate: home.pendingFrom }
        : null,
    pending: pending ? { reference: pending.reference, ...detailsOf("termination", pending.details) } : null,
  };
}

/**
 * The résiliation: a démarche, and at once the acknowledgement the law asks for (L221-10-3: the mutuelle
 * confirms receipt on a durable medium, with the date the résiliation takes effect), by e-mail.
 */
export async function requestTermination(
  deps: Deps & { mailer: Mailer },
  viewer: MemberViewer,
  reason: keyof typeof terminationReasons | null,
  ip: string,
): Promise<string> {
  const preview = await previewTermination(deps, viewer);
  if (preview.coverageEnd) throw new AppError("ended", "Votre contrat a déjà une date de fin.", 409);
  if (preview.pending)
    throw new AppError("pending", `Votre résiliation est déjà enregistrée (${preview.pending.reference}).`, 409);
  const dates = preview.dates;
  const details: TerminationDetails = { ...dates, reason: reason ? terminationReasons[reason] : null };
  const reference = newReference("RES", Number(dates.notifiedOn.slice(0, 4)));
  // A change of level still waiting for its decision is closed, not an obstacle: the résiliation is the member's
  // right at any time (L221-10-2, three clicks by L221-10-3) and the level of a contract that ends is moot.
  const closedNote =
    `Demande close : vous avez demandé la résiliation de votre contrat (${reference}), qui prend effet le ` +
    `${formatDate(dates.takesEffect)}. Votre niveau ne change pas d'ici là.`;
  const closed = await inTransaction(deps.db, async (tx) => {
    const changes = await tx
      .update(memberRequest)
      .set({ status: "cancelled", updatedAt: sql`now()` })
      .where(
        and(
          eq(memberRequest.householdId, viewer.householdId),
          eq(memberRequest.kind, "level_change"),
          inArray(memberRequest.status, [...openRequestStatuses]),
        ),
      )
      .returning({ id: memberRequest.id, reference: memberRequest.reference });
    for (const change of changes)
      await tx.insert(requestEvent).values({ requestId: change.id, status: "cancelled", note: closedNote });
    const [request] = await tx
      .insert(memberRequest)
      .values({
        reference,
        householdId: viewer.householdId,
        kind: "termination",
        subject: `Résiliation : dernier jour couvert le ${formatDate(dates.lastCoveredDay)}`,
        careDate: dates.takesEffect,
        details,
      })
      .returning({ id: memberRequest.id });
    await tx.insert(requestEvent).values({
      requestId: request!.id,
      status: "submitted",
      note: `Résiliation reçue le ${formatDate(dates.notifiedOn)}, effet le ${formatDate(dates.takesEffect)}.`,
    });
    return changes.map((c) => c.reference);
  });
  await recordAudit(deps.db, {
    action: "contract.termination_requested",
    outcome: "success",
    actorUserId: viewer.userId,
    householdId: viewer.householdId,
    ipAddress: ip,
    details: { reference, takesEffect: dates.takesEffect, closedLevelChanges: closed.join(",") || null },
  });
  const [member] = await deps.db.select({ email: user.email }).from(user).where(eq(user.id, viewer.userId));
  if (member)
    await deps.mailer.send({
      to: member.email,
      subject: `Accusé de réception de votre résiliation ${reference}`,
      text:
        `Bonjour ${viewer.firstName},\n\n` +
        `Nous avons bien reçu le ${formatDate(dates.notifiedOn)} votre demande de résiliation de votre contrat santé ` +
        `(adhérent n° ${preview.memberNumber}, niveau ${preview.levelLabel}).\n\n` +
        `La résiliation prend effet le ${formatDate(dates.takesEffect)} : vous et les personnes couvertes restez ` +
        `couverts jusqu'au ${formatDate(dates.lastCoveredDay)} inclus. Les cotisations s'arrêtent à cette date : ` +
        `celle du dernier mois est due en proportion des jours couverts, et ce qui a été payé au-delà vous est ` +
        `remboursé dans les 30 jours suivant la date d'effet (article L221-10-2 du code de la mutualité).\n\n` +
        (closed.length > 0
          ? `Votre demande de changement de niveau ${closed.join(", ")} est close : votre niveau ne change pas ` +
            `d'ici là.\n\n`
          : "") +
        `Vous gardez l'accès à votre espace adhérent et à vos documents. Les soins reçus jusqu'au ` +
        `${formatDate(dates.lastCoveredDay)} restent remboursés.\n\n` +
        `Référence de la démarche : ${reference}. Cet e-mail vaut accusé de réception ` +
        `(article L221-10-3 du code de la mutualité).\n\nVotre mutuelle`,
    });
  return reference;
}
