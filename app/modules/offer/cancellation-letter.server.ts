// Résiliation infra-annuelle of the previous contract on the member's behalf (loi n° 2019-733 du 14 juillet
// 2019): a prospect who asked for it in the journey (previousContract) has, once the adhesion is accepted, a
// letter the gestionnaire downloads as a tagged PDF, sends to the former insurer, and marks sent (audited).
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { createPdf, font, pdfText, tag } from "../documents/pdf.server.ts";
import { household } from "../households/schema.ts";
import { AppError } from "../shared/app-error.ts";
import { formatDate } from "../shared/format.ts";
import { uuidPattern } from "../shared/iso-date.ts";
import type { Stored } from "./journey.server.ts";
import { normaliseDate } from "./quote-form.ts";
import type { InsurerAnswer } from "./previous-contract.ts";
import { isCalendarDate } from "../shared/iso-date.ts";
import { addYears } from "../clock/calendar.ts";
import { affiliationJourney } from "./schema.ts";

export interface CancellationFacts {
  memberName: string;
  memberAddress: string;
  birthDate: string;
  memberNumber: string;
  startDate: string;
  insurer: string;
  contractNumber: string | null;
  /** The day the former contract began, when the journey asked it. */
  previousStart: string | null;
  /** The mutuelle acting on the member's behalf. */
  mutuelle: { name: string; address: string };
  /** The day the letter is written. */
  writtenOn: string;
}

/** The facts of an accepted adhesion's résiliation letter, or null (none asked, or not accepted). */
export async function cancellationLetterOf(
  { db, clock }: { db: Db; clock: Clock },
  mutuelle: CancellationFacts["mutuelle"],
  id: string,
): Promise<(CancellationFacts & { sentAt: Date | null }) | null> {
  if (!uuidPattern.test(id)) return null;
  const [row] = await db
    .select({
      data: affiliationJourney.data,
      sentAt: affiliationJourney.cancellationSentAt,
      memberNumber: household.memberNumber,
    })
    .from(affiliationJourney)
    .innerJoin(household, eq(household.id, affiliationJourney.householdId))
    .where(and(eq(affiliationJourney.id, id), eq(affiliationJourney.status, "accepted")));
  const data = row?.data as Stored | undefined;
  if (!row || !data?.previousContract || !data.identity || !data.address) return null;
  return {
    memberName: `${data.identity.firstName} ${data.identity.lastName}`,
    memberAddress: `${data.address.addressLine1}, ${data.address.postalCode} ${data.address.city}`,
    birthDate: data.identity.birthDate,
    memberNumber: row.memberNumber,
    startDate: data.address.startDate,
    insurer: data.previousContract.insurer,
    contractNumber: data.previousContract.contractNumber,
    previousStart: data.previousContract.startDate ?? null,
    mutuelle,
    writtenOn: clock.today(),
    sentAt: row.sentAt,
  };
}

export async function renderCancellationLetter(facts: CancellationFacts): Promise<Buffer> {
  const title = "Résiliation d'un contrat de complémentaire santé";
  const { doc, done, root } = await createPdf({ title, author: facts.mutuelle.name });
  const line = (text: string) => tag(doc, root, "P", () => doc.text(pdfText(text)));
  doc.font(font.body).fontSize(10);
  line(`${facts.memberName}\n${facts.memberAddress}`);
  line(`représenté(e) par ${facts.mutuelle.name}, ${facts.mutuelle.address}`);
  doc.moveDown();
  line(`À l'attention de : ${facts.insurer}, service résiliations`);
  doc.moveDown();
  tag(doc, root, "H1", () =>
    doc
      .font(font.bold)
      .fontSize(12)
      .text(
        pdfText(
          `Objet : résiliation de mon contrat${facts.contractNumber ? ` n° ${facts.contractNumber}` : ""} (résiliation infra-annuelle)`,
        ),
      ),
  );
  doc.font(font.body).fontSize(10).moveDown(0.5);
  line("Madame, Monsieur,");
  line(
    `J'ai adhéré à ${facts.mutuelle.name} (adhérent n° ${facts.memberNumber}), qui me couvre à compter du ` +
      `${formatDate(facts.startDate)} et qui vous adresse cette lettre en mon nom, à ma demande.`,
  );
  line(
    `Mon contrat${facts.contractNumber ? ` n° ${facts.contractNumber}` : ""} souscrit auprès de votre organisme` +
      `${facts.previousStart ? ` le ${formatDate(facts.previousStart)}` : ""} a plus d'un an : je vous en notifie la résiliation, conformément à l'article L221-10-2 du code de la mutualité, ` +
      "à l'article L113-15-2 du code des assurances ou à l'article L932-12-2 du code de la sécurité sociale, selon " +
      "votre organisme (loi n° 2019-733 du 14 juillet 2019). La résiliation prend effet un mois après la réception " +
      "de cette notification, sans frais ni pénalités.",
  );
  line(
    "Je vous remercie de me rembourser la part de cotisation correspondant à la période postérieure à cette date, " +
      "et de m'adresser la confirmation de la résiliation et de sa date d'effet.",
  );
  line(`Pour m'identifier : ${facts.memberName}, né(e) le ${formatDate(facts.birthDate)}.`);
  doc.moveDown();
  line(`Fait le ${formatDate(facts.writtenOn)}, pour ${facts.memberName}, par ${facts.mutuelle.name}.`);
  root.end();
  doc.end();
  return done;
}

/** The gestionnaire sent the letter: recorded once (409 if already, 404 if there is no letter). */
export async function markCancellationSent(
  { db, clock }: { db: Db; clock: Clock },
  advisor: AdvisorViewer,
  id: string,
  ip: string,
): Promise<void> {
  if (!uuidPattern.test(id)) throw new AppError("not_found", "Adhésion introuvable.", 404);
  const updated = await db
    .update(affiliationJourney)
    .set({ cancellationSentAt: clock.now(), cancellationSentBy: advisor.userId, updatedAt: sql`now()` })
    .where(
      and(
        eq(affiliationJourney.id, id),
        eq(affiliationJourney.status, "accepted"),
        sql`${affiliationJourney.data} ? 'previousContract'`,
        sql`${affiliationJourney.data}->'previousContract' <> 'null'::jsonb`,
        isNull(affiliationJourney.cancellationSentAt),
      ),
    )
    .returning({ householdId: affiliationJourney.householdId });
  if (updated.length === 0)
    throw new AppError("cancellation", "Pas de lettre de résiliation à marquer envoyée pour cette adhésion.", 409);
  await recordAudit(db, {
    action: "backoffice.affiliation_cancellation_sent",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: updated[0]!.householdId,
    ipAddress: ip,
    details: { journeyId: id },
  });
}

/**
 * The former insurer's answer as the gestionnaire types it: the day it came (between the letter's sending and
 * today), then the former contract's last covered day, or the refusal's reason.
 */
export function insurerAnswerSchema(today: string, sentOn: string) {
  const day = (what: string) =>
    z
      .string()
      .default("")
      .transform(normaliseDate)
      .refine(isCalendarDate, `${what} : saisissez une date au format JJ/MM/AAAA, par exemple 15/01/2027.`);
  return z
    .object({
      answer: z.enum(
        ["accepted", "refused"],
        "Choisissez la réponse de l'organisme : résiliation acceptée ou refusée.",
      ),
      receivedOn: day("Date de réception de la réponse")
        .refine(
          (v) => v >= sentOn,
          `La réponse ne peut pas être arrivée avant l'envoi de la lettre (${formatDate(sentOn)}).`,
        )
        .refine((v) => v <= today, "La date de réception ne peut pas être dans le futur."),
      lastCoveredDay: z.string().default("").transform(normaliseDate),
      reason: z.string().trim().max(1000, "Le motif : 1 000 caractères au plus.").default(""),
    })
    .superRefine((v, ctx) => {
      if (v.answer === "accepted") {
        if (!isCalendarDate(v.lastCoveredDay))
          ctx.addIssue({
            code: "custom",
            path: ["lastCoveredDay"],
            message:
              "Dernier jour couvert par l'ancien contrat : saisissez une date au format JJ/MM/AAAA, par exemple 31/01/2027.",
          });
        else if (v.lastCoveredDay < sentOn || v.lastCoveredDay > addYears(today, 2))
          ctx.addIssue({
            code: "custom",
            path: ["lastCoveredDay"],
            message: "Ce dernier jour couvert n'est pas plausible : entre l'envoi de la lettre et deux ans plus tard.",
          });
      } else if (v.reason.length < 5)
        ctx.addIssue({
          code: "custom",
          path: ["reason"],
          message: "Saisissez le motif du refus donné par l'organisme (5 caractères au moins).",
        });
    })
    .transform((v): InsurerAnswer =>
      v.answer === "accepted"
        ? { kind: "accepted", receivedOn: v.receivedOn, lastCoveredDay: v.lastCoveredDay }
        : { kind: "refused", receivedOn: v.receivedOn, reason: v.reason },
    );
}

/** The day the letter was marked sent (Paris), or null when it was not (or there is no letter). */
export async function cancellationSentOn({ db, clock }: { db: Db; clock: Clock }, id: string): Promise<string | null> {
  if (!uuidPattern.test(id)) return null;
  const [row] = await db
    .select({ sentAt: affiliationJourney.cancellationSentAt })
    .from(affiliationJourney)
    .where(eq(affiliationJourney.id, id));
  return row?.sentAt ? clock.dateOf(row.sentAt) : null;
}

/** Records the former insurer's answer, once, after the letter was sent (409 otherwise); audited. */
export async function recordInsurerAnswer(
  { db }: { db: Db },
  advisor: AdvisorViewer,
  id: string,
  answer: InsurerAnswer,
  ip: string,
): Promise<void> {
  if (!uuidPattern.test(id)) throw new AppError("not_found", "Adhésion introuvable.", 404);
  const updated = await db
    .update(affiliationJourney)
    .set({
      cancellationAnswerOn: answer.receivedOn,
      cancellationOldLastDay: answer.kind === "accepted" ? answer.lastCoveredDay : null,
      cancellationRefusal: answer.kind === "refused" ? answer.reason : null,
      cancellationAnswerBy: advisor.userId,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(affiliationJourney.id, id),
        eq(affiliationJourney.status, "accepted"),
        isNotNull(affiliationJourney.cancellationSentAt),
        isNull(affiliationJourney.cancellationAnswerOn),
      ),
    )
    .returning({ householdId: affiliationJourney.householdId });
  if (updated.length === 0)
    throw new AppError(
      "cancellation",
      "La réponse de l'organisme s'enregistre une fois, après l'envoi de la lettre : rien n'a été changé.",
      409,
    );
  await recordAudit(db, {
    action: "backoffice.affiliation_cancellation_answer",
    outcome: "success",
    actorUserId: advisor.userId,
    householdId: updated[0]!.householdId,
    ipAddress: ip,
    details:
      answer.kind === "accepted"
        ? { journeyId: id, answer: "accepted", receivedOn: answer.receivedOn, lastCoveredDay: answer.lastCoveredDay }
        : { journeyId: id, answer: "refused", receivedOn: answer.receivedOn },
  });
}
