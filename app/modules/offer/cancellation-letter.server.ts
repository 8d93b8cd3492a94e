// Résiliation infra-annuelle of the previous contract on the member's behalf (loi n° 2019-733 du 14 juillet
// 2019): a prospect who asked for it in the journey (previousContract) has, once the adhesion is accepted, a
// letter the gestionnaire downloads as a tagged PDF, sends to the former insurer, and marks sent (audited).
import { and, eq, isNull, sql } from "drizzle-orm";
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
import { affiliationJourney } from "./schema.ts";

export interface CancellationFacts {
  memberName: string;
  memberAddress: string;
  birthDate: string;
  memberNumber: string;
  startDate: string;
  insurer: string;
  contractNumber: string | null;
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
    `Mon contrat${facts.contractNumber ? ` n° ${facts.contractNumber}` : ""} souscrit auprès de votre organisme a ` +
      `plus d'un an : je vous en notifie la résiliation, conformément à l'article L221-10-2 du code de la mutualité, ` +
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
