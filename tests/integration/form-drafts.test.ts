// What was typed survives a new identity check (issue 25, items 6 and 7; WCAG 2.2.1, 3.3.7): an IBAN typed when
// the step-up's 5 minutes had run out, a message posted after the session expired. Kept on the server, bound to
// the account, encrypted, short-lived, never in a URL; given back once after the member proved who they are.
// Windows and sessions are ended through the database, never by waiting.
import { and, eq, sql } from "drizzle-orm";
import { session, stepUp, user } from "../../app/modules/accounts/schema.ts";
import { formDraft } from "../../app/modules/drafts/schema.ts";
import { addMonths } from "../../app/modules/clock/calendar.ts";
import { recentDay, today } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { peoplePassword, signInCarer } from "../support/people-access.ts";
import { stepUpByEmail } from "../support/step-up.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";

const typedIban = "FR76 3000 6000 0112 3456 7890 189";
const ribPage = "/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat";
const composePage = "/messagerie/nouveau?categorie=modification-contrat&sujet=ajout-beneficiaires&ecrire=1";
const typedMessage = "Bonjour, je voudrais ajouter ma fille Louise à mon contrat à partir du mois prochain.";

// Each test signs its people in with clients of its own: they end the account's sessions and step-up windows
// through the database, which would sign out a client the file's other tests share.
const db = (server: TestServer) => server.services.db;

async function userIdOf(server: TestServer, email: string): Promise<string> {
  const [row] = await db(server).select({ id: user.id }).from(user).where(eq(user.email, email));
  return row!.id;
}

/** Ends the step-up window of every session of the account, as 6 minutes of waiting would. */
async function endStepUpWindow(server: TestServer, userId: string) {
  await db(server).execute(
    sql`update ${stepUp} set verified_at = now() - interval '6 minutes' where session_id in (select id from ${session} where user_id = ${userId})`,
  );
}

/** Ends the account's sessions as 31 minutes idle would (the browser still sends its cookie). */
async function expireSessions(server: TestServer, userId: string) {
  await db(server)
    .update(session)
    .set({ expiresAt: sql`now() - interval '1 minute'` })
    .where(eq(session.userId, userId));
}

async function draftRows(server: TestServer, userId: string) {
  return db(server).select().from(formDraft).where(eq(formDraft.userId, userId));
}

function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

function textareaValue(html: string): string {
  return /<textarea[^>]*name="message"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? "";
}

describe("an IBAN typed across the step-up (item 7)", () => {
  test("is kept on the server, encrypted and out of the URL, and is back in the form after the new confirmation", async ({
    server,
  }) => {
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password);
    const userId = await userIdOf(server, demo.benoit.email);
    expect((await benoit.get(ribPage)).status).toBe(200);

    await endStepUpWindow(server, userId);
    const posted = await benoit.post(ribPage, { iban: typedIban, holderName: "BENOIT BROUEZ" });
    expect(posted.status).toBe(302);
    const location = posted.headers.get("location") ?? "";
    expect(location).toBe(`/mon-compte/verification?retour=${encodeURIComponent(ribPage)}`);
    expect(location.replace(/\D/g, "")).not.toContain("30006000011234567890189");

    const [kept] = await draftRows(server, userId);
    expect(kept?.path).toBe(ribPage);
    expect(kept?.payloadEncrypted).not.toContain("30006000");
    expect(kept?.payloadEncrypted).not.toContain("BROUEZ");

    await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password);
    const back = await benoit.get(ribPage);
    const html = await back.text();
    expect(back.status).toBe(200);
    expect(inputValue(html, "iban")).toBe(typedIban);
    expect(inputValue(html, "holderName")).toBe("BENOIT BROUEZ");
    expect(visibleText(html)).toContain("nous avons gardé ce que vous aviez saisi");
    // Given back once: the row is gone, a reload shows the empty form.
    expect(await draftRows(server, userId)).toEqual([]);
    expect(inputValue(await (await benoit.get(ribPage)).text(), "iban")).toBe("");
  });

  test("keeps nothing from an empty form, and a draft past its 30 minutes is not given back", async ({ server }) => {
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password);
    const userId = await userIdOf(server, demo.benoit.email);

    await endStepUpWindow(server, userId);
    expect((await benoit.post(ribPage, { iban: "", holderName: "" })).status).toBe(302);
    expect(await draftRows(server, userId)).toEqual([]);

    expect((await benoit.post(ribPage, { iban: typedIban, holderName: "BENOIT BROUEZ" })).status).toBe(302);
    await db(server)
      .update(formDraft)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(formDraft.userId, userId));
    await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password);
    expect(inputValue(await (await benoit.get(ribPage)).text(), "iban")).toBe("");
  });
});

describe("a message posted after the session expired (item 6)", () => {
  test("is kept for the account and back in the form after signing in again", async ({ server }) => {
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const userId = await userIdOf(server, demo.benoit.email);
    const form = await benoit.get(composePage);
    expect(form.status).toBe(200);

    await expireSessions(server, userId);
    const posted = await benoit.postMultipart(composePage, {
      categorie: "modification-contrat",
      sujet: "ajout-beneficiaires",
      message: typedMessage,
    });
    expect(posted.status).toBe(302);
    const location = posted.headers.get("location") ?? "";
    expect(location).toBe(`/connexion?expiree=1&redirectTo=${encodeURIComponent(composePage)}`);
    expect(location).not.toContain("Louise");
    const signInPage = visibleText(await (await benoit.get(location)).text());
    expect(signInPage).toContain("Votre session a expiré");

    const [kept] = await draftRows(server, userId);
    expect(kept?.path).toBe(composePage);
    expect(kept?.payloadEncrypted).not.toContain("Louise");

    const signedIn = await benoit.post("/connexion", {
      identifier: demo.benoit.number,
      password: demo.benoit.password,
      redirectTo: composePage,
    });
    expect(signedIn.headers.get("location")).toBe(composePage);
    const back = await (await benoit.get(composePage)).text();
    expect(textareaValue(back)).toBe(typedMessage);
    expect(visibleText(back)).toContain("nous avons gardé le message que vous aviez saisi");
    expect(await draftRows(server, userId)).toEqual([]);
  });

  test("keeps a reply to a thread the same way", async ({ server }) => {
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const userId = await userIdOf(server, demo.benoit.email);
    const started = await benoit.postMultipart(composePage, {
      categorie: "modification-contrat",
      sujet: "ajout-beneficiaires",
      message: "Premier message.",
    });
    const threadPage = (started.headers.get("location") ?? "").replace(/\?.*$/, "");
    expect(threadPage).toMatch(/^\/messagerie\/[0-9a-f-]{36}$/);
    expect((await benoit.get(threadPage)).status).toBe(200);

    await expireSessions(server, userId);
    const posted = await benoit.postMultipart(threadPage, { message: "Ma réponse, tapée longuement." });
    expect(posted.headers.get("location")).toBe(`/connexion?expiree=1&redirectTo=${encodeURIComponent(threadPage)}`);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    expect(textareaValue(await (await benoit.get(threadPage)).text())).toBe("Ma réponse, tapée longuement.");
  });

  test("keeps the claim's first step the same way", async ({ server }) => {
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const userId = await userIdOf(server, demo.benoit.email);
    expect((await benoit.get("/demandes/nouvelle")).status).toBe(200);
    await expireSessions(server, userId);
    const posted = await benoit.post("/demandes/nouvelle", {
      intent: "details",
      careType: "chiropractie",
      lieu: "france",
      careDate: recentDay("2026-11-02"),
      amount: "70,00",
    });
    expect(posted.headers.get("location")).toBe(
      `/connexion?expiree=1&redirectTo=${encodeURIComponent("/demandes/nouvelle")}`,
    );
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const html = await (await benoit.get("/demandes/nouvelle")).text();
    expect(inputValue(html, "amount")).toBe("70,00");
    expect(inputValue(html, "careDate")).toBe(recentDay("2026-11-02"));
    expect(html).toMatch(/<option value="chiropractie" selected="">/);
    expect(visibleText(html)).toContain("nous avons gardé ce que vous aviez saisi");
  });

  test("is bound to the account: another member signing in on the same browser does not get it", async ({ server }) => {
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const benoitId = await userIdOf(server, demo.benoit.email);
    await benoit.get(composePage);
    await expireSessions(server, benoitId);
    await benoit.postMultipart(composePage, {
      categorie: "modification-contrat",
      sujet: "ajout-beneficiaires",
      message: typedMessage,
    });
    // Claire signs in on the same browser (same cookie jar, the draft owner cookie still Benoît's).
    await benoit.signIn(demo.claire.number, demo.claire.password);
    expect(textareaValue(await (await benoit.get(composePage)).text())).toBe("");
    // Benoît's draft is still his.
    expect(await draftRows(server, benoitId)).toHaveLength(1);
    await db(server)
      .delete(formDraft)
      .where(and(eq(formDraft.userId, benoitId)));
  });

  test("keeps nothing without the owner cookie (a form never opened by a signed-in member), or with a forged one", async ({
    server,
  }) => {
    const stranger = new TestClient(server.baseUrl);
    const benoitId = await userIdOf(server, demo.benoit.email);
    const plain = await stranger.postMultipart(composePage, { message: "planté" });
    expect(plain.headers.get("location")).toBe(`/connexion?redirectTo=${encodeURIComponent(composePage)}`);
    stranger.cookies.set("espace.draft_owner", {
      name: "espace.draft_owner",
      value: `${benoitId}.forged`,
      attributes: [],
    });
    const forged = await stranger.postMultipart(composePage, { message: "planté" });
    expect(forged.headers.get("location")).toBe(`/connexion?redirectTo=${encodeURIComponent(composePage)}`);
    expect(await draftRows(server, benoitId)).toEqual([]);
  });
});

/**
 * A carer signing in again on the same browser: the second factor is set aside for the sign-in and put back
 * (as tests/support/people-access.ts does); the new session has no space chosen yet.
 */
async function carerSignsInAgain(server: TestServer, client: TestClient, carerId: string, email: string) {
  await db(server).update(user).set({ twoFactorEnabled: false }).where(eq(user.id, carerId));
  expect((await client.signIn(email, peoplePassword)).status).toBe(302);
  await db(server).update(user).set({ twoFactorEnabled: true }).where(eq(user.id, carerId));
}

describe("a carer's draft (security review: keyed by the space, not only the login)", () => {
  test("typed while acting for one household is not offered while acting for another, and is back in its own", async ({
    server,
  }) => {
    const email = "aidant.brouillons@example.com";
    const forBenoit = await signInCarer(db(server), server.baseUrl, {
      memberNumber: demo.benoit.number,
      grantorFirstName: "Benoit",
      email,
      scopes: ["messages"],
      endsOn: addMonths(today, 3),
    });
    const forClaire = await signInCarer(db(server), server.baseUrl, {
      memberNumber: demo.claire.number,
      grantorFirstName: "Claire",
      email,
      scopes: ["messages"],
      endsOn: addMonths(today, 3),
    });
    const carer = forBenoit.client;
    const carerId = forBenoit.carerUserId;

    // Acting for Benoît's household: the form is shown, the session ends, the message is posted and kept.
    expect((await carer.get(composePage)).status).toBe(200);
    await expireSessions(server, carerId);
    const posted = await carer.postMultipart(composePage, {
      categorie: "modification-contrat",
      sujet: "ajout-beneficiaires",
      message: typedMessage,
    });
    expect(posted.headers.get("location")).toBe(`/connexion?expiree=1&redirectTo=${encodeURIComponent(composePage)}`);
    const [kept] = await draftRows(server, carerId);
    expect(kept?.space).toMatch(/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/);

    // Signed in again on the same browser, the carer chooses Claire's household: the form is empty there.
    await carerSignsInAgain(server, carer, carerId, email);
    expect((await carer.post("/mon-compte/aidants", { intent: "choose", grantId: forClaire.grantId })).status).toBe(
      302,
    );
    expect(textareaValue(await (await carer.get(composePage)).text())).toBe("");
    expect(await draftRows(server, carerId)).toHaveLength(1);

    // Back in Benoît's household, the message is there, once.
    expect((await carer.post("/mon-compte/aidants", { intent: "choose", grantId: forBenoit.grantId })).status).toBe(
      302,
    );
    expect(textareaValue(await (await carer.get(composePage)).text())).toBe(typedMessage);
    expect(await draftRows(server, carerId)).toEqual([]);
  });

  test("the same login in two households at once keeps two drafts, each given back in its own", async ({ server }) => {
    const email = "aidant.brouillons2@example.com";
    const forBenoit = await signInCarer(db(server), server.baseUrl, {
      memberNumber: demo.benoit.number,
      grantorFirstName: "Benoit",
      email,
      scopes: ["messages"],
      endsOn: addMonths(today, 3),
    });
    const forClaire = await signInCarer(db(server), server.baseUrl, {
      memberNumber: demo.claire.number,
      grantorFirstName: "Claire",
      email,
      scopes: ["messages"],
      endsOn: addMonths(today, 3),
    });
    // The same login, two browsers, one per household, at once.
    expect((await forBenoit.client.get(composePage)).status).toBe(200);
    expect((await forClaire.client.get(composePage)).status).toBe(200);
    await expireSessions(server, forBenoit.carerUserId);
    await forBenoit.client.postMultipart(composePage, { message: "Pour Benoît." });
    await forClaire.client.postMultipart(composePage, { message: "Pour Claire." });
    expect(await draftRows(server, forBenoit.carerUserId)).toHaveLength(2);

    await carerSignsInAgain(server, forClaire.client, forClaire.carerUserId, email);
    expect(
      (await forClaire.client.post("/mon-compte/aidants", { intent: "choose", grantId: forClaire.grantId })).status,
    ).toBe(302);
    expect(textareaValue(await (await forClaire.client.get(composePage)).text())).toBe("Pour Claire.");
  });
});
