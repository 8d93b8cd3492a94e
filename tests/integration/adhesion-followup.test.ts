// "Adhérer en ligne", after the signature (issue 21's remainders): the new member's activation page speaks of a
// first password and of the link's real lifetime; "Démarche commerciale à finaliser" hands a journey only to the
// member it names (security review R6); names in a journey cannot carry links into e-mails; a signed journey's
// browser cookie is short-lived.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetLinkIdentifier } from "../../app/modules/accounts/reset-link.server.ts";
import { verification } from "../../app/modules/accounts/schema.ts";
import { decryptIban, encryptIban } from "../../app/modules/banking/iban-crypto.server.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { activationLinkDays } from "../../app/modules/offer/adhesion-review.server.ts";
import { signedJourneyMinutes } from "../../app/modules/offer/journey.server.ts";
import { affiliationJourney } from "../../app/modules/offer/schema.ts";
import { fillJourney, signJourney } from "../support/adhesion-journey.ts";
import { startBackOfficeCast, type BackOfficeCast } from "../support/back-office-cast.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo, linkParam } from "../support/outbox.ts";

let cast: BackOfficeCast;
beforeAll(async () => {
  cast = await startBackOfficeCast();
}, 180_000);
afterAll(() => cast.server.close());

const text = async (res: Response) => visibleText(await res.text());
const journeyOf = async (email: string) =>
  (await cast.server.services.db.select().from(affiliationJourney).where(eq(affiliationJourney.email, email)))[0]!;

async function signedJourney(email: string): Promise<TestClient> {
  const client = new TestClient(cast.server.baseUrl);
  await signJourney(client, cast.server.dataDir, email);
  return client;
}

describe("the activation of an accepted adhesion", () => {
  it("asks for a first password, says how long the link works, and activates the space", async () => {
    const email = "camille.activation@example.com";
    await signedJourney(email);
    const journey = await journeyOf(email);
    await cast.gestionnaire.post(`/back-office/adhesions/${journey.id}`, { intent: "accepter" });
    const welcome = lastMailTo(cast.server.dataDir, email);
    expect(welcome.text).toContain(`/activer-mon-adhesion?jeton=`);
    expect(welcome.text).toContain(`valable ${activationLinkDays} jours`);
    const token = linkParam(welcome, "jeton");
    const visitor = new TestClient(cast.server.baseUrl);
    const page = await text(await visitor.get(`/activer-mon-adhesion?jeton=${token}`));
    expect(page).toContain("Activer votre espace adhérent");
    expect(page).toContain(`valable ${activationLinkDays} jours`);
    expect(page).toContain("Votre mot de passe");
    expect(page).not.toContain("Nouveau mot de passe");

    // An expired activation link gives the activation link's lifetime, not the reset link's 30 minutes.
    const { db } = cast.server.services;
    const stored = eq(verification.identifier, resetLinkIdentifier(token));
    const [link] = await db.select().from(verification).where(stored);
    await db
      .update(verification)
      .set({ expiresAt: new Date(Date.UTC(2000, 0, 1)) })
      .where(stored);
    const password = {
      jeton: token,
      newPassword: "ma toute première mutuelle",
      confirmPassword: "ma toute première mutuelle",
    };
    const expired = await visitor.post("/activer-mon-adhesion", password);
    expect(expired.status).toBe(400);
    const said = await text(expired);
    expect(said).toContain(`il sert une seule fois, pendant ${activationLinkDays} jours`);
    expect(said).not.toContain("30 minutes");
    expect(said).toContain("Mot de passe oublié");
    await db.update(verification).set({ expiresAt: link!.expiresAt }).where(stored);
    const chosen = await visitor.post("/activer-mon-adhesion", password);
    expect(chosen.headers.get("location")).toBe("/connexion?espace-active=1");
    const [home] = await db
      .select()
      .from(household)
      .where(eq(household.id, (await journeyOf(email)).householdId!));
    const member = new TestClient(cast.server.baseUrl);
    expect((await member.signIn(home!.memberNumber, "ma toute première mutuelle")).status).toBe(302);
    // Used: the link does not work twice.
    expect((await visitor.post("/activer-mon-adhesion", password)).status).toBe(400);
  });
});

describe("Démarche commerciale à finaliser (security review R6)", () => {
  // Benoit Brouez, born 14/03/1982: 1 82 03 69 123 456, key 97 − (1 820 369 123 456 mod 97) = 59.
  const benoit = { firstName: "Benoît", lastName: "BROUEZ", birthDate: "14/03/1982", nir: "1 82 03 69 123 456 59" };
  const start = (client: TestClient, who: typeof benoit) =>
    client.post("/offre/adherer", { intent: "identite", email: demo.benoit.email, ...who });

  it("a journey at a member's address naming someone else is neither shown nor handed over", async () => {
    const { benoit: member } = cast;
    const stranger = new TestClient(cast.server.baseUrl);
    expect((await start(stranger, { ...benoit, firstName: "Mallory" })).status).toBe(302);
    expect(await text(await member.get("/"))).not.toContain("Démarche commerciale à finaliser");
    expect(await text(await member.get("/offre"))).not.toContain("Démarche commerciale à finaliser");
    const taken = await member.post("/offre/adherer/reprendre", {});
    expect(taken.headers.get("location")).toBe("/offre/adherer");
    expect(taken.headers.getSetCookie().join()).not.toContain("adhesion=");
    // The stranger's browser still holds it.
    expect(await text(await stranger.get("/offre/adherer"))).toContain("Étape 2 sur 10");
    // Same name, another birth date (1 830 369 123 456 mod 97 = 87, key 10): not the member either.
    await start(new TestClient(cast.server.baseUrl), {
      ...benoit,
      birthDate: "14/03/1983",
      nir: "1 83 03 69 123 456 10",
    });
    expect(await text(await member.get("/"))).not.toContain("Démarche commerciale à finaliser");
  });

  it("the member's own journey (their address, their name and birth date) is shown and resumed", async () => {
    const { benoit: member } = cast;
    const elsewhere = new TestClient(cast.server.baseUrl);
    expect((await start(elsewhere, benoit)).status).toBe(302);
    const dashboard = await text(await member.get("/"));
    expect(dashboard).toContain("Démarche commerciale à finaliser");
    expect(dashboard).toContain("n'est pas encore signée (étape « Adresse et date de début »)");
    expect(await text(await member.get("/offre"))).toContain("Démarche commerciale à finaliser");
    const resumed = await member.post("/offre/adherer/reprendre", {});
    expect(resumed.headers.get("location")).toBe("/offre/adherer?repris");
    const page = await text(await member.get("/offre/adherer"));
    expect(page).toContain("Étape 2 sur 10 : Adresse et date de début");
    // Handed over: the other browser's token stops working.
    expect(await text(await elsewhere.get("/offre/adherer"))).toContain("Étape 1 sur 10");
    // A visitor cannot take a journey that way.
    const visitor = await new TestClient(cast.server.baseUrl).post("/offre/adherer/reprendre", {});
    expect(visitor.headers.get("location")).toMatch(/^\/connexion/);
  });
});

describe("names in a journey", () => {
  it("refuses a link or markup as a name, in French beside the field, and keeps nothing", async () => {
    const email = "lien.nom@example.com";
    const client = new TestClient(cast.server.baseUrl);
    const refused = await client.post("/offre/adherer", {
      intent: "identite",
      email,
      firstName: "Gagnez https://arnaque.example",
      lastName: "Durand",
      birthDate: "02/09/1984",
      nir: "1 84 09 69 123 456 57",
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(visibleText(html)).toContain("Votre prénom : des lettres, espaces, apostrophes et tirets seulement.");
    expect(html).toContain('id="firstName-erreur"');
    expect(
      await cast.server.services.db.select().from(affiliationJourney).where(eq(affiliationJourney.email, email)),
    ).toHaveLength(0);
  });
});

describe("the journey's cookie once signed", () => {
  it("is set again for a short while at the signature, and the server forgets the token after it", async () => {
    const email = "camille.cookie@example.com";
    const client = new TestClient(cast.server.baseUrl);
    const signed = await signJourney(client, cast.server.dataDir, email);
    const cookie = signed.headers.getSetCookie().find((c) => c.startsWith("adhesion="));
    expect(cookie).toContain(`Max-Age=${signedJourneyMinutes * 60}`);
    expect(await text(await client.get("/offre/adherer"))).toContain("Votre adhésion est signée");
    expect((await client.get("/offre/adherer/mandat.pdf")).status).toBe(200);
    // Later (a browser that kept the cookie anyway): the signed journey is no longer read from it.
    const journey = await journeyOf(email);
    await cast.server.services.db
      .update(affiliationJourney)
      .set({ signedAt: new Date(journey.signedAt!.getTime() - (signedJourneyMinutes + 1) * 60_000) })
      .where(eq(affiliationJourney.id, journey.id));
    expect(await text(await client.get("/offre/adherer"))).toContain("Étape 1 sur 10");
    expect((await client.get("/offre/adherer/mandat.pdf")).status).toBe(404);
    expect((await journeyOf(email)).status).toBe("signed");
  });
});

describe("the NIR carried onto the people of an accepted adhesion", () => {
  it("is stored encrypted per person, shown masked in the member file, and checked again first", async () => {
    const { db, ibanKeys } = cast.server.services;
    // A journey whose subscriber NIR no longer passes its key check (stored before a fix, say): not accepted.
    const badEmail = "camille.nir.faux@example.com";
    await signedJourney(badEmail);
    const bad = await journeyOf(badEmail);
    const data = bad.data as { identity: { nirEncrypted: string } };
    data.identity.nirEncrypted = encryptIban(ibanKeys, "184096912345658", bad.id);
    await db.update(affiliationJourney).set({ data }).where(eq(affiliationJourney.id, bad.id));
    const refused = await cast.gestionnaire.post(`/back-office/adhesions/${bad.id}`, { intent: "accepter" });
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain("Le numéro de sécurité sociale de Camille Durand n'est pas valable");
    expect((await journeyOf(badEmail)).status).toBe("signed");
    expect((await journeyOf(badEmail)).householdId).toBeNull();

    const email = "camille.nir@example.com";
    await signedJourney(email);
    const journey = await journeyOf(email);
    await cast.gestionnaire.post(`/back-office/adhesions/${journey.id}`, { intent: "accepter" });
    const householdId = (await journeyOf(email)).householdId!;
    const people = await db.select().from(person).where(eq(person.householdId, householdId));
    const byName = Object.fromEntries(people.map((p) => [p.firstName, p]));
    expect(byName.Camille!.nirMasked).toBe("18409 •••••••• 57");
    expect(byName.Camille!.nirEncrypted).not.toContain("184096912345657");
    expect(decryptIban(ibanKeys, byName.Camille!.nirEncrypted!, byName.Camille!.id)).toBe("184096912345657");
    // Bound to the person: another person's id does not open it.
    expect(() => decryptIban(ibanKeys, byName.Camille!.nirEncrypted!, byName["Léa"]!.id)).toThrow(/authenticate/);
    expect(decryptIban(ibanKeys, byName["Léa"]!.nirEncrypted!, byName["Léa"]!.id)).toBe("286037511122251");
    expect(byName.Hugo).toMatchObject({ nirEncrypted: null, nirMasked: null });
    const [home] = await db.select().from(household).where(eq(household.id, householdId));
    const file = await text(await cast.conseiller.get(`/back-office/adherents/${home!.memberNumber}`));
    expect(file).toContain("N° de sécurité sociale");
    expect(file).toContain("18409 •••••••• 57");
    expect(file).toContain("28603 •••••••• 51");
    expect(file).not.toContain("184096912345657");
  });
});

describe("« Modifier » on the summary", () => {
  const stepOf = async (client: TestClient) =>
    /<title>(Étape \d+ sur 10 : [^<]+?) – Adhérer en ligne/.exec(
      await (await client.get("/offre/adherer")).text(),
    )?.[1];

  it("comes back to the summary once the step is saved, through the mandate again when the IBAN changed", async () => {
    const client = new TestClient(cast.server.baseUrl);
    await fillJourney(client, "camille.modifie@example.com");
    expect(await stepOf(client)).toBe("Étape 9 sur 10 : Récapitulatif et signature");

    // The level: saved, straight back to the summary, which reads the new level.
    expect((await client.post("/offre/adherer", { intent: "modifier", step: "niveau" })).status).toBe(302);
    expect(await stepOf(client)).toBe("Étape 4 sur 10 : Niveau de garanties");
    expect((await client.post("/offre/adherer", { intent: "niveau", level: "optimale" })).status).toBe(302);
    expect(await stepOf(client)).toBe("Étape 9 sur 10 : Récapitulatif et signature");
    expect(visibleText(await (await client.get("/offre/adherer")).text())).toContain("Optimale");

    // The bank details: a new IBAN means a new mandate to read, then the summary (consents kept).
    await client.post("/offre/adherer", { intent: "modifier", step: "banque" });
    const bank = await client.post("/offre/adherer", {
      intent: "banque",
      holderName: "Camille Durand",
      debitIban: "DE89 3704 0044 0532 0130 00",
      refundAccount: "meme",
    });
    expect(bank.status).toBe(302);
    expect(await stepOf(client)).toBe("Étape 7 sur 10 : Mandat de prélèvement SEPA");
    await client.post("/offre/adherer", { intent: "mandat" });
    expect(await stepOf(client)).toBe("Étape 9 sur 10 : Récapitulatif et signature");

    // Going back step by step (not from the summary) still walks forward as before.
    await client.post("/offre/adherer", { intent: "retour" });
    expect(await stepOf(client)).toBe("Étape 8 sur 10 : Informations et consentements");
    await client.post("/offre/adherer", { intent: "retour" });
    await client.post("/offre/adherer", { intent: "mandat" });
    expect(await stepOf(client)).toBe("Étape 8 sur 10 : Informations et consentements");
  });
});
