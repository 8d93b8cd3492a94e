// Issue 25, item 1: one error pattern on every form. A refused form comes back with a summary at the top
// (role="alert", focusable) listing each error as a link to its field; each field it links to exists, carries
// aria-invalid="true" and names its message in aria-describedby. Checked on the server's HTML, so it holds
// without JavaScript; the e2e test (error-summary.spec.ts) checks focus moves to the summary.
import { demo, TestClient } from "../support/http-client.ts";
import { checkSummary, tagWithId } from "../support/error-summary.ts";
import { stepUpByEmail } from "../support/step-up.ts";
import { describe, expect, test } from "../support/fixtures.ts";

describe("one error summary on every form (issue 25, item 1)", () => {
  test("on the sign-in pages", async ({ server }) => {
    const visitor = new TestClient(server.baseUrl);
    const signIn = await visitor.post("/connexion", { identifier: "", password: "" });
    expect(signIn.status).toBe(400);
    const html = await signIn.text();
    expect(checkSummary(html, "/connexion")).toEqual(["identifier", "password"]);
    // The submit button is never disabled (focus would fall to <body> while posting).
    expect(html).not.toMatch(/<button[^>]*type="submit"[^>]*disabled/);
    const forgotten = await visitor.post("/mot-de-passe-oublie", { identifier: "" });
    expect(forgotten.status).toBe(400);
    expect(checkSummary(await forgotten.text(), "/mot-de-passe-oublie")).toEqual(["identifier"]);
  });

  test("on the claim's first step, the devis and the messagerie", async ({ member: benoit }) => {
    const claim = await benoit.post("/demandes/nouvelle", { intent: "details", lieu: "etranger", amountAbroad: "x" });
    expect(claim.status).toBe(400);
    const claimHtml = await claim.text();
    expect(checkSummary(claimHtml, "claim step 1")).toEqual(
      expect.arrayContaining(["beneficiaryId", "careType", "careDate", "amountAbroad"]),
    );
    // "*" is explained; radios and selects say they are required.
    expect(claimHtml).toContain("Les champs marqués d&#x27;un astérisque (*) sont obligatoires.");
    expect(tagWithId(claimHtml, "careType")).toContain("required");
    expect(tagWithId(claimHtml, "beneficiaryId")).toContain("required");

    const quote = await benoit.post("/devis/nouveau", { beneficiaryId: "", acte0: "generaliste", prix0: "abc" });
    expect(quote.status).toBe(400);
    expect(checkSummary(await quote.text(), "devis")).toEqual(["beneficiaryId", "acte0", "prix0"]);

    // The messagerie's "Suivant" (a GET form) without a category.
    const next = await benoit.get("/messagerie/nouveau?categorie=");
    expect(checkSummary(await next.text(), "messagerie")).toEqual(["categorie"]);
  });

  test("on Mon compte's forms behind the step-up", async ({ server, member: benoit }) => {
    await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password);
    const email = await benoit.post("/mon-compte/email", { email: "pas-une-adresse" });
    expect(email.status).toBe(400);
    expect(checkSummary(await email.text(), "e-mail")).toEqual(["email"]);
    const password = await benoit.post("/mon-compte/mot-de-passe", { newPassword: "", confirmPassword: "x" });
    expect(password.status).toBe(400);
    expect(checkSummary(await password.text(), "mot de passe").length).toBeGreaterThan(0);
  });

  test("on the step-up itself: a wrong password", async ({ otherMember: client }) => {
    const wrong = await client.post("/mon-compte/verification", { password: "pas le bon" });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(checkSummary(await wrong.text(), "step-up")).toEqual(["password"]);
  });
});
