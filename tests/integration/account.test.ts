import { join } from "node:path";
import * as fs from "node:fs";
import { randomUUID } from "node:crypto";
import { and, eq, gte, like, sql } from "drizzle-orm";
import { rateLimit, session, user, verification } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { describeDevice } from "../../app/modules/accounts/sessions.server.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { linkParam, mailsTo, waitForMailsTo } from "../support/outbox.ts";
import { stepUpByEmail } from "../support/step-up.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";

// Each test signs its people in with clients of its own: they change passwords, end sessions and reset links,
// which would sign out a member the file's tests shared.

const android =
  "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36";

describe("Mon compte", () => {
  test("shows the member's details, connected devices and recent sign-ins, failures included", async ({ server }) => {
    const phone = new TestClient(server.baseUrl);
    await phone.signIn(demo.benoit.number, "pas-le-bon-mot-de-passe");
    await phone.post(
      "/connexion",
      { identifier: demo.benoit.number, password: demo.benoit.password },
      { "user-agent": android },
    );
    const laptop = new TestClient(server.baseUrl);
    await laptop.signIn(demo.benoit.number, demo.benoit.password);
    const text = visibleText(await (await laptop.get("/mon-compte")).text());
    expect(text).toContain("Numéro d'adhérent 10000001");
    expect(text).toContain("Adresse e-mail benoit.brouez@example.com");
    expect(text).toContain("Chrome sur Android");
    expect(text).toContain("(cet appareil)");
    expect(text).toContain("tentative échouée (mot de passe incorrect)");
    expect(text).toContain("connexion réussie");
  });

  test("signs out another device, and only the member's own", async ({ server }) => {
    const phone = new TestClient(server.baseUrl);
    await phone.signIn(demo.benoit.number, demo.benoit.password);
    const laptop = new TestClient(server.baseUrl);
    await laptop.signIn(demo.benoit.number, demo.benoit.password);
    const claire = new TestClient(server.baseUrl);
    await claire.signIn(demo.claire.number, demo.claire.password);
    const phoneToken = decodeURIComponent(phone.cookies.get("__Host-espace.session_token")!.value).split(".")[0]!;
    const [phoneSession] = await server.services.db.select().from(session).where(eq(session.token, phoneToken));

    // Claire cannot end Benoit's session by its id.
    await claire.post("/mon-compte", { intent: "end-one", sessionId: phoneSession!.id });
    expect((await phone.get("/")).status).toBe(200);

    const ended = await laptop.post("/mon-compte", { intent: "end-one", sessionId: phoneSession!.id });
    expect(ended.headers.get("location")).toBe("/mon-compte?deconnectes=1");
    expect((await phone.get("/")).headers.get("location")).toBe("/connexion");
    expect((await laptop.get("/")).status).toBe(200);

    const again = new TestClient(server.baseUrl);
    await again.signIn(demo.benoit.number, demo.benoit.password);
    await laptop.post("/mon-compte", { intent: "end-all-others" });
    expect((await again.get("/")).headers.get("location")).toBe("/connexion");
    expect((await laptop.get("/")).status).toBe(200);
  });

  test("names devices without keeping their details", () => {
    expect(describeDevice(android)).toBe("Chrome sur Android");
    expect(describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0")).toBe(
      "Firefox sur Windows",
    );
    expect(describeDevice(null)).toBe("Appareil inconnu");
  });
});

describe("changing the password", () => {
  test("explains each refusal next to its field, then changes it, ends other sessions and tells the member", async ({
    server,
  }) => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.claire.number, demo.claire.password);
    const other = new TestClient(server.baseUrl);
    await other.signIn(demo.claire.number, demo.claire.password);
    // Without a fresh proof of identity, the page sends the member to confirm it first.
    expect((await member.get("/mon-compte/mot-de-passe")).headers.get("location")).toBe(
      "/mon-compte/verification?retour=%2Fmon-compte%2Fmot-de-passe",
    );
    await stepUpByEmail(member, server.dataDir, demo.claire.email, demo.claire.password);
    const change = (fields: Record<string, string>) => member.post("/mon-compte/mot-de-passe", fields);
    const mailsToClaire = () => {
      const dir = join(server.dataDir, "outbox");
      return readdirSync(dir).filter((f) =>
        readFileSync(join(dir, f), "utf8").includes("To: claire.fontaine@example.com"),
      ).length;
    };
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(server.dataDir, "outbox"), { recursive: true });
    const mailsBefore = mailsToClaire();

    const wrong = await change({
      currentPassword: "pas-le-bon",
      newPassword: "une phrase assez longue",
      confirmPassword: "une phrase assez longue",
    });
    expect(wrong.status).toBe(400);
    expect(visibleText(await wrong.text())).toContain("Le mot de passe actuel est incorrect.");
    const short = await change({
      currentPassword: demo.claire.password,
      newPassword: "court",
      confirmPassword: "court",
    });
    expect(visibleText(await short.text())).toContain("au moins 12 caractères");
    const breached = await change({
      currentPassword: demo.claire.password,
      newPassword: "123qweasdzxc",
      confirmPassword: "123qweasdzxc",
    });
    expect(visibleText(await breached.text())).toContain("les plus piratés");
    const mismatch = await change({
      currentPassword: demo.claire.password,
      newPassword: "une phrase assez longue",
      confirmPassword: "une autre phrase",
    });
    expect(visibleText(await mismatch.text())).toContain("ne sont pas identiques");

    const done = await change({
      currentPassword: demo.claire.password,
      newPassword: "le chat dort sur le radiateur",
      confirmPassword: "le chat dort sur le radiateur",
    });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/mon-compte?mot-de-passe-modifie");
    expect((await member.get("/")).status).toBe(200); // this device stays signed in, with a new session
    expect((await other.get("/")).headers.get("location")).toBe("/connexion"); // the others are signed out
    expect((await new TestClient(server.baseUrl).signIn(demo.claire.number, demo.claire.password)).status).toBe(401);
    expect(
      (await new TestClient(server.baseUrl).signIn(demo.claire.number, "le chat dort sur le radiateur")).status,
    ).toBe(302);
    // One e-mail, for the change that went through (none for the refused attempts).
    expect(mailsToClaire() - mailsBefore).toBe(1);
  });
});

describe("mot de passe oublié", () => {
  test("sends a single-use link for a known account, says the same for an unknown one, and ends every session", async ({
    server,
  }) => {
    const { readdirSync, readFileSync, mkdirSync } = await import("node:fs");
    const outbox = join(server.dataDir, "outbox");
    mkdirSync(outbox, { recursive: true });
    const mails = () => readdirSync(outbox).map((f) => readFileSync(join(outbox, f), "utf8"));
    const before = mails().length;
    const anonymous = new TestClient(server.baseUrl);
    const signedIn = new TestClient(server.baseUrl);
    await signedIn.signIn(demo.benoit.number, demo.benoit.password);

    const unknown = await anonymous.post("/mot-de-passe-oublie", { identifier: "99999999" });
    const known = await anonymous.post("/mot-de-passe-oublie", { identifier: demo.benoit.number });
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    const sentText = "Si ce compte existe, un e-mail vient de lui être envoyé";
    expect(visibleText(await unknown.text())).toContain(sentText);
    expect(visibleText(await known.text())).toContain(sentText);
    await waitForMailsTo(server.dataDir, demo.benoit.email, 1); // it leaves after the answer
    const newMails = mails()
      .slice(before)
      .filter((m) => m.includes("benoit.brouez@example.com"));
    expect(newMails).toHaveLength(1);
    const token = /jeton=([^\s&]+)/.exec(newMails[0]!.replace(/=\r?\n/g, "").replace(/=3D/g, "="))?.[1];
    expect(token).toBeTruthy();
    const link = `/mot-de-passe-oublie/nouveau?jeton=${token}`;
    expect((await anonymous.get(link)).status).toBe(200);

    const breached = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: decodeURIComponent(token!),
      newPassword: "123qweasdzxc",
      confirmPassword: "123qweasdzxc",
    });
    expect(breached.status).toBe(400);
    expect(visibleText(await breached.text())).toContain("les plus piratés");
    const done = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: decodeURIComponent(token!),
      newPassword: "une nouvelle phrase secrète",
      confirmPassword: "une nouvelle phrase secrète",
    });
    expect(done.headers.get("location")).toBe("/connexion?mot-de-passe-change=1");
    expect((await signedIn.get("/")).headers.get("location")).toBe("/connexion"); // every session ended
    expect(
      (await new TestClient(server.baseUrl).signIn(demo.benoit.number, "une nouvelle phrase secrète")).status,
    ).toBe(302);
    const reused = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: decodeURIComponent(token!),
      newPassword: "encore une autre phrase",
      confirmPassword: "encore une autre phrase",
    });
    expect(reused.status).toBe(400);
    expect(visibleText(await reused.text())).toContain("Ce lien n'est plus valable");
  });
});

describe("mot de passe oublié: the same work for every identifier, one link at a time", () => {
  test.beforeEach(async ({ server }) => {
    await server.services.db.delete(rateLimit); // each test asks for several links
  });
  async function userId(server: TestServer, number: string): Promise<string> {
    return (await server.services.db.select({ id: user.id }).from(user).where(eq(user.username, number)))[0]!.id;
  }
  const resetLinksOf = (server: TestServer, owner: string, since: Date) =>
    server.services.db
      .select({ identifier: verification.identifier })
      .from(verification)
      .where(
        and(
          like(verification.identifier, "reset-password:%"),
          eq(verification.value, owner),
          gte(verification.createdAt, since),
        ),
      );

  test("answers an unknown identifier exactly like a known one, after the same work (a link stored, an audit row; only the mail differs)", async ({
    server,
  }) => {
    const since = new Date();
    const mailsBefore = mailsTo(server.dataDir, demo.benoit.email).length;
    const anonymous = new TestClient(server.baseUrl);
    const unknown = await anonymous.post("/mot-de-passe-oublie", { identifier: "99999998" });
    const known = await anonymous.post("/mot-de-passe-oublie", { identifier: demo.benoit.number });
    expect([unknown.status, known.status]).toEqual([200, 200]);
    expect(visibleText(await unknown.text())).toBe(visibleText(await known.text()));

    // The same statements ran for both: one link stored (the unknown one a decoy owned by no account)...
    expect(await resetLinksOf(server, await userId(server, demo.benoit.number), since)).toHaveLength(1);
    expect(await resetLinksOf(server, "no-account", since)).toHaveLength(1);
    // ...one audit row each...
    const audits = await server.services.db
      .select({ actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.password_reset_requested"), gte(auditLog.at, since)));
    expect(audits.map((a) => a.actor ?? "none").sort()).toEqual(
      [await userId(server, demo.benoit.number), "none"].sort(),
    );
    // ...and the link goes only to the known account, after the answer.
    expect(await waitForMailsTo(server.dataDir, demo.benoit.email, mailsBefore + 1)).toHaveLength(mailsBefore + 1);
    // The decoy link opens nothing.
    const decoy = (await resetLinksOf(server, "no-account", since))[0]!.identifier.slice("reset-password:".length);
    const tried = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: decoy,
      newPassword: "une phrase pour personne",
      confirmPassword: "une phrase pour personne",
    });
    expect(tried.status).toBe(400);
  });

  test("stores only the SHA-256 of each link's token: the database holds no usable token", async ({ server }) => {
    const since = new Date();
    const anonymous = new TestClient(server.baseUrl);
    const before = mailsTo(server.dataDir, demo.benoit.email).length;
    await anonymous.post("/mot-de-passe-oublie", { identifier: demo.benoit.number });
    await waitForMailsTo(server.dataDir, demo.benoit.email, before + 1);
    // And one better-auth issues itself (a new advisor's first password goes this way).
    await server.services.auth.api.requestPasswordReset({ body: { email: demo.benoit.email } });
    const mails = await waitForMailsTo(server.dataDir, demo.benoit.email, before + 2);
    const tokens = mails.slice(before).map((m) => linkParam(m, "jeton"));
    const rows = await server.services.db
      .select({ identifier: verification.identifier, value: verification.value })
      .from(verification)
      .where(gte(verification.createdAt, since));
    const dump = JSON.stringify(await server.services.db.select().from(verification));
    for (const token of tokens) expect(dump).not.toContain(token);
    const links = rows.filter((r) => r.identifier.startsWith("reset-password:"));
    expect(links.length).toBeGreaterThan(0);
    for (const r of links) expect(r.identifier).toMatch(/^reset-password:[0-9a-f]{64}$/);
    // What the table holds opens nothing...
    const stored = links[0]!.identifier.slice("reset-password:".length);
    const refused = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: stored,
      newPassword: "la phrase du voleur de base",
      confirmPassword: "la phrase du voleur de base",
    });
    expect(refused.status).toBe(400);
    // ...the mailed token does (the newer one: issuing a link voided the older one of ours).
    const used = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: tokens[1]!,
      newPassword: "une phrase hachée en base",
      confirmPassword: "une phrase hachée en base",
    });
    expect(used.headers.get("location")).toBe("/connexion?mot-de-passe-change=1");
  });

  test("keeps a link issued before tokens were hashed working, once migrated", async ({ server }) => {
    const file = fs.readdirSync("drizzle").find((f) => f.endsWith("reset_links_hashed.sql"))!;
    const token = "ancien-jeton-en-clair-0123456789abcdefghijklmn";
    await server.services.db.insert(verification).values({
      id: randomUUID(),
      identifier: `reset-password:${token}`,
      value: await userId(server, demo.benoit.number),
      expiresAt: new Date(Date.now() + 10 * 60 * 1000),
    });
    await server.services.db.execute(sql.raw(fs.readFileSync(`drizzle/${file}`, "utf8")));
    const dump = JSON.stringify(await server.services.db.select().from(verification));
    expect(dump).not.toContain(token);
    const used = await new TestClient(server.baseUrl).post("/mot-de-passe-oublie/nouveau", {
      jeton: token,
      newPassword: "une phrase après migration",
      confirmPassword: "une phrase après migration",
    });
    expect(used.headers.get("location")).toBe("/connexion?mot-de-passe-change=1");
  });

  test("voids the older link when a newer one is issued", async ({ server }) => {
    const anonymous = new TestClient(server.baseUrl);
    const before = mailsTo(server.dataDir, demo.benoit.email).length;
    await anonymous.post("/mot-de-passe-oublie", { identifier: demo.benoit.number });
    await waitForMailsTo(server.dataDir, demo.benoit.email, before + 1);
    await anonymous.post("/mot-de-passe-oublie", { identifier: demo.benoit.email });
    const mails = await waitForMailsTo(server.dataDir, demo.benoit.email, before + 2);
    const [older, newer] = mails.slice(before).map((m) => linkParam(m, "jeton"));
    const refused = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: older!,
      newPassword: "la plus vieille phrase",
      confirmPassword: "la plus vieille phrase",
    });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain("Ce lien n'est plus valable");
    const used = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: newer!,
      newPassword: "la phrase la plus neuve",
      confirmPassword: "la phrase la plus neuve",
    });
    expect(used.headers.get("location")).toBe("/connexion?mot-de-passe-change=1");
    expect((await new TestClient(server.baseUrl).signIn(demo.benoit.number, "la phrase la plus neuve")).status).toBe(
      302,
    );
  });

  test("voids every other outstanding link when one is used", async ({ server }) => {
    // Two links out at once: ours, and one better-auth issues itself (as for a new advisor's first password).
    const anonymous = new TestClient(server.baseUrl);
    const before = mailsTo(server.dataDir, demo.benoit.email).length;
    await anonymous.post("/mot-de-passe-oublie", { identifier: demo.benoit.number });
    await waitForMailsTo(server.dataDir, demo.benoit.email, before + 1);
    await server.services.auth.api.requestPasswordReset({ body: { email: demo.benoit.email } });
    const mails = await waitForMailsTo(server.dataDir, demo.benoit.email, before + 2);
    const [older, newer] = mails.slice(before).map((m) => linkParam(m, "jeton"));
    const used = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: newer!,
      newPassword: "encore une phrase neuve",
      confirmPassword: "encore une phrase neuve",
    });
    expect(used.headers.get("location")).toBe("/connexion?mot-de-passe-change=1");
    const refused = await anonymous.post("/mot-de-passe-oublie/nouveau", {
      jeton: older!,
      newPassword: "la phrase de l'intrus",
      confirmPassword: "la phrase de l'intrus",
    });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain("Ce lien n'est plus valable");
    expect((await new TestClient(server.baseUrl).signIn(demo.benoit.number, "encore une phrase neuve")).status).toBe(
      302,
    );
  });
});
