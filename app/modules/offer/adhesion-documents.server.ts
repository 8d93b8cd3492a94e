// "Pièce manquante": a gestionnaire (contracts.decide) asks the prospect of a signed adhesion for a missing or
// illegible document — the reason e-mailed with a single-use link back to the journey (the resume link's
// mechanism), the adhesion shown "Pièce demandée" in the queue "Adhésions" — and the prospect's upload sends it
// back to the queue, at its place (oldest signature first). Both audited.
import { randomBytes } from "node:crypto";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { AdvisorViewer } from "../accounts/viewer.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import type { Clock } from "../clock/index.ts";
import type { Db } from "../db/client.server.ts";
import { inTransaction } from "../db/transaction.server.ts";
import type { Mailer } from "../mail/mailer.server.ts";
import { AppError } from "../shared/app-error.ts";
import { hashToken } from "../shared/token.server.ts";
import type { KeyRing } from "../banking/iban-crypto.server.ts";
import { decideOnSignedAdhesion } from "./adhesion-decision.server.ts";
import { signedError } from "./journey.server.ts";
import { affiliationFile, affiliationJourney } from "./schema.ts";

/** How long the e-mailed link back to the journey works (once). Asking again sends a new one. */
export const documentLinkDays = 14;

/** What the gestionnaire types: the document asked for and why, sent as it is to the prospect. */
export const documentRequestSchema = z.object({
  document: z
    .string()
    .trim()
    .min(5, "Précisez la pièce demandée et pourquoi (5 caractères au moins) : ce texte est envoyé à la personne.")
    .max(1000, "La demande : 1 000 caractères au plus."),
});

/** Asks for a document: the adhesion waits for it (signed, or already waiting: a new request replaces it). */
export async function requestDocument(
  deps: { db: Db; ibanKeys: KeyRing; clock: Clock; mailer: Mailer; publicUrl: string },
  advisor: AdvisorViewer,
  id: string,
  document: string,
  ip: string,
): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  await decideOnSignedAdhesion(deps, advisor, id, ip, {
    from: ["signed", "document_requested"],
    set: {
      status: "document_requested",
      documentRequest: document,
      // The database's time, as the files' created_at it is compared with (documentSent).
      documentRequestedAt: sql`now()`,
      documentRequestedBy: advisor.userId,
      // The link hands the journey to the browser that opens it (journey-resume.server.ts, resumeJourney).
      resumeTokenHash: hashToken(token),
      resumeTokenExpiresAt: new Date(deps.clock.now().getTime() + documentLinkDays * 86_400_000),
    },
    audit: "backoffice.affiliation_document_requested",
    mail: (journey) => ({
      subject: "Votre adhésion : une pièce à nous envoyer",
      text:
        `Bonjour ${journey.identity?.firstName ?? ""},\n\n` +
        `Pour étudier votre demande d'adhésion, nous avons besoin de la pièce suivante :\n\n${document}\n\n` +
        `Envoyez-la en ouvrant ce lien (valable ${documentLinkDays} jours, une seule fois) :\n` +
        `${deps.publicUrl}/offre/adherer/reprendre?jeton=${token}\n\n` +
        `Votre adhésion reste signée : vous n'avez rien d'autre à refaire. Si le lien a expiré, répondez à ce message.\n\n` +
        `Votre mutuelle`,
    }),
  });
}

/** The prospect has joined the document asked for: the adhesion goes back to the queue. */
export async function documentSent(db: Db, journeyId: string, ip: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const [row] = await tx
      .select({ status: affiliationJourney.status, requestedAt: affiliationJourney.documentRequestedAt })
      .from(affiliationJourney)
      .where(eq(affiliationJourney.id, journeyId))
      .for("update");
    if (row?.status !== "document_requested" || !row.requestedAt) throw signedError();
    const [added] = await tx
      .select({ n: count() })
      .from(affiliationFile)
      .where(and(eq(affiliationFile.journeyId, journeyId), gt(affiliationFile.createdAt, row.requestedAt)));
    if (!added?.n) throw new AppError("no_file", "Choisissez le fichier de la pièce demandée (PDF, JPEG ou PNG).", 400);
    await tx
      .update(affiliationJourney)
      .set({ status: "signed", updatedAt: sql`now()` })
      .where(eq(affiliationJourney.id, journeyId));
    await recordAudit(tx, {
      action: "affiliation.document_added",
      outcome: "success",
      ipAddress: ip,
      details: { journeyId, files: added.n },
    });
  });
}
