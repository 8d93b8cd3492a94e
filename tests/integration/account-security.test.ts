// Step-up, two-factor sign-in and e-mail change, through the real server and database.
import { eq } from "drizzle-orm";
import { rateLimit, session, stepUp, twoFactor, user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo, linkParam, mailsTo } from "../support/outbox.ts";
import { enrolTotp, forgetUsedTotpSteps, stepUpByEmail, totpFor } from "../support/step-up.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";

// Each test signs its people in with clients of its own: they enrol Claire's authenticator (her sign-in then asks
// for a code) and change Benoit's e-mail address, which a member the file's tests shared would not survive.
let claireSecret = ""; // her authenticator, once enrolled below

async function sessionIdOf(server: TestServer, client: TestClient): Promise<string> {
  const token = decodeURIComponent(client.cookies.get("__Host-espace.session_token")!.value).split(".")[0]!;
  const [row] = await server.services.db.select({ id: session.id }).from(session).where(eq(session.token, token));
  return row!.id;
}

describe("step-up before a sensitive change", () => {
  test("asks for the password, then a code sent by e-mail, and is good for five minutes", async ({ server }) => {
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    const guarded = "/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat";
    const away = await member.get(guarded);
    expect(away.status).toBe(302);
    expect(away.headers.get("location")).toBe(`/mon-compte/verification?retour=${encodeURIComponent(guarded)}`);

    const wrong = await member.post("/mon-compte/verification", { password: "pas-le-bon-mot-de-passe" });
    expect(wrong.status).toBe(400);
    expect(visibleText(await wrong.text())).toContain("Mot de passe incorrect.");

    const before = mailsTo(server.dataDir, demo.benoit.email).length;
    const password = await member.post(`/mon-compte/verification?retour=${encodeURIComponent(guarded)}`, {
      password: demo.benoit.password,
    });
    expect(password.status).toBe(302);
    const mails = mailsTo(server.dataDir, demo.benoit.email);
    expect(mails.length).toBe(before + 1);
    const code = /code de confirmation : (\d{6})/.exec(mails.at(-1)!.subject)![1]!;
    const second = visibleText(await (await member.get("/mon-compte/verification")).text());
    expect(second).toContain("Étape 2 sur 2");
    expect(second).toContain("b•••••@example.com");

    const badCode = await member.post("/mon-compte/verification", {
      intent: "email-code",
      code: code === "000000" ? "111111" : "000000",
    });
    expect(badCode.status).toBe(400);
    expect(visibleText(await badCode.text())).toContain("Ce code n'est pas le bon");
    const done = await member.post(`/mon-compte/verification?retour=${encodeURIComponent(guarded)}`, {
      intent: "email-code",
      code,
    });
    expect(done.headers.get("location")).toBe(guarded);
    expect((await member.get(guarded)).status).toBe(200);

    // Six minutes later, the proof is stale.
    await server.services.db
      .update(stepUp)
      .set({ verifiedAt: new Date(Date.now() - 6 * 60 * 1000) })
      .where(eq(stepUp.sessionId, await sessionIdOf(server, member)));
    expect((await member.get(guarded)).status).toBe(302);
  });

  test("stops accepting e-mailed codes after five wrong tries", async ({ server }) => {
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    await member.post("/mon-compte/verification", { password: demo.benoit.password });
    const code = /code de confirmation : (\d{6})/.exec(lastMailTo(server.dataDir, demo.benoit.email).subject)![1]!;
    const wrong = code === "000000" ? "111111" : "000000";
    // Ten wrong guesses at once: each takes one of the five tries, however they interleave.
    await Promise.all(
      Array.from({ length: 10 }, () => member.post("/mon-compte/verification", { intent: "email-code", code: wrong })),
    );
    const late = await member.post("/mon-compte/verification", { intent: "email-code", code });
    expect(late.status).toBe(400);
    expect(visibleText(await late.text())).toContain("Recommencez en saisissant votre mot de passe");
  });

  test("lets a member confirm their identity by e-mail again and again: a completed proof gives its try back", async ({
    server,
  }) => {
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    // More rounds than the 5 tries an address has on an account: each completed one is forgiven.
    for (let round = 0; round < 7; round++)
      await stepUpByEmail(member, server.dataDir, demo.benoit.email, demo.benoit.password);
  });

  test("does not let a step-up of one session serve another", async ({ server }) => {
    const first = new TestClient(server.baseUrl);
    await first.signIn(demo.claire.number, demo.claire.password);
    await stepUpByEmail(first, server.dataDir, demo.claire.email, demo.claire.password);
    const second = new TestClient(server.baseUrl);
    await second.signIn(demo.claire.number, demo.claire.password);
    expect((await first.get("/mon-compte/email")).status).toBe(200);
    expect((await second.get("/mon-compte/email")).status).toBe(302);
  });
});

describe("returning after identity confirmation", () => {
  test("never sends the member to another site, whatever `retour` holds", async ({ server }) => {
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    const evil = "/.//evil.example/x";
    const first = await member.post(`/mon-compte/verification?retour=${encodeURIComponent(evil)}`, {
      password: demo.benoit.password,
    });
    expect(first.headers.get("location")).toBe(`/mon-compte/verification?retour=${encodeURIComponent("/mon-compte")}`);
    const code = /code de confirmation : (\d{6})/.exec(lastMailTo(server.dataDir, demo.benoit.email).subject)?.[1];
    const second = await member.post(`/mon-compte/verification?retour=${encodeURIComponent(evil)}`, {
      intent: "email-code",
      code: code!,
    });
    expect(second.headers.get("location")).toBe("/mon-compte");
    // With the proof fresh, the page sends straight back: only to our own pages.
    for (const retour of [
      evil,
      "//evil.example/x",
      "/%2F%2Fevil.example",
      "/\\evil.example",
      "/%5Cevil.example",
      "/%09/evil.example",
      "https://evil.example",
    ]) {
      const res = await member.get(`/mon-compte/verification?retour=${encodeURIComponent(retour)}`);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/mon-compte");
    }
    expect(
      (await member.get(`/mon-compte/verification?retour=${encodeURIComponent("/mon-compte/email")}`)).headers.get(
        "location",
      ),
    ).toBe("/mon-compte/email");
  });
});

describe("two-factor authentication for a member", () => {
  test("enrols an authenticator, then asks for a code at sign-in, accepts a recovery code once, and uses the app for step-up", async ({
    server,
  }) => {
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.claire.number, demo.claire.password);
    const { secret, backupCodes } = await enrolTotp(member, server.dataDir, demo.claire.email, demo.claire.password);
    claireSecret = secret;
    expect(backupCodes).toHaveLength(10);
    expect(lastMailTo(server.dataDir, demo.claire.email).subject).toBe("La double authentification est activée");
    const [account] = await server.services.db
      .select({ enabled: user.twoFactorEnabled })
      .from(user)
      .where(eq(user.email, demo.claire.email));
    expect(account!.enabled).toBe(true);
    expect((await member.get("/")).status).toBe(200); // still signed in after enrolment

    const phone = new TestClient(server.baseUrl);
    const step1 = await phone.signIn(demo.claire.number, demo.claire.password);
    expect(step1.headers.get("location")).toBe("/connexion/code");
    expect((await phone.get("/")).status).toBe(302); // no session yet
    const signedIn = await phone.post("/connexion/code", { code: await totpFor(secret) });
    expect(signedIn.headers.get("location")).toBe("/");
    expect((await phone.get("/")).status).toBe(200);

    const lostPhone = new TestClient(server.baseUrl);
    await lostPhone.signIn(demo.claire.number, demo.claire.password);
    expect((await lostPhone.post("/connexion/code", { code: backupCodes[0]! })).headers.get("location")).toBe("/");
    const again = new TestClient(server.baseUrl);
    await again.signIn(demo.claire.number, demo.claire.password);
    expect((await again.post("/connexion/code", { code: backupCodes[0]! })).status).toBe(401); // single use

    // Step-up now takes the app's code instead of an e-mail.
    const sent = mailsTo(server.dataDir, demo.claire.email).length;
    const noCode = await phone.post("/mon-compte/verification", { password: demo.claire.password, code: "" });
    expect(noCode.status).toBe(400);
    const ok = await phone.post("/mon-compte/verification?retour=%2Fmon-compte%2Femail", {
      password: demo.claire.password,
      code: await totpFor(secret),
    });
    expect(ok.headers.get("location")).toBe("/mon-compte/email");
    expect(mailsTo(server.dataDir, demo.claire.email).length).toBe(sent);

    const audits = await server.services.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.action, "auth.two_factor_enabled"));
    expect(audits.length).toBeGreaterThan(0);
  });
});

describe("a TOTP code serves once (replay)", () => {
  // Each test starts as if a minute had passed since the last code (the server's record and the helper's).
  test.beforeEach(async ({ server }) => {
    await server.services.db.update(twoFactor).set({ lastTotpStep: null });
    forgetUsedTotpSteps(claireSecret);
  });

  async function passwordStep(server: TestServer): Promise<TestClient> {
    const client = new TestClient(server.baseUrl);
    expect((await client.signIn(demo.claire.number, demo.claire.password)).headers.get("location")).toBe(
      "/connexion/code",
    );
    return client;
  }

  test("refuses at sign-in a code that has already opened a session, with a French message", async ({ server }) => {
    const code = await totpFor(claireSecret);
    const first = await passwordStep(server);
    expect((await first.post("/connexion/code", { code })).headers.get("location")).toBe("/");
    const second = await passwordStep(server);
    const replayed = await second.post("/connexion/code", { code });
    expect(replayed.status).toBe(401);
    expect(visibleText(await replayed.text())).toContain("Ce code a déjà servi.");
    expect((await second.get("/")).headers.get("location")).toBe("/connexion"); // no session
    // The next code works.
    const third = await passwordStep(server);
    expect((await third.post("/connexion/code", { code: await totpFor(claireSecret) })).headers.get("location")).toBe(
      "/",
    );
  });

  test("lets only one of two simultaneous sign-ins with the same code through", async ({ server }) => {
    const code = await totpFor(claireSecret);
    const [a, b] = [await passwordStep(server), await passwordStep(server)];
    const answers = await Promise.all([a.post("/connexion/code", { code }), b.post("/connexion/code", { code })]);
    expect(answers.map((r) => r.status).sort((x, y) => x - y)).toEqual([302, 401]);
  });

  test("counts a wrong authenticator code at step-up even after the right password: guessing ends in a 429", async ({
    server,
  }) => {
    const client = await passwordStep(server);
    expect((await client.post("/connexion/code", { code: await totpFor(claireSecret) })).headers.get("location")).toBe(
      "/",
    );
    await server.services.db.delete(rateLimit); // this test's own count, whatever came before
    const statuses: number[] = [];
    for (let round = 0; round < 8 && !statuses.includes(429); round++) {
      statuses.push(
        (await client.post("/mon-compte/verification", { password: demo.claire.password, code: "000000" })).status,
      );
    }
    expect(statuses).toContain(429);
    await server.services.db.delete(rateLimit);
  });

  test("refuses a code older than one already used, and a code used at sign-in again at step-up", async ({
    server,
  }) => {
    const older = await totpFor(claireSecret);
    const newer = await totpFor(claireSecret);
    const client = await passwordStep(server);
    expect((await client.post("/connexion/code", { code: newer })).headers.get("location")).toBe("/");
    const stale = await passwordStep(server);
    expect((await stale.post("/connexion/code", { code: older })).status).toBe(401);
    const stepUp = await client.post("/mon-compte/verification", { password: demo.claire.password, code: newer });
    expect(stepUp.status).toBe(400);
    expect(visibleText(await stepUp.text())).toContain("Ce code a déjà servi.");
    const fresh = await totpFor(claireSecret);
    expect(
      (await client.post("/mon-compte/verification", { password: demo.claire.password, code: fresh })).status,
    ).toBe(302);
    // And the code that served at step-up cannot open a session.
    expect((await (await passwordStep(server)).post("/connexion/code", { code: fresh })).status).toBe(401);
  });
});

describe("changing the e-mail address", () => {
  test("uses the new address only once its link is opened, and tells the old one at both steps", async ({ server }) => {
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    await stepUpByEmail(member, server.dataDir, demo.benoit.email, demo.benoit.password);
    const invalid = await member.post("/mon-compte/email", { email: "benoit@" });
    expect(invalid.status).toBe(400);
    expect(visibleText(await invalid.text())).toContain("Saisissez une adresse e-mail complète");
    const asked = await member.post("/mon-compte/email", { email: "Benoit.Nouveau@Example.org" });
    expect(asked.headers.get("location")).toBe("/mon-compte?email-demande");
    expect(lastMailTo(server.dataDir, demo.benoit.email).subject).toBe(
      "Changement de l'adresse e-mail de votre espace adhérent",
    );
    const confirmation = lastMailTo(server.dataDir, "benoit.nouveau@example.org");
    const token = linkParam(confirmation, "jeton");
    // Not changed yet: the account still answers to the old address.
    expect(visibleText(await (await member.get("/mon-compte")).text())).toContain(
      "En attente de confirmation : benoit.nouveau@example.org",
    );
    const [still] = await server.services.db
      .select({ email: user.email })
      .from(user)
      .where(eq(user.username, demo.benoit.number));
    expect(still!.email).toBe(demo.benoit.email);

    const anonymous = new TestClient(server.baseUrl);
    expect((await anonymous.get(`/mon-compte/confirmer-email?jeton=${token}`)).status).toBe(200); // a GET changes nothing
    const [unchanged] = await server.services.db
      .select({ email: user.email })
      .from(user)
      .where(eq(user.username, demo.benoit.number));
    expect(unchanged!.email).toBe(demo.benoit.email);
    const confirmed = await anonymous.post("/mon-compte/confirmer-email", { jeton: token });
    expect(confirmed.status).toBe(200);
    expect(visibleText(await confirmed.text())).toContain("votre espace adhérent utilise désormais cette adresse");
    const [changed] = await server.services.db
      .select({ email: user.email })
      .from(user)
      .where(eq(user.username, demo.benoit.number));
    expect(changed!.email).toBe("benoit.nouveau@example.org");
    expect(lastMailTo(server.dataDir, demo.benoit.email).subject).toBe(
      "L'adresse e-mail de votre espace adhérent a changé",
    );
    expect((await anonymous.post("/mon-compte/confirmer-email", { jeton: token })).status).toBe(400); // once only
    expect(
      (await new TestClient(server.baseUrl).signIn("benoit.nouveau@example.org", demo.benoit.password)).status,
    ).toBe(302);
  });
});

describe("changing the e-mail address, against enumeration and mail bombing", () => {
  test("answers the same whether the new address is free or another account's, and tells that account's owner instead", async ({
    server,
  }) => {
    const member = new TestClient(server.baseUrl);
    const email = (
      await server.services.db.select({ email: user.email }).from(user).where(eq(user.username, demo.benoit.number))
    )[0]!.email;
    await member.signIn(demo.benoit.number, demo.benoit.password);
    await stepUpByEmail(member, server.dataDir, email, demo.benoit.password);
    await server.services.db.delete(rateLimit);
    const toClaire = mailsTo(server.dataDir, demo.claire.email).length;

    const taken = await member.post("/mon-compte/email", { email: demo.claire.email });
    const takenPage = visibleText(await (await member.get("/mon-compte")).text());
    const free = await member.post("/mon-compte/email", { email: "personne.inconnue@example.net" });
    const freePage = visibleText(await (await member.get("/mon-compte")).text());
    expect([taken.status, free.status]).toEqual([302, 302]);
    expect(taken.headers.get("location")).toBe(free.headers.get("location"));
    expect(takenPage.replace(demo.claire.email, "X")).toBe(freePage.replace("personne.inconnue@example.net", "X"));
    expect(takenPage).toContain(`En attente de confirmation : ${demo.claire.email}`);

    // Claire's address gets a warning and no link; the free one gets the link.
    const claireMails = mailsTo(server.dataDir, demo.claire.email).slice(toClaire);
    expect(claireMails.map((m) => m.subject)).toEqual([
      "Votre adresse e-mail a été proposée pour un autre espace adhérent",
    ]);
    expect(claireMails[0]!.text).not.toContain("jeton=");
    expect(lastMailTo(server.dataDir, "personne.inconnue@example.net").subject).toBe(
      "Confirmez votre nouvelle adresse e-mail",
    );
    const [claire] = await server.services.db
      .select({ email: user.email })
      .from(user)
      .where(eq(user.username, demo.claire.number));
    expect(claire!.email).toBe(demo.claire.email);
  });

  test("sends at most five confirmation mails a day per account, then answers 429 in French", async ({ server }) => {
    const member = new TestClient(server.baseUrl);
    const email = (
      await server.services.db.select({ email: user.email }).from(user).where(eq(user.username, demo.benoit.number))
    )[0]!.email;
    await member.signIn(demo.benoit.number, demo.benoit.password);
    await stepUpByEmail(member, server.dataDir, email, demo.benoit.password);
    await server.services.db.delete(rateLimit);
    for (let i = 1; i <= 5; i++)
      expect((await member.post("/mon-compte/email", { email: `essai.${i}@example.net` })).status).toBe(302);
    const sixth = await member.post("/mon-compte/email", { email: "essai.6@example.net" });
    expect(sixth.status).toBe(429);
    expect(visibleText(await sixth.text())).toContain(
      "Vous avez demandé 5 changements d'adresse e-mail en 24 heures : par sécurité, réessayez demain",
    );
    expect(mailsTo(server.dataDir, "essai.6@example.net")).toHaveLength(0);
    // Another account is not held back by this one's count (Claire confirms with her authenticator).
    await server.services.db.update(twoFactor).set({ lastTotpStep: null });
    forgetUsedTotpSteps(claireSecret);
    const other = new TestClient(server.baseUrl);
    await other.signIn(demo.claire.number, demo.claire.password);
    expect((await other.post("/connexion/code", { code: await totpFor(claireSecret) })).status).toBe(302);
    expect(
      (
        await other.post("/mon-compte/verification", {
          password: demo.claire.password,
          code: await totpFor(claireSecret),
        })
      ).status,
    ).toBe(302);
    expect((await other.post("/mon-compte/email", { email: "essai.autre@example.net" })).status).toBe(302);
  });
});
