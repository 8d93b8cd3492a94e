// "Adhérer en ligne" to the end (issue 21): the people covered with their NIR checks, the attestation de droits
// through the uploads' pipeline, the IBANs and the SEPA mandate (PDF, RUM, ICS, first debits), the consents'
// exact texts, the signature by an e-mailed one-time code (hashed, single use, attempts limited, expiry); then
// the back-office queue "Adhésions" (accept: contract, people, accounts and a login whose activation link works;
// refuse: the reason e-mailed) and the purge of abandoned journeys.
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { bankAccount, household, person } from "../../app/modules/households/schema.ts";
import { purgeAbandonedJourneys } from "../../app/modules/offer/journey-purge.server.ts";
import { affiliationFile, affiliationJourney } from "../../app/modules/offer/schema.ts";
import { formatDate } from "../../app/modules/shared/format.ts";
import { startBackOfficeCast, type BackOfficeCast } from "../support/back-office-cast.ts";
import { TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo, linkParam, mailsTo } from "../support/outbox.ts";
import { pdfText } from "../support/pdf.ts";
import { storedKeys } from "../support/stored-files.ts";
import {
  attestationPdf as pdf,
  fillJourney,
  journeyNir as nir,
  journeyStart as start,
  requestCode as adhesionCode,
} from "../support/adhesion-journey.ts";

let cast: BackOfficeCast;
beforeAll(async () => {
  cast = await startBackOfficeCast();
}, 180_000);
afterAll(() => cast.server.close());

const text = async (res: Response) => visibleText(await res.text());
const requestCode = (client: TestClient, email: string) => adhesionCode(client, cast.server.dataDir, email);

const journeyOf = async (email: string) =>
  (await cast.server.services.db.select().from(affiliationJourney).where(eq(affiliationJourney.email, email)))[0]!;

describe("adhérer en ligne: from the people covered to the signature", () => {
  it("checks each step in French, keeps what was typed, and saves each step", async () => {
    const client = new TestClient(cast.server.baseUrl);
    const email = "steps@example.com";
    await client.post("/offre/adherer", {
      intent: "identite",
      email,
      firstName: "Camille",
      lastName: "Durand",
      birthDate: "02/09/1984",
      nir,
    });
    await client.post("/offre/adherer", {
      intent: "adresse",
      addressLine1: "3 rue des Lilas",
      postalCode: "69003",
      city: "Lyon",
      startDate: formatDate(start),
    });
    expect(await text(await client.get("/offre/adherer"))).toContain("Étape 3 sur 10 : Les personnes à couvrir");
    const badSpouse = await client.post("/offre/adherer", {
      intent: "ajouter_beneficiaire",
      role: "spouse",
      firstName: "Léa",
      lastName: "Durand",
      birthDate: "12/03/1986",
      nir: "2 86 03 75 111 222 52",
    });
    expect(badSpouse.status).toBe(400);
    const badHtml = await badSpouse.text();
    expect(visibleText(badHtml)).toContain("La clé (les 2 derniers chiffres) ne correspond pas au numéro");
    expect(badHtml).toContain('value="Léa"');
    // A NIR already on the contract (the subscriber's) is refused.
    const same = await client.post("/offre/adherer", {
      intent: "ajouter_beneficiaire",
      role: "spouse",
      firstName: "Hugo",
      lastName: "Durand",
      birthDate: "02/09/1984",
      nir,
    });
    expect(await text(same)).toContain("Ce numéro de sécurité sociale est déjà celui d'une autre personne du contrat.");
    await client.post("/offre/adherer", { intent: "beneficiaires" });
    const noLevel = await client.post("/offre/adherer", { intent: "niveau", level: "platine" });
    expect(noLevel.status).toBe(400);
    const levels = await text(await client.get("/offre/adherer"));
    expect(levels).toContain("Étape 4 sur 10 : Niveau de garanties");
    expect(levels).toContain("Équilibre");
    await client.post("/offre/adherer", { intent: "niveau", level: "essentielle" });
    // The attestation: a file that is not a PDF or a photo is refused; continuing without a file too.
    const refused = await client.postMultipart("/offre/adherer", { intent: "joindre" }, [
      { name: "attestation.txt", bytes: Buffer.from("pas un PDF") },
    ]);
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain("n'est ni un PDF, ni une photo JPEG ou PNG");
    const none = await client.post("/offre/adherer", { intent: "attestation" });
    expect(none.status).toBe(400);
    expect(await text(none)).toContain("Joignez votre attestation de droits");
    await client.postMultipart("/offre/adherer", { intent: "joindre" }, [{ name: "attestation.pdf", bytes: pdf() }]);
    const row = await journeyOf(email);
    const files = await cast.server.services.db
      .select()
      .from(affiliationFile)
      .where(eq(affiliationFile.journeyId, row.id));
    expect(files).toHaveLength(1);
    expect(await storedKeys(cast.server.services.storage, "adhesion/")).toContain(`adhesion/${files[0]!.storedName}`);
    await client.post("/offre/adherer", { intent: "attestation" });
    const badBank = await client.post("/offre/adherer", {
      intent: "banque",
      holderName: "Camille Durand",
      debitIban: "FR76 3000 6000 0112 3456 7890 188",
    });
    expect(badBank.status).toBe(400);
    expect(await text(badBank)).toContain("Cet IBAN contient une erreur de saisie");
    await client.post("/offre/adherer", {
      intent: "banque",
      holderName: "Camille Durand",
      debitIban: "FR76 3000 6000 0112 3456 7890 189",
    });
    const stored = await journeyOf(email);
    expect(JSON.stringify(stored.data)).not.toContain("FR7630006000011234567890189");
    expect(stored.mandateRef).toMatch(/^RUM-\d{4}-[2-9A-HJ-NP-Z]{12}$/);
    const mandate = await text(await client.get("/offre/adherer"));
    expect(mandate).toContain(stored.mandateRef!);
    expect(mandate).toContain("FR72ZZZ123456");
    expect(mandate).toContain("au moins 14 jours avant");
    const mandatePdf = await client.get("/offre/adherer/mandat.pdf");
    expect(mandatePdf.headers.get("content-type")).toBe("application/pdf");
    const pdfWords = pdfText(await mandatePdf.arrayBuffer());
    expect(pdfWords).toContain(stored.mandateRef!);
    expect(pdfWords).toContain("FR76 3000 6000 0112 3456 7890 189");
    expect(pdfWords).toContain("CORE");
    expect((await new TestClient(cast.server.baseUrl).get("/offre/adherer/mandat.pdf")).status).toBe(404);
    await client.post("/offre/adherer", { intent: "mandat" });
    const missing = await client.post("/offre/adherer", { intent: "consentements", consent_notice: "oui" });
    expect(missing.status).toBe(400);
    const missingPage = await missing.text();
    expect(visibleText(missingPage)).toContain("Cochez cette case pour pouvoir signer votre adhésion.");
    // The box ticked stays ticked on the refused page; the others stay empty.
    const checked = (name: string) =>
      new RegExp(`<input[^>]*name="${name}"[^>]*checked=""`).test(missingPage) ||
      new RegExp(`<input[^>]*checked=""[^>]*name="${name}"`).test(missingPage);
    expect(checked("consent_notice")).toBe(true);
    expect(checked("consent_distance")).toBe(false);
  });

  it("signs with the e-mailed code: single use, five tries, the summary first, and nothing changes afterwards", async () => {
    const client = new TestClient(cast.server.baseUrl);
    const email = "camille.signe@example.com";
    await fillJourney(client, email);
    const summary = await text(await client.get("/offre/adherer"));
    expect(summary).toContain("Étape 9 sur 10 : Récapitulatif et signature");
    expect(summary).toContain("18409 •••••••• 57");
    expect(summary).toContain(`à partir du ${formatDate(start)}`);
    expect(summary).toContain("Léa Durand (conjoint");
    expect(summary).toContain("Hugo Durand (enfant");
    expect(summary).toContain("attestation.pdf");
    expect(summary).toContain("DE89 **** **** **** ***0 00");
    expect(summary).toContain("pendant 14 jours calendaires révolus");
    expect((await client.post("/offre/adherer", { intent: "signer", code: "123456" })).status).toBe(400);

    const code = await requestCode(client, email);
    expect((await client.post("/offre/adherer", { intent: "envoyer_code" })).status).toBe(429);
    const row = await journeyOf(email);
    expect(row.signCodeHash).not.toContain(code);
    const wrong = code === "000000" ? "000001" : "000000";
    const first = await client.post("/offre/adherer", { intent: "signer", code: wrong });
    expect(first.status).toBe(400);
    expect(await text(first)).toContain("Ce code n'est pas le bon. Il vous reste 4 essais.");
    const signed = await client.post("/offre/adherer", { intent: "signer", code });
    expect(signed.status).toBe(302);
    const done = await journeyOf(email);
    expect(done.status).toBe("signed");
    expect(done.signCodeHash).toBeNull();
    expect(done.signedSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(done.signedDocument)).toContain("14 jours calendaires");
    // The hash can be checked again by anyone from the stored text: the exact bytes signed (UTF-8), here and in
    // SQL; the jsonb copy, whose keys PostgreSQL reorders, would not give it back.
    expect(done.signedText).toContain("14 jours calendaires");
    expect(createHash("sha256").update(done.signedText!, "utf8").digest("hex")).toBe(done.signedSha256);
    const [inSql] = await cast.server.services.db
      .select({ sha256: sql<string>`encode(sha256(convert_to(${affiliationJourney.signedText}, 'UTF8')), 'hex')` })
      .from(affiliationJourney)
      .where(eq(affiliationJourney.id, done.id));
    expect(inSql?.sha256).toBe(done.signedSha256);
    expect(JSON.parse(done.signedText!)).toEqual(done.signedDocument);
    expect(createHash("sha256").update(JSON.stringify(done.signedDocument)).digest("hex")).not.toBe(done.signedSha256);
    const [audit] = await cast.server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "affiliation.signed"), sql`${auditLog.details}->>'journeyId' = ${done.id}`));
    expect(audit?.details).toMatchObject({ sha256: done.signedSha256 });
    expect(audit?.ipAddress).toBeTruthy();
    const confirmation = lastMailTo(cast.server.dataDir, email);
    expect(confirmation.subject).toBe("Votre adhésion est signée");
    expect(confirmation.text).toContain(`Prélèvements à venir (mandat SEPA ${done.mandateRef}`);
    expect(confirmation.text).toContain(done.signedSha256!);
    const page = await text(await client.get("/offre/adherer"));
    expect(page).toContain("Votre adhésion est signée");
    // Signed: the code does not sign twice and the journey can no longer be changed.
    const again = await client.post("/offre/adherer", { intent: "signer", code });
    expect(again.status).toBe(409);
    const change = await client.post("/offre/adherer", { intent: "niveau", level: "optimale" });
    expect(change.status).toBe(409);
    expect(await text(change)).toContain("Votre adhésion est signée : elle ne peut plus être modifiée en ligne.");
  });

  it("a code sent to one address cannot sign once the address (or anything signed) was changed", async () => {
    const client = new TestClient(cast.server.baseUrl);
    const first = "camille.premiere@example.com";
    await fillJourney(client, first);
    const code = await requestCode(client, first);
    // Someone changes the address after the code went to the first one (security review R1).
    const changed = await client.post("/offre/adherer", {
      intent: "identite",
      email: "victime@example.com",
      firstName: "Camille",
      lastName: "Durand",
      birthDate: "02/09/1984",
      nir,
    });
    expect(changed.status).toBe(302);
    const refused = await client.post("/offre/adherer", { intent: "signer", code });
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain("Demandez d'abord un code");
    expect((await journeyOf("victime@example.com")).status).toBe("in_progress");
  });

  it("a code is void after five wrong tries, and after its expiry", async () => {
    const client = new TestClient(cast.server.baseUrl);
    const email = "camille.essais@example.com";
    await fillJourney(client, email);
    const code = await requestCode(client, email);
    const wrong = code === "000000" ? "000001" : "000000";
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await client.post("/offre/adherer", { intent: "signer", code: wrong })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const blocked = await client.post("/offre/adherer", { intent: "signer", code });
    expect(blocked.status).toBe(429);
    expect(await text(blocked)).toContain("Trop d'essais avec ce code : demandez-en un nouveau.");
    const row = await journeyOf(email);
    // A new code (a minute later) works again; an expired one does not.
    await cast.server.services.db
      .update(affiliationJourney)
      .set({ signCodeSentAt: new Date(row.signCodeSentAt!.getTime() - 120_000) })
      .where(eq(affiliationJourney.id, row.id));
    const fresh = await requestCode(client, email);
    await cast.server.services.db
      .update(affiliationJourney)
      .set({ signCodeExpiresAt: new Date(Date.UTC(2000, 0, 1)) })
      .where(eq(affiliationJourney.id, row.id));
    const expired = await client.post("/offre/adherer", { intent: "signer", code: fresh });
    expect(expired.status).toBe(410);
    expect(await text(expired)).toContain("Ce code a expiré : demandez-en un nouveau.");
    expect((await journeyOf(email)).status).toBe("in_progress");
  });
});

describe("signature codes per address", () => {
  it("five codes per address in a quarter of an hour, even a minute apart", async () => {
    const client = new TestClient(cast.server.baseUrl);
    const email = "camille.codes@example.com";
    await fillJourney(client, email);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const row = await journeyOf(email);
      if (row.signCodeSentAt)
        await cast.server.services.db
          .update(affiliationJourney)
          .set({ signCodeSentAt: new Date(row.signCodeSentAt.getTime() - 120_000) })
          .where(eq(affiliationJourney.id, row.id));
      const sent = await client.post("/offre/adherer", { intent: "envoyer_code" });
      statuses.push(sent.status);
      if (sent.status === 429) expect(await text(sent)).toContain("Trop de codes demandés pour cette adresse.");
    }
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429]);
    expect(mailsTo(cast.server.dataDir, email)).toHaveLength(5);
  });
});

describe("back-office « Adhésions »", () => {
  it("a gestionnaire reviews and accepts: contract, people, accounts and a login the new member activates", async () => {
    const client = new TestClient(cast.server.baseUrl);
    const email = "camille.acceptee@example.com";
    await fillJourney(client, email);
    await client.post("/offre/adherer", { intent: "signer", code: await requestCode(client, email) });
    const journey = await journeyOf(email);

    // A conseiller (no contracts.decide) does not see the queue.
    expect((await cast.conseiller.get("/back-office/adhesions")).status).toBe(404);
    const queue = await text(await cast.gestionnaire.get("/back-office/adhesions"));
    expect(queue).toContain("Camille Durand");
    const review = await cast.gestionnaire.get(`/back-office/adhesions/${journey.id}`);
    const reviewText = await text(review);
    expect(reviewText).toContain("184096912345657");
    const [viewed] = await cast.server.services.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "backoffice.affiliation_viewed"),
          sql`${auditLog.details}->>'journeyId' = ${journey.id}`,
        ),
      );
    expect(viewed?.actorUserId).toBeTruthy();
    expect(reviewText).toContain("FR76 3000 6000 0112 3456 7890 189");
    expect(reviewText).toMatch(/Léa Durand\s*,\s*conjoint/);
    const [file] = await cast.server.services.db
      .select()
      .from(affiliationFile)
      .where(eq(affiliationFile.journeyId, journey.id));
    const download = await cast.gestionnaire.get(`/back-office/adhesions/${journey.id}/fichiers/${file!.id}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf())).toBe(true);

    const accepted = await cast.gestionnaire.post(`/back-office/adhesions/${journey.id}`, { intent: "accepter" });
    expect(accepted.headers.get("location")).toBe("/back-office/adhesions?decision=acceptee");
    const after = await journeyOf(email);
    expect(after.status).toBe("accepted");
    const [home] = await cast.server.services.db.select().from(household).where(eq(household.id, after.householdId!));
    expect(home).toMatchObject({
      coverageLevel: "Équilibre",
      coverageStart: start,
      sepaMandateRef: journey.mandateRef,
    });
    expect(home!.memberNumber).toMatch(/^\d{8}$/);
    const people = await cast.server.services.db.select().from(person).where(eq(person.householdId, home!.id));
    expect(people.map((p) => `${p.role} ${p.firstName}`).sort()).toEqual([
      "child Hugo",
      "member Camille",
      "spouse Léa",
    ]);
    const accounts = await cast.server.services.db
      .select()
      .from(bankAccount)
      .where(eq(bankAccount.householdId, home!.id));
    expect(accounts.map((a) => a.ibanMasked).sort()).toEqual([
      "DE89 **** **** **** ***0 00",
      "FR76 **** **** **** **** **** 189",
    ]);
    // Deciding twice is refused.
    expect((await cast.gestionnaire.post(`/back-office/adhesions/${journey.id}`, { intent: "accepter" })).status).toBe(
      409,
    );

    const welcome = lastMailTo(cast.server.dataDir, email);
    expect(welcome.subject).toBe("Bienvenue : activez votre espace adhérent");
    expect(welcome.text).toContain(home!.memberNumber);
    const token = linkParam(welcome, "jeton");
    const visitor = new TestClient(cast.server.baseUrl);
    const chosen = await visitor.post("/activer-mon-adhesion", {
      jeton: token,
      newPassword: "ma toute nouvelle mutuelle",
      confirmPassword: "ma toute nouvelle mutuelle",
    });
    expect(chosen.headers.get("location")).toBe("/connexion?espace-active=1");
    const member = new TestClient(cast.server.baseUrl);
    expect((await member.signIn(home!.memberNumber, "ma toute nouvelle mutuelle")).status).toBe(302);
    const space = await member.get("/ma-mutuelle");
    expect(space.status).toBe(200);
    expect(await text(space)).toContain("Équilibre");
  });

  it("a refusal records the reason and e-mails it", async () => {
    const client = new TestClient(cast.server.baseUrl);
    const email = "camille.refusee@example.com";
    await fillJourney(client, email);
    await client.post("/offre/adherer", { intent: "signer", code: await requestCode(client, email) });
    const journey = await journeyOf(email);
    const noReason = await cast.gestionnaire.post(`/back-office/adhesions/${journey.id}`, {
      intent: "refuser",
      reason: "",
    });
    expect(noReason.status).toBe(400);
    expect(await text(noReason)).toContain("Saisissez le motif du refus");
    const refused = await cast.gestionnaire.post(`/back-office/adhesions/${journey.id}`, {
      intent: "refuser",
      reason: "L'attestation de droits est illisible.",
    });
    expect(refused.headers.get("location")).toBe("/back-office/adhesions?decision=refusee");
    expect((await journeyOf(email)).status).toBe("refused");
    const mail = lastMailTo(cast.server.dataDir, email);
    expect(mail.subject).toBe("Votre demande d'adhésion");
    expect(mail.text).toContain("L'attestation de droits est illisible.");
  });
});

describe("purge of abandoned journeys", () => {
  it("deletes journeys left unsigned (and refused ones) past the retention, with their files; signed ones stay", async () => {
    const { db, storage } = cast.server.services;
    const abandoned = new TestClient(cast.server.baseUrl);
    await fillJourney(abandoned, "abandon@example.com");
    const recent = new TestClient(cast.server.baseUrl);
    await fillJourney(recent, "recent@example.com");
    const signedClient = new TestClient(cast.server.baseUrl);
    await fillJourney(signedClient, "signee.ancienne@example.com");
    await signedClient.post("/offre/adherer", {
      intent: "signer",
      code: await requestCode(signedClient, "signee.ancienne@example.com"),
    });
    const old = await journeyOf("abandon@example.com");
    const [oldFile] = await db.select().from(affiliationFile).where(eq(affiliationFile.journeyId, old.id));
    for (const address of ["abandon@example.com", "signee.ancienne@example.com"])
      await db
        .update(affiliationJourney)
        .set({ updatedAt: sql`now() - interval '31 days'` })
        .where(eq(affiliationJourney.email, address));
    const result = await purgeAbandonedJourneys({ db, storage }, 30);
    expect(result.journeys).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(affiliationJourney).where(eq(affiliationJourney.id, old.id))).toHaveLength(0);
    expect(await db.select().from(affiliationFile).where(eq(affiliationFile.journeyId, old.id))).toHaveLength(0);
    expect(await storedKeys(storage, "adhesion/")).not.toContain(`adhesion/${oldFile!.storedName}`);
    expect((await journeyOf("recent@example.com")).status).toBe("in_progress");
    expect((await journeyOf("signee.ancienne@example.com")).status).toBe("signed");
    // The abandoned browser starts again from the first step.
    expect(await text(await abandoned.get("/offre/adherer"))).toContain("Étape 1 sur 10");
    expect(mailsTo(cast.server.dataDir, "abandon@example.com")).toHaveLength(0);
  });
});
