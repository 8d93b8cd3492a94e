// Advisor accounts, through the real server and database: four eyes that one administrateur cannot defeat with
// an account of their own making (issue 17, item 7), and a leaver's access ended at once (item 8).
import { and, eq, like } from "drizzle-orm";
import { session, twoFactor, user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { advisorProposal } from "../../app/modules/back-office/schema.ts";
import { bankChange } from "../../app/modules/banking/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";
import {
  enrolTotp,
  forgetAdvisorSecondFactor,
  signInAdvisor,
  stepUpAdvisor,
  takeRecoveryCode,
} from "../support/step-up.ts";
import { describe, expect } from "../support/fixtures.ts";
import {
  createAdvisorThroughFourEyes,
  page,
  pendingProposal,
  signInWithRecoveryCode,
  test,
  userId,
} from "../support/advisor-accounts.ts";

describe("four eyes on advisor accounts (issue 17, item 7)", () => {
  test("refuses a RIB approval by an account the proposer brought in, both ways", async ({
    server,
    administrator: admin,
    second,
  }) => {
    await stepUpAdvisor(admin, server.dataDir, demo.administrator);
    await stepUpAdvisor(second, server.dataDir, demo.secondAdministrator);
    // The attack: an administrateur has a gestionnaire created for an address they control…
    const { client: accomplice } = await createAdvisorThroughFourEyes(server, admin, second, {
      name: "Complice Discret",
      username: "complice.discret",
      role: "gestionnaire",
    });

    // …then enters a RIB and approves it with that account.
    const proposed = await admin.post("/back-office/rib/nouveau", {
      memberNumber: demo.claire.number,
      target: "contrat",
      iban: "FR76 3000 6000 0112 3456 7890 189",
      holderName: "Claire Fontaine",
      note: "Appel de l'adhérente, identité vérifiée",
    });
    expect(proposed.status).toBe(302);
    const [change] = await server.services.db
      .select()
      .from(bankChange)
      .where(eq(bankChange.status, "awaiting_approval"));
    const refused = await accomplice.post(`/back-office/demandes/${change!.requestId}`, { intent: "approve_bank" });
    expect(refused.status).toBe(403);
    expect(visibleText(await refused.text())).toContain("créés ou promus l'un par l'autre");
    // An administrateur with no hand in the accomplice's account can.
    expect((await second.post(`/back-office/demandes/${change!.requestId}`, { intent: "approve_bank" })).status).toBe(
      302,
    );

    // The other way round: the accomplice enters a RIB, its creator may not approve it.
    await accomplice.post("/back-office/rib/nouveau", {
      memberNumber: demo.benoit.number,
      target: "contrat",
      iban: "DE89 3704 0044 0532 0130 00",
      holderName: "Benoit Brouez",
      note: "Appel de l'adhérent, identité vérifiée",
    });
    const [other] = await server.services.db
      .select()
      .from(bankChange)
      .where(eq(bankChange.status, "awaiting_approval"));
    expect((await admin.post(`/back-office/demandes/${other!.requestId}`, { intent: "approve_bank" })).status).toBe(
      403,
    );
    const [still] = await server.services.db
      .select({ status: bankChange.status })
      .from(bankChange)
      .where(eq(bankChange.id, other!.id));
    expect(still!.status).toBe("awaiting_approval");
    const denied = await server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "backoffice.bank_approved"), eq(auditLog.outcome, "denied")));
    expect(denied).toHaveLength(2);
  });

  test("refuses an advisor approval by an account the proposer promoted, and keeps the proposal pending", async ({
    server,
    administrator: admin,
    second,
  }) => {
    await stepUpAdvisor(admin, server.dataDir, demo.administrator);
    await stepUpAdvisor(second, server.dataDir, demo.secondAdministrator);
    const { client: promoted, credentials } = await createAdvisorThroughFourEyes(server, second, admin, {
      name: "Promu Rapide",
      username: "promu.rapide",
      role: "conseiller",
    });
    const promotedId = await userId(server, "promu.rapide");
    // Raised to administrateur on the first administrateur's proposal, with the second one's approval.
    expect(
      (await admin.post(page, { intent: "role", advisorId: promotedId, role: "administrateur" })).headers.get(
        "location",
      ),
    ).toBe(`${page}?fait=role-propose`);
    expect(
      (
        await second.post(page, {
          intent: "approve",
          proposalId: await pendingProposal(server, { advisorId: promotedId }),
        })
      ).headers.get("location"),
    ).toBe(`${page}?fait=role`);

    // The first administrateur proposes an account: the one they promoted cannot approve it.
    expect(
      (
        await admin.post(page, {
          name: "Troisième Compte",
          username: "troisieme.compte",
          email: "troisieme@ailleurs.example",
          role: "administrateur",
        })
      ).status,
    ).toBe(302);
    const proposalId = await pendingProposal(server, { username: "troisieme.compte" });
    const listed = visibleText(await (await promoted.get(page)).text());
    expect(listed).toContain(
      "Votre compte et celui de l'auteur de la proposition ont été créés ou promus l'un par l'autre",
    );
    await stepUpAdvisor(promoted, server.dataDir, credentials);
    const refused = await promoted.post(page, { intent: "approve", proposalId });
    expect(refused.status).toBe(403);
    expect(await server.services.db.select().from(user).where(eq(user.username, "troisieme.compte"))).toHaveLength(0);
    const [row] = await server.services.db
      .select({ status: advisorProposal.status })
      .from(advisorProposal)
      .where(eq(advisorProposal.id, proposalId));
    expect(row!.status).toBe("pending");
    // A refusal by anyone else closes it, audited.
    expect((await second.post(page, { intent: "refuse", proposalId })).headers.get("location")).toBe(
      `${page}?fait=refuse`,
    );
    const audits = await server.services.db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(eq(auditLog.action, "backoffice.advisor_proposal_refused"));
    expect(audits).toEqual([{ action: "backoffice.advisor_proposal_refused", outcome: "success" }]);

    // Lowered from administrateur, the promoted advisor's own pending proposal no longer stands.
    await stepUpAdvisor(promoted, server.dataDir, credentials);
    expect(
      (
        await promoted.post(page, {
          name: "Quatrième Compte",
          username: "quatrieme.compte",
          email: "quatrieme@ailleurs.example",
          role: "conseiller",
        })
      ).status,
    ).toBe(302);
    const theirs = await pendingProposal(server, { username: "quatrieme.compte" });
    expect(
      (await second.post(page, { intent: "role", advisorId: promotedId, role: "conseiller" })).headers.get("location"),
    ).toBe(`${page}?fait=role`);
    const [cancelled] = await server.services.db
      .select({ status: advisorProposal.status })
      .from(advisorProposal)
      .where(eq(advisorProposal.id, theirs));
    expect(cancelled!.status).toBe("cancelled");
    expect((await second.post(page, { intent: "approve", proposalId: theirs })).status).toBe(409);
    expect(await server.services.db.select().from(user).where(eq(user.username, "quatrieme.compte"))).toHaveLength(0);
  });
});

describe("deactivating an advisor, resetting their second factor (issue 17, item 8)", () => {
  test("ends every session at once, refuses sign-in with a French message, keeps the account; reactivation restores it", async ({
    server,
    administrator: admin,
  }) => {
    const first = new TestClient(server.baseUrl);
    await signInAdvisor(first, server.dataDir, demo.advisor);
    // A second device, signed in with a recovery code.
    const other = await signInWithRecoveryCode(server, demo.advisor);
    expect((await first.get("/back-office")).status).toBe(200);
    expect((await other.get("/back-office")).status).toBe(200);
    const advisorId = await userId(server, demo.advisor.username);
    // A request the leaver had taken: only they could decide on it.
    const [open] = await server.services.db
      .select({ id: memberRequest.id })
      .from(memberRequest)
      .where(like(memberRequest.reference, "DR-%-W6R9BX3E")); // its year moves with the demo data
    expect((await first.post(`/back-office/demandes/${open!.id}`, { intent: "take" })).status).toBe(302);

    // A sign-in half done (password given, code not yet) when the account is deactivated.
    const midway = new TestClient(server.baseUrl);
    expect((await midway.signIn(demo.advisor.username, demo.advisor.password)).headers.get("location")).toBe(
      "/connexion/code",
    );

    await stepUpAdvisor(admin, server.dataDir, demo.administrator);
    expect((await admin.post(page, { intent: "deactivate", advisorId })).headers.get("location")).toBe(
      `${page}?fait=desactive`,
    );
    const late = await midway.post("/connexion/code", {
      code: takeRecoveryCode(server.dataDir, demo.advisor.username),
    });
    expect(late.status).toBe(403);
    expect(visibleText(await late.text())).toContain("Ce compte n'est plus actif.");
    for (const client of [first, other])
      expect((await client.get("/back-office")).headers.get("location")).toBe("/connexion?redirectTo=%2Fback-office");
    expect(await server.services.db.select().from(session).where(eq(session.userId, advisorId))).toHaveLength(0);

    // The right password is told the account is inactive; a wrong one gets the usual answer.
    const refused = await new TestClient(server.baseUrl).signIn(demo.advisor.username, demo.advisor.password);
    expect(refused.status).toBe(403);
    expect(visibleText(await refused.text())).toContain(
      "Ce compte n'est plus actif. Adressez-vous à un administrateur de votre mutuelle.",
    );
    const wrong = await new TestClient(server.baseUrl).signIn(demo.advisor.username, "pas le bon mot de passe");
    expect(wrong.status).toBe(401);
    expect(visibleText(await wrong.text())).not.toContain("plus actif");
    expect(await server.services.db.select().from(session).where(eq(session.userId, advisorId))).toHaveLength(0);

    // Kept for the audit trail, shown as such.
    expect(visibleText(await (await admin.get(page)).text())).toMatch(
      /Camille Conseil conseiller\.demo .* Désactivé le \d{2}\/\d{2}\/\d{4}/,
    );
    const audits = await server.services.db
      .select({ details: auditLog.details, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(eq(auditLog.action, "backoffice.advisor_deactivated"));
    expect(audits).toEqual([
      {
        details: { advisorId, sessionsEnded: 2, requestsReleased: 1 },
        actor: await userId(server, demo.administrator.username),
      },
    ]);
    // Back in the queue, for anyone to take.
    const [released] = await server.services.db
      .select({ assignedTo: memberRequest.assignedTo })
      .from(memberRequest)
      .where(eq(memberRequest.id, open!.id));
    expect(released!.assignedTo).toBeNull();

    expect((await admin.post(page, { intent: "reactivate", advisorId })).headers.get("location")).toBe(
      `${page}?fait=reactive`,
    );
    const back = await signInWithRecoveryCode(server, demo.advisor);
    expect((await back.get("/back-office")).status).toBe(200);
  });

  test("needs a fresh step-up, and never applies to oneself", async ({
    server,
    administrator: admin,
    second: _enrolled,
  }) => {
    const gestionnaireId = await userId(server, demo.manager.username);
    // Asking for the `second` fixture enrols the second administrateur's authenticator (whichever test runs first):
    // this test opens another session of theirs, with no step-up yet, by one of their recovery codes.
    const fresh = await signInWithRecoveryCode(server, demo.secondAdministrator);
    for (const intent of ["deactivate", "reset_2fa", "reactivate"]) {
      expect((await fresh.post(page, { intent, advisorId: gestionnaireId })).headers.get("location")).toBe(
        `/mon-compte/verification?retour=${encodeURIComponent(page)}`,
      );
    }
    await stepUpAdvisor(admin, server.dataDir, demo.administrator);
    const self = await admin.post(page, {
      intent: "deactivate",
      advisorId: await userId(server, demo.administrator.username),
    });
    expect(self.status).toBe(409);
    expect(visibleText(await self.text())).toContain("Vous ne pouvez pas désactiver votre propre compte");
    expect((await admin.post(page, { intent: "deactivate", advisorId: "pas-un-identifiant" })).status).toBe(409);
  });

  test("resets the second factor: sessions end, the next sign-in must enrol a new authenticator", async ({
    server,
    administrator: admin,
  }) => {
    const manager = new TestClient(server.baseUrl);
    await signInAdvisor(manager, server.dataDir, demo.manager);
    const managerId = await userId(server, demo.manager.username);
    await stepUpAdvisor(admin, server.dataDir, demo.administrator);
    expect((await admin.post(page, { intent: "reset_2fa", advisorId: managerId })).headers.get("location")).toBe(
      `${page}?fait=double-authentification`,
    );
    expect((await manager.get("/back-office")).status).toBe(302);
    expect(await server.services.db.select().from(twoFactor).where(eq(twoFactor.userId, managerId))).toHaveLength(0);
    expect(lastMailTo(server.dataDir, demo.manager.email).subject).toBe(
      "Votre double authentification a été réinitialisée",
    );
    const [audit] = await server.services.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, "backoffice.advisor_two_factor_reset"));
    expect(audit!.details).toEqual({ advisorId: managerId });

    // The password alone opens nothing but enrolment, which asks for a code sent by e-mail first.
    forgetAdvisorSecondFactor(server.dataDir, demo.manager.username);
    const again = new TestClient(server.baseUrl);
    expect((await again.signIn(demo.manager.username, demo.manager.password)).headers.get("location")).toBe(
      "/back-office",
    );
    expect((await again.get("/back-office")).headers.get("location")).toBe(
      "/mon-compte/double-authentification?obligatoire",
    );
    await enrolTotp(again, server.dataDir, demo.manager.email, demo.manager.password);
    expect((await again.get("/back-office")).status).toBe(200);
  });

  test("of two administrateurs deactivating each other at the same moment, only one succeeds", async ({
    server,
    administrator: admin,
    second,
  }) => {
    await stepUpAdvisor(admin, server.dataDir, demo.administrator);
    await stepUpAdvisor(second, server.dataDir, demo.secondAdministrator);
    const adminId = await userId(server, demo.administrator.username);
    const secondId = await userId(server, demo.secondAdministrator.username);
    const results = await Promise.all([
      admin.post(page, { intent: "deactivate", advisorId: secondId }),
      second.post(page, { intent: "deactivate", advisorId: adminId }),
    ]);
    expect(results.filter((r) => r.headers.get("location") === `${page}?fait=desactive`)).toHaveLength(1);
    const active = await server.services.db
      .select({ id: user.id, deactivatedAt: user.deactivatedAt })
      .from(user)
      .where(eq(user.advisorRole, "administrateur"));
    expect(
      active
        .filter((a) => a.deactivatedAt === null)
        .map((a) => a.id)
        .filter((id) => id === adminId || id === secondId),
    ).toHaveLength(1);
  });
});
