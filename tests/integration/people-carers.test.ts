// Carers' grants through the pages: the identity check first, the grant, its audit row and its invitation
// written together, the maximum, both sides' lists and revocation.
import { count, eq } from "drizzle-orm";
import { user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { carerGrant } from "../../app/modules/carers/schema.ts";
import { addMonths } from "../../app/modules/clock/calendar.ts";
import { mailOutbox } from "../../app/modules/jobs/schema.ts";
import { today } from "../support/clock.ts";
import { demo, visibleText } from "../support/http-client.ts";
import { checkSummary } from "../support/error-summary.ts";
import { lastMailTo } from "../support/outbox.ts";
import { stepUpByEmail } from "../support/step-up.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { failingAddress, refuseMailTo, signInBeneficiary } from "../support/people-access.ts";

describe("carers through the pages", () => {
  test("asks for a fresh identity check before granting", async ({ server, member: benoit }) => {
    const page = visibleText(await (await benoit.get("/mon-compte/aidants")).text());
    expect(page).toContain("Confirmer mon identité pour donner un accès");
    expect(page).not.toContain("Donner l'accès");
    const refused = await benoit.post("/mon-compte/aidants", {
      intent: "grant",
      name: "Hélia Brouez",
      email: "helia@example.com",
      scopes: "file",
      endsOn: addMonths(today, 3),
    });
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe("/mon-compte/verification?retour=%2Fmon-compte%2Faidants");
    expect(await server.services.db.select().from(carerGrant)).toEqual([]);

    await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password);
    expect(visibleText(await (await benoit.get("/mon-compte/aidants")).text())).toContain(
      "Votre identité est confirmée",
    );
  });

  test("writes the grant, its audit row and its invitation together, or none of them", async ({
    server,
    member: benoit,
  }) => {
    // A fresh identity check of its own: this test may run alone.
    await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password);
    await refuseMailTo(server, failingAddress);
    const failed = await benoit.post("/mon-compte/aidants", {
      intent: "grant",
      name: "Quelqu'un",
      email: failingAddress,
      scopes: "read",
      endsOn: addMonths(today, 1),
    });
    expect(failed.status).toBe(500);
    expect(await server.services.db.select().from(carerGrant).where(eq(carerGrant.carerEmail, failingAddress))).toEqual(
      [],
    );
    expect(await server.services.db.select().from(auditLog).where(eq(auditLog.action, "carer.granted"))).toEqual([]);
    const outbox = await server.services.db
      .select({ n: count() })
      .from(mailOutbox)
      .where(eq(mailOutbox.to, failingAddress));
    expect(outbox[0]!.n).toBe(0);
  });

  test("grants within the maximum, lists it on both sides, and revokes at once", async ({ server, member: benoit }) => {
    await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password); // may run alone
    // Hélia has her own access to Benoit's space already (as activation leaves it: people-own-access tests the
    // activation), so the grant to her address reaches that login.
    const helia = await signInBeneficiary(
      server.services.db,
      server.baseUrl,
      demo.benoit.number,
      "Hélia",
      "helia@example.com",
    );
    const tooLong = await benoit.post("/mon-compte/aidants", {
      intent: "grant",
      name: "Hélia Brouez",
      email: "helia@example.com",
      scopes: "file",
      endsOn: addMonths(today, 13),
    });
    expect(tooLong.status).toBe(422);
    const tooLongPage = await tooLong.text();
    expect(visibleText(tooLongPage)).toContain("au plus 12 mois");
    // The refusal is listed in the form's summary, linked to its field.
    expect(checkSummary(tooLongPage, "grant, too long")).toEqual(["endsOn"]);
    const noScope = await benoit.post("/mon-compte/aidants", {
      intent: "grant",
      name: "Hélia Brouez",
      email: "helia@example.com",
      endsOn: addMonths(today, 3),
    });
    expect(noScope.status).toBe(400);
    expect(checkSummary(await noScope.text(), "grant, no scope")).toEqual(["scopes"]);

    const granted = await benoit.post("/mon-compte/aidants", {
      intent: "grant",
      name: "Hélia Brouez",
      email: "helia@example.com",
      scopes: "file",
      endsOn: addMonths(today, 3),
      note: "Pour les papiers de papa",
    });
    expect(granted.status).toBe(302);
    expect(lastMailTo(server.dataDir, "helia@example.com").subject).toContain("vous donne accès");
    const given = visibleText(await (await benoit.get("/mon-compte/aidants")).text());
    expect(given).toContain("Hélia Brouez");
    expect(given).toContain("Déposer des demandes de remboursement et des devis");

    // Hélia sees the space she was given, and must enrol a second factor to act in it.
    const held = visibleText(await (await helia.get("/mon-compte/aidants")).text());
    expect(held).toContain("Benoit Brouez");
    expect(held).toContain("double authentification");
    const [grant] = await server.services.db
      .select()
      .from(carerGrant)
      .where(eq(carerGrant.carerEmail, "helia@example.com"));
    const refused = await helia.post("/mon-compte/aidants", { intent: "choose", grantId: grant!.id });
    expect(refused.headers.get("location")).toContain("/mon-compte/double-authentification");
    // As if enrolled (the enrolment itself is tested in two-factor.test.ts).
    await server.services.db.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, grant!.carerUserId!));
    expect((await helia.post("/mon-compte/aidants", { intent: "choose", grantId: grant!.id })).status).toBe(302);
    const acting = visibleText(await (await helia.get("/demandes/nouvelle")).text());
    expect(acting).toContain("Vous agissez pour le compte de Benoit Brouez");
    expect((await helia.get("/remboursements")).status).toBe(404);
    expect((await helia.get("/ma-mutuelle/coordonnees-bancaires")).status).toBe(404);

    const revoked = await benoit.post("/mon-compte/aidants", { intent: "revoke", grantId: grant!.id });
    expect(revoked.status).toBe(302);
    const after = await helia.get("/demandes/nouvelle");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/connexion/);
    expect(visibleText(await (await benoit.get("/mon-compte/aidants")).text())).toContain("Retiré");
  });
});
