import { eq } from "drizzle-orm";
import { account } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { describe, expect, test } from "../support/fixtures.ts";

const wrongMessage = "Identifiant ou mot de passe incorrect. Vérifiez votre saisie et réessayez.";

describe("sign-in", () => {
  test("signs a member in with the numéro d'adhérent and lands on the dashboard", async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    const res = await client.signIn(demo.benoit.number, demo.benoit.password);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    const page = await client.get("/");
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain("Bonjour Benoit");
  });

  test("signs a member in with the e-mail address, whatever its case", async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    const res = await client.signIn(demo.benoit.email.toUpperCase(), demo.benoit.password);
    expect(res.status).toBe(302);
    expect(visibleText(await (await client.get("/")).text())).toContain("Bonjour Benoit");
  });

  test("sets a __Host- session cookie that scripts cannot read", async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    await client.signIn(demo.benoit.number, demo.benoit.password);
    const cookie = client.cookies.get("__Host-espace.session_token");
    expect(cookie).toBeDefined();
    const attrs = cookie!.attributes.map((a) => a.toLowerCase());
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("secure");
    expect(attrs).toContain("path=/");
    expect(attrs).toContain("samesite=lax");
    expect(attrs.some((a) => a.startsWith("domain="))).toBe(false);
  });

  test("gives the same answer for a wrong password and an unknown account", async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    const wrong = await client.signIn(demo.benoit.number, "not-the-password-at-all");
    const unknown = await client.signIn("99999999", "not-the-password-at-all");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const wrongText = visibleText(await wrong.text());
    const unknownText = visibleText(await unknown.text());
    expect(wrongText).toContain(wrongMessage);
    // Same page apart from the echoed identifier.
    expect(wrongText.replace(demo.benoit.number, "X")).toBe(unknownText.replace("99999999", "X"));
    expect(client.cookies.has("__Host-espace.session_token")).toBe(false);
  });

  test("explains empty or malformed fields next to each field with a 400", async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    const res = await client.post("/connexion", { identifier: "", password: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="identifier-erreur"');
    expect(html).toContain('aria-invalid="true"');
    const text = visibleText(html);
    expect(text).toContain("Saisissez votre numéro d'adhérent ou votre adresse e-mail.");
    expect(text).toContain("Saisissez votre mot de passe.");
    const malformed = await client.post("/connexion", { identifier: "12<script>", password: "x" });
    expect(malformed.status).toBe(400);
    expect(visibleText(await malformed.text())).toContain(
      "Saisissez un numéro d'adhérent à 8 chiffres ou une adresse e-mail valide.",
    );
  });

  test("stores passwords as Argon2id hashes with at least m=19456, t=2", async ({ server }) => {
    const rows = await server.services.db.select({ password: account.password }).from(account);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=\d+\$/.exec(row.password ?? "");
      expect(match).not.toBeNull();
      expect(Number(match![1])).toBeGreaterThanOrEqual(19456);
      expect(Number(match![2])).toBeGreaterThanOrEqual(2);
    }
  });

  test("only follows same-site redirect targets after sign-in", async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    const res = await client.post("/connexion", {
      identifier: demo.benoit.number,
      password: demo.benoit.password,
      redirectTo: "//evil.example/x",
    });
    expect(res.headers.get("location")).toBe("/");
    const again = new TestClient(server.baseUrl);
    const ok = await again.post("/connexion", {
      identifier: demo.benoit.number,
      password: demo.benoit.password,
      redirectTo: "/aide-contact",
    });
    expect(ok.headers.get("location")).toBe("/aide-contact");
  });

  test.for([
    "/.//evil.example/x",
    "/%2F%2Fevil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/..//evil.example",
    "https://evil.example",
  ])("does not follow %j after a sign-in posted straight to /connexion", async (redirectTo, { server }) => {
    const client = new TestClient(server.baseUrl);
    const res = await client.post("/connexion", {
      identifier: demo.benoit.number,
      password: demo.benoit.password,
      redirectTo,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    // Nor through the sign-in page's own hidden field.
    const page = await new TestClient(server.baseUrl).get(`/connexion?redirectTo=${encodeURIComponent(redirectTo)}`);
    expect(await page.text()).toMatch(/name="redirectTo" value=""/);
  });

  test("audits successes and failures without secrets", async ({ server }) => {
    const client = new TestClient(server.baseUrl);
    await client.signIn(demo.claire.number, "definitely-wrong-password");
    await client.signIn(demo.claire.number, demo.claire.password);
    const rows = await server.services.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in"));
    const outcomes = rows.map((r) => r.outcome);
    expect(outcomes).toContain("failure");
    expect(outcomes).toContain("success");
    const serialized = JSON.stringify(rows);
    expect(serialized).not.toContain("definitely-wrong-password");
    expect(serialized).not.toContain(demo.claire.password);
    expect(rows.every((r) => r.at instanceof Date)).toBe(true);
  });

  test("keeps the back-office closed to an advisor until a second factor is enrolled, then asks for it at every sign-in", async ({
    server,
  }) => {
    // Someone holding the password before enrolment keeps nothing once the real advisor enrols.
    const early = new TestClient(server.baseUrl);
    await early.signIn(demo.advisor.username, demo.advisor.password);
    const client = new TestClient(server.baseUrl);
    const res = await client.signIn(demo.advisor.username, demo.advisor.password);
    expect(res.headers.get("location")).toBe("/back-office");
    expect((await client.get("/back-office")).headers.get("location")).toBe(
      "/mon-compte/double-authentification?obligatoire",
    );
    await signInAdvisor(client, server.dataDir); // enrols, as a new advisor would
    const page = await client.get("/back-office");
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain("Espace conseiller");
    expect((await early.get("/back-office")).headers.get("location")).toBe("/connexion?redirectTo=%2Fback-office");

    const later = new TestClient(server.baseUrl);
    const password = await later.signIn(demo.advisor.username, demo.advisor.password);
    expect(password.headers.get("location")).toBe("/connexion/code");
    expect((await later.get("/back-office")).headers.get("location")).toBe("/connexion?redirectTo=%2Fback-office");
    const wrong = await later.post("/connexion/code", { code: "000000" });
    expect(wrong.status).toBe(401);
    expect(visibleText(await wrong.text())).toContain("Ce code n'est pas valable");
    await signInAdvisor(new TestClient(server.baseUrl), server.dataDir);
  });
});
