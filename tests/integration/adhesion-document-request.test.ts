// "Pièce manquante" (issue 21): a gestionnaire asks the prospect of a signed adhesion for a missing or illegible
// document; the prospect gets the request and a single-use link back to the journey by e-mail, sends the file
// (a plain multipart form), and the adhesion returns to the queue "Adhésions", where it can be accepted. Audited.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { purgeAbandonedJourneys } from "../../app/modules/offer/journey-purge.server.ts";
import { affiliationFile, affiliationJourney } from "../../app/modules/offer/schema.ts";
import { attestationPdf, fillJourney, requestCode, resumeByLink, signJourney } from "../support/adhesion-journey.ts";
import { startBackOfficeCast, type BackOfficeCast } from "../support/back-office-cast.ts";
import { TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";
import { pdfText } from "../support/pdf.ts";
import { formatDate } from "../../app/modules/shared/format.ts";
import { journeyStart } from "../support/adhesion-journey.ts";
import { addDays, addMonths, addYears } from "../../app/modules/clock/calendar.ts";
import { firstOnOrAfter } from "../../app/modules/offer/previous-contract.ts";
import { today } from "../support/clock.ts";

// A start date the former contract's month of notice allows (a letter sent today ends it a month later).
const laterStart = firstOnOrAfter(addMonths(today, 1));

let cast: BackOfficeCast;
beforeAll(async () => {
  cast = await startBackOfficeCast();
}, 180_000);
afterAll(() => cast.server.close());

const text = async (res: Response) => visibleText(await res.text());
const journeyOf = async (email: string) =>
  (await cast.server.services.db.select().from(affiliationJourney).where(eq(affiliationJourney.email, email)))[0]!;
const audits = (action: string, journeyId: string) =>
  cast.server.services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), sql`${auditLog.details}->>'journeyId' = ${journeyId}`));

describe("a missing document asked from the back-office", () => {
  it("is e-mailed with a link, shown in the queue, sent by the prospect, and the adhesion returns to the queue", async () => {
    const email = "camille.piece@example.com";
    const prospect = new TestClient(cast.server.baseUrl);
    await signJourney(prospect, cast.server.dataDir, email);
    const journey = await journeyOf(email);
    const page = `/back-office/adhesions/${journey.id}`;
    const asked = "Votre attestation de droits est illisible : envoyez-la en PDF, la page entière.";

    // A conseiller cannot; the gestionnaire must say what is missing.
    expect((await cast.conseiller.post(page, { intent: "demander_piece", document: asked })).status).toBe(404);
    const empty = await cast.gestionnaire.post(page, { intent: "demander_piece", document: " " });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(visibleText(emptyHtml)).toContain("Précisez la pièce demandée et pourquoi");
    expect(emptyHtml).toContain('id="document-erreur"');
    expect((await journeyOf(email)).status).toBe("signed");

    const requested = await cast.gestionnaire.post(page, { intent: "demander_piece", document: asked });
    expect(requested.headers.get("location")).toBe("/back-office/adhesions?decision=piece");
    expect((await journeyOf(email)).status).toBe("document_requested");
    expect(await audits("backoffice.affiliation_document_requested", journey.id)).toHaveLength(1);
    const queue = await text(await cast.gestionnaire.get("/back-office/adhesions"));
    expect(queue).toMatch(/Camille Durand.*Pièce demandée/);
    expect(await text(await cast.gestionnaire.get(page))).toContain(asked);
    // Not accepted while the document is awaited.
    expect((await cast.gestionnaire.post(page, { intent: "accepter" })).status).toBe(409);

    const mail = lastMailTo(cast.server.dataDir, email);
    expect(mail.subject).toBe("Votre adhésion : une pièce à nous envoyer");
    expect(mail.text).toContain(asked);
    const link = /\/offre\/adherer\/reprendre\?jeton=[A-Za-z0-9_-]+/.exec(mail.text)![0];

    // The prospect, on another device: the link opens the journey at the upload.
    const device = new TestClient(cast.server.baseUrl);
    expect((await resumeByLink(device, link)).headers.get("location")).toBe("/offre/adherer?repris");
    const upload = await text(await device.get("/offre/adherer"));
    expect(upload).toContain("Une pièce vous est demandée");
    expect(upload).toContain(asked);
    const noFile = await device.postMultipart("/offre/adherer", { intent: "piece" }, []);
    expect(noFile.status).toBe(400);
    expect(await text(noFile)).toContain("Choisissez le fichier de la pièce demandée");
    // What was signed cannot change meanwhile.
    expect((await device.post("/offre/adherer", { intent: "niveau", level: "optimale" })).status).toBe(409);
    const sent = await device.postMultipart("/offre/adherer", { intent: "piece" }, [
      { name: "attestation-lisible.pdf", bytes: attestationPdf() },
    ]);
    expect(sent.headers.get("location")).toBe("/offre/adherer?piece");
    expect(await text(await device.get("/offre/adherer?piece"))).toContain("Merci : la pièce est envoyée");
    expect((await journeyOf(email)).status).toBe("signed");
    const files = await cast.server.services.db
      .select()
      .from(affiliationFile)
      .where(eq(affiliationFile.journeyId, journey.id));
    expect(files.map((f) => f.originalName).sort()).toEqual(["attestation-lisible.pdf", "attestation.pdf"]);
    expect(await audits("affiliation.document_added", journey.id)).toHaveLength(1);
    expect(await text(await cast.gestionnaire.get("/back-office/adhesions"))).toMatch(/Camille Durand.*À vérifier/);
    // The link served once.
    expect((await new TestClient(cast.server.baseUrl).get(link)).status).toBe(404);

    const accepted = await cast.gestionnaire.post(page, { intent: "accepter" });
    expect(accepted.headers.get("location")).toBe("/back-office/adhesions?decision=acceptee");
  });

  it("an adhesion waiting for a document can still be refused", async () => {
    const email = "camille.piece.refus@example.com";
    const prospect = new TestClient(cast.server.baseUrl);
    await signJourney(prospect, cast.server.dataDir, email);
    const journey = await journeyOf(email);
    const page = `/back-office/adhesions/${journey.id}`;
    await cast.gestionnaire.post(page, { intent: "demander_piece", document: "L'attestation de votre conjoint." });
    const refused = await cast.gestionnaire.post(page, {
      intent: "refuser",
      reason: "Aucune réponse à notre demande.",
    });
    expect(refused.headers.get("location")).toBe("/back-office/adhesions?decision=refusee");
    expect((await journeyOf(email)).status).toBe("refused");
  });

  it("an adhesion whose document never came is deleted with its files after the retention, like an abandoned one", async () => {
    const { db, storage } = cast.server.services;
    const waiting: string[] = [];
    for (const email of ["piece.jamais.venue@example.com", "piece.demandee.hier@example.com"]) {
      const prospect = new TestClient(cast.server.baseUrl);
      await signJourney(prospect, cast.server.dataDir, email);
      const journey = await journeyOf(email);
      await cast.gestionnaire.post(`/back-office/adhesions/${journey.id}`, {
        intent: "demander_piece",
        document: "Votre attestation de droits lisible.",
      });
      expect((await journeyOf(email)).status).toBe("document_requested");
      waiting.push(journey.id);
    }
    const [forgotten, recent] = waiting as [string, string];
    await db
      .update(affiliationJourney)
      .set({ updatedAt: sql`now() - interval '31 days'` })
      .where(eq(affiliationJourney.id, forgotten));
    await purgeAbandonedJourneys({ db, storage }, 30);
    expect(await db.select().from(affiliationJourney).where(eq(affiliationJourney.id, forgotten))).toHaveLength(0);
    expect(await db.select().from(affiliationFile).where(eq(affiliationFile.journeyId, forgotten))).toHaveLength(0);
    expect((await db.select().from(affiliationJourney).where(eq(affiliationJourney.id, recent)))[0]?.status).toBe(
      "document_requested",
    );
  });
});

describe("the previous contract's résiliation on the member's behalf", () => {
  it("is asked in the journey, signed, and once accepted gives the gestionnaire a letter to send and mark sent", async () => {
    const email = "camille.resiliation@example.com";
    const prospect = new TestClient(cast.server.baseUrl);
    // Asked without saying which insurer: refused beside the field.
    await prospect.post("/offre/adherer", {
      intent: "identite",
      email,
      firstName: "Camille",
      lastName: "Durand",
      birthDate: "02/09/1984",
      nir: "1 84 09 69 123 456 57",
    });
    const address = {
      intent: "adresse",
      addressLine1: "3 rue des Lilas",
      postalCode: "69003",
      city: "Lyon",
      startDate: formatDate(journeyStart),
    };
    const missing = await prospect.post("/offre/adherer", { ...address, cancelPrevious: "oui", previousInsurer: "" });
    expect(missing.status).toBe(400);
    expect(await text(missing)).toContain("Saisissez le nom de votre mutuelle ou assurance actuelle");
    const badNumber = await prospect.post("/offre/adherer", {
      ...address,
      cancelPrevious: "oui",
      previousInsurer: "Mutuelle des Lilas",
      previousContractNumber: "<a href=x>",
    });
    expect(badNumber.status).toBe(400);

    // The former contract's start date is asked: without it, or 8 months old, the résiliation cannot be asked
    // for this start (one year of membership first, then one month after receipt: L221-10-2 code de la mutualité).
    const asked = { ...address, cancelPrevious: "oui", previousInsurer: "Mutuelle des Lilas" };
    const noDate = await prospect.post("/offre/adherer", asked);
    expect(noDate.status).toBe(400);
    expect(await text(noDate)).toContain("Saisissez la date de début de votre contrat actuel au format JJ/MM/AAAA");
    const eightMonths = addMonths(today, -8);
    const young = await prospect.post("/offre/adherer", { ...asked, previousStartDate: formatDate(eightMonths) });
    expect(young.status).toBe(400);
    const youngHtml = await young.text();
    const youngText = visibleText(youngHtml);
    expect(youngText).toContain(
      `Votre contrat actuel, commencé le ${formatDate(eightMonths)}, aura un an le ${formatDate(addYears(eightMonths, 1))}`,
    );
    expect(youngText).toContain("la loi ne permet de le résilier en cours d'année qu'après un an d'adhésion");
    expect(youngText).toContain("Choisissez une date de début de votre nouveau contrat à partir du");
    expect(youngText).toContain("si la date de début de votre contrat actuel est mal saisie, corrigez-la");
    expect(youngText).toContain(
      "ou décochez la case et résiliez vous-même votre contrat actuel à sa date de renouvellement annuel",
    );
    // On the field to change, the new contract's start date: the summary's link goes there.
    expect(youngHtml).toContain('id="startDate-erreur"');
    expect(youngHtml).toContain('href="#startDate"');
    expect(youngHtml).not.toContain('id="previousStartDate-erreur"');
    // The two start dates have distinct labels, and the fieldset names its hint (a list of the two rules).
    expect(youngText).toContain("Date de début de votre nouveau contrat");
    expect(youngText).not.toContain("Date de début du contrat");
    expect(youngHtml).toMatch(/<fieldset class="field" aria-describedby="contrat-actuel-aide">/);
    expect(youngText).toContain("à sa date de renouvellement annuel");
    expect(youngText).not.toContain("échéance annuelle");
    // Over a year old, but the new contract would start before the month's notice has run.
    const oldEnough = "01/01/2020";
    if (journeyStart < addMonths(today, 1)) {
      const soon = await prospect.post("/offre/adherer", { ...asked, previousStartDate: oldEnough });
      expect(soon.status).toBe(400);
      expect(await text(soon)).toContain(
        "La résiliation de votre contrat actuel prend effet un mois après sa réception",
      );
    }

    await fillJourney(prospect, email, undefined, {
      cancelPrevious: "oui",
      previousInsurer: "Mutuelle des Lilas",
      previousContractNumber: "AB-12345",
      previousStartDate: oldEnough,
      startDate: formatDate(laterStart),
    });
    expect(await text(await prospect.get("/offre/adherer"))).toContain(
      "La mutuelle le résilie en votre nom : Mutuelle des Lilas, contrat n° AB-12345, souscrit le 01/01/2020.",
    );
    await prospect.post("/offre/adherer", {
      intent: "signer",
      code: await requestCode(prospect, cast.server.dataDir, email),
    });
    const journey = await journeyOf(email);
    expect(journey.signedDocument).toMatchObject({
      previousContractCancellation: {
        insurer: "Mutuelle des Lilas",
        contractNumber: "AB-12345",
        startDate: "2020-01-01",
      },
    });
    const page = `/back-office/adhesions/${journey.id}`;
    const letter = `${page}/resiliation.pdf`;
    expect(await text(await cast.gestionnaire.get(page))).toContain("sera disponible une fois l'adhésion acceptée");
    expect((await cast.gestionnaire.get(letter)).status).toBe(404);
    expect((await cast.gestionnaire.post(page, { intent: "resiliation_envoyee" })).status).toBe(409);

    await cast.gestionnaire.post(page, { intent: "accepter" });
    expect((await cast.conseiller.get(letter)).status).toBe(404);
    const pdf = await cast.gestionnaire.get(letter);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const words = pdfText(await pdf.arrayBuffer());
    for (const expected of [
      "Mutuelle des Lilas",
      "AB-12345",
      "L221-10-2",
      "Camille Durand",
      formatDate(laterStart),
      "le 01/01/2020",
    ])
      expect(words).toContain(expected);
    expect(await text(await cast.gestionnaire.get(page))).toContain("Marquer la lettre comme envoyée");
    const sent = await cast.gestionnaire.post(page, { intent: "resiliation_envoyee" });
    expect(sent.status).toBe(302);
    // The redirect says what was done, in a role="status" box of the résiliation section (docs/accessibility.md).
    expect(sent.headers.get("location")).toBe(`${page}?resiliation=envoyee#resiliation`);
    const confirmed = await (await cast.gestionnaire.get(sent.headers.get("location")!)).text();
    expect(confirmed).toMatch(/<div class="alert alert--info" role="status">Lettre marquée comme envoyée\.<\/div>/);
    const after = await text(await cast.gestionnaire.get(page));
    expect(after).not.toContain("Lettre marquée comme envoyée.");
    expect(after).toMatch(/Lettre envoyée le \d{2}\/\d{2}\/\d{4}/);
    expect(after).not.toContain("Marquer la lettre comme envoyée");
    expect(await audits("backoffice.affiliation_cancellation_sent", journey.id)).toHaveLength(1);
    expect((await cast.gestionnaire.post(page, { intent: "resiliation_envoyee" })).status).toBe(409);

    // The former insurer's answer: checked field by field, then recorded once, shown and audited.
    expect(after).toContain("Enregistrer la réponse de l'organisme");
    const received = formatDate(today);
    const incomplete = await cast.gestionnaire.post(page, {
      intent: "reponse_resiliation",
      answer: "accepted",
      receivedOn: received,
      lastCoveredDay: "31/02/2027",
    });
    expect(incomplete.status).toBe(400);
    const incompleteHtml = await incomplete.text();
    // The summary names the form that was sent (not the adhesion's decision); the radios are marked required.
    expect(visibleText(incompleteHtml)).toContain("La réponse n'a pas été enregistrée :");
    expect(visibleText(incompleteHtml)).not.toContain("La décision n'a pas été enregistrée");
    const radios = [...incompleteHtml.matchAll(/<input [^>]*name="answer"[^>]*>/g)].map((m) => m[0]);
    expect(radios).toHaveLength(2);
    for (const radio of radios) expect(radio).toContain('required=""');
    expect(visibleText(incompleteHtml)).toContain("Dernier jour couvert par l'ancien contrat : saisissez une date");
    expect(incompleteHtml).toContain('id="lastCoveredDay-erreur"');
    const noReason = await cast.gestionnaire.post(page, {
      intent: "reponse_resiliation",
      answer: "refused",
      receivedOn: received,
    });
    expect(noReason.status).toBe(400);
    expect(await text(noReason)).toContain("Saisissez le motif du refus donné par l'organisme");
    expect((await cast.conseiller.post(page, { intent: "reponse_resiliation", answer: "accepted" })).status).toBe(404);
    // The old contract covers the new one's first 14 days: recorded, and flagged as an overlap.
    const oldLastDay = addDays(laterStart, 13);
    const recorded = await cast.gestionnaire.post(page, {
      intent: "reponse_resiliation",
      answer: "accepted",
      receivedOn: received,
      lastCoveredDay: formatDate(oldLastDay),
    });
    expect(recorded.status).toBe(302);
    expect(recorded.headers.get("location")).toBe(`${page}?resiliation=reponse#resiliation`);
    expect(await (await cast.gestionnaire.get(recorded.headers.get("location")!)).text()).toMatch(
      /<div class="alert alert--info" role="status">Réponse de l&#x27;organisme enregistrée\.<\/div>/,
    );
    const shown = await text(await cast.gestionnaire.get(page));
    expect(shown).toContain(`Reçue le ${received}`);
    expect(shown).toContain(
      `Résiliation acceptée : dernier jour couvert par l'ancien contrat ${formatDate(oldLastDay)}`,
    );
    expect(shown).toContain(
      `Chevauchement : le nouveau contrat commence le ${formatDate(laterStart)}, avant la fin de l'ancien. La personne est couverte deux fois du ${formatDate(laterStart)} au ${formatDate(oldLastDay)} (14 jours)`,
    );
    expect(shown).not.toContain("Enregistrer la réponse de l'organisme");
    const [answerAudit, ...more] = await audits("backoffice.affiliation_cancellation_answer", journey.id);
    expect(more).toHaveLength(0);
    expect(answerAudit?.details).toMatchObject({ answer: "accepted", lastCoveredDay: oldLastDay, receivedOn: today });
    expect(answerAudit?.actorUserId).toBeTruthy();
    // Once only.
    const twice = await cast.gestionnaire.post(page, {
      intent: "reponse_resiliation",
      answer: "refused",
      receivedOn: received,
      reason: "Contrat inconnu chez nous.",
    });
    expect(twice.status).toBe(409);
  });

  it("an adhesion that did not ask for it has no letter", async () => {
    const email = "camille.sans.resiliation@example.com";
    const prospect = new TestClient(cast.server.baseUrl);
    await signJourney(prospect, cast.server.dataDir, email);
    const journey = await journeyOf(email);
    await cast.gestionnaire.post(`/back-office/adhesions/${journey.id}`, { intent: "accepter" });
    expect((await cast.gestionnaire.get(`/back-office/adhesions/${journey.id}/resiliation.pdf`)).status).toBe(404);
    expect(await text(await cast.gestionnaire.get(`/back-office/adhesions/${journey.id}`))).not.toContain(
      "Résiliation du contrat précédent",
    );
  });
});
