// Own access for beneficiaries aged 16 and over: the member's invitation, the request from the sign-in page
// (settled by an advisor), activation with birth date + code, and its end at the beneficiary's removal.
import { and, count, eq } from "drizzle-orm";
import { createAppJobRunner } from "../../app/jobs.server.ts";
import { vi } from "vitest";
import { user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { addDays, addYears } from "../../app/modules/clock/calendar.ts";
import { ownAccessInvite, person } from "../../app/modules/households/schema.ts";
import { job, mailOutbox } from "../../app/modules/jobs/schema.ts";
import { today } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo, mailsTo, waitForMailsTo } from "../support/outbox.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import {
  codeIn,
  failingAddress,
  peoplePassword,
  personOf,
  refuseMailTo,
  signInBeneficiary,
  tokenIn,
} from "../support/people-access.ts";

/** The holder invites one of the household's people to open their own access, at `email`. */
const invite = (holder: TestClient, personId: string, email: string) =>
  holder.post(`/ma-mutuelle/beneficiaires/${personId}/acces`, { intent: "invite", email });

describe("own access for a beneficiary aged 16 and over", () => {
  test("writes a new invitation, the previous one's cancellation and its mail together, or none of them", async ({
    server,
    member: benoit,
  }) => {
    const helia = await personOf(server.services.db, demo.benoit.number, "Hélia");
    const first = await invite(benoit, helia.id, "helia.ancienne@example.com");
    expect(first.status).toBe(302);
    await refuseMailTo(server, failingAddress);
    const failed = await invite(benoit, helia.id, failingAddress);
    expect(failed.status).toBe(500);
    const invites = await server.services.db
      .select({ email: ownAccessInvite.email, status: ownAccessInvite.status })
      .from(ownAccessInvite)
      .where(eq(ownAccessInvite.personId, helia.id));
    // The first invitation still stands (its cancellation rolled back), and nothing names the failing address.
    expect(invites).toEqual([{ email: "helia.ancienne@example.com", status: "sent" }]);
    const outbox = await server.services.db
      .select({ n: count() })
      .from(mailOutbox)
      .where(eq(mailOutbox.to, failingAddress));
    expect(outbox[0]!.n).toBe(0);
  });

  test("is refused under 16, with the reason beside the field", async ({ server, member: benoit }) => {
    const lea = await personOf(server.services.db, demo.benoit.number, "Léa");
    const res = await invite(benoit, lea.id, "lea@example.com");
    expect(res.status).toBe(422);
    expect(visibleText(await res.text())).toContain("à partir de 16 ans");
  });

  test("opens from the member's invitation once the beneficiary gives birth date, code and a password", async ({
    server,
    member: benoit,
  }) => {
    const helia = await personOf(server.services.db, demo.benoit.number, "Hélia");
    const sent = await invite(benoit, helia.id, "helia@example.com");
    expect(sent.status).toBe(302);
    const [mail] = await waitForMailsTo(server.dataDir, "helia@example.com", 1);
    const token = decodeURIComponent(tokenIn(mail!.text));
    const code = codeIn(mail!.text);
    expect(token).not.toBe("");
    expect(code).toMatch(/^\d{6}$/);

    const visitor = new TestClient(server.baseUrl);
    expect((await visitor.get(`/activer-mon-espace?jeton=${encodeURIComponent(token)}`)).status).toBe(200);
    const wrong = await visitor.post("/activer-mon-espace", {
      intent: "activate",
      token,
      birthDate: "2005-05-22",
      code,
      password: peoplePassword,
      confirmPassword: peoplePassword,
    });
    expect(wrong.status).toBe(422);
    expect(visibleText(await wrong.text())).toContain("ne correspond pas");
    const weak = await visitor.post("/activer-mon-espace", {
      intent: "activate",
      token,
      birthDate: "2005-05-21",
      code,
      password: "court",
      confirmPassword: "court",
    });
    expect(weak.status).toBe(400);
    const ok = await visitor.post("/activer-mon-espace", {
      intent: "activate",
      token,
      birthDate: "2005-05-21",
      code,
      password: peoplePassword,
      confirmPassword: peoplePassword,
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/connexion?espace-active=1");
    // Single use.
    const again = await visitor.post("/activer-mon-espace", {
      intent: "activate",
      token,
      birthDate: "2005-05-21",
      code,
      password: peoplePassword,
      confirmPassword: peoplePassword,
    });
    expect(again.status).toBe(400);

    const own = new TestClient(server.baseUrl);
    expect((await own.signIn("helia@example.com", peoplePassword)).status).toBe(302);
    const home = visibleText(await (await own.get("/")).text());
    expect(home).toContain("Bonjour Hélia");
    // Her own bank details open; the contract's payment account is not hers to see.
    const bank = await own.get("/ma-mutuelle/coordonnees-bancaires");
    expect(bank.status).toBe(200);
    expect(visibleText(await bank.text())).not.toContain("Contrat santé : cotisations");
  });

  test("opens from the sign-in page's request once the member confirms; the answer says nothing of a match", async ({
    server,
    member: benoit,
  }) => {
    const db = server.services.db;
    const visitor = new TestClient(server.baseUrl);
    const written = async () => ({
      jobs: (await db.select({ n: count() }).from(job).where(eq(job.name, "own_access.request")))[0]!.n,
      invites: (await db.select({ n: count() }).from(ownAccessInvite))[0]!.n,
      mails: (await db.select({ n: count() }).from(mailOutbox))[0]!.n,
      audit: (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "access.own_requested")))[0]!.n,
    });
    const ask = async (firstName: string, birthDate: string, email: string) => {
      const before = await written();
      const res = await visitor.post("/activer-mon-espace", {
        intent: "request",
        memberNumber: demo.benoit.number,
        firstName,
        birthDate,
        email,
      });
      const after = await written();
      return {
        status: res.status,
        location: res.headers.get("location"),
        body: await res.text(),
        wrote: {
          jobs: after.jobs - before.jobs,
          invites: after.invites - before.invites,
          mails: after.mails - before.mails,
          audit: after.audit - before.audit,
        },
      };
    };
    const unknown = await ask("Personne", "1990-01-01", "personne@example.com");
    const asked = await ask("sarah", "1984-09-02", "sarah@example.com");
    // The same answer, and the same work behind it: one job queued, nothing else (no timing oracle).
    expect(asked).toEqual(unknown);
    expect(asked.status).toBe(302);
    expect(asked.wrote).toEqual({ jobs: 1, invites: 0, mails: 0, audit: 0 });

    // The queue then handles both: the match becomes a request and the member is told; what was typed is dropped.
    await createAppJobRunner(server.services).runOnce();
    const jobs = await db
      .select({ status: job.status, payload: job.payload })
      .from(job)
      .where(eq(job.name, "own_access.request"));
    expect(jobs.map((j) => j.status)).toEqual(["done", "done"]);
    for (const j of jobs) expect(j.payload).toEqual({});
    const outcomes = await db
      .select({ outcome: auditLog.outcome })
      .from(auditLog)
      .where(eq(auditLog.action, "access.own_requested"));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["failure", "success"]);
    expect(mailsTo(server.dataDir, "personne@example.com")).toEqual([]);

    const sarah = await personOf(server.services.db, demo.benoit.number, "Sarah");
    // Found by its link, not as the last mail: on 1 January the same run also announces last year's attestation.
    const told = await vi.waitFor(
      () => {
        const found = mailsTo(server.dataDir, demo.benoit.email).find((m) =>
          m.text.includes(`/ma-mutuelle/beneficiaires/${sarah.id}/acces`),
        );
        if (!found) throw new Error("the holder is not told yet");
        return found;
      },
      { timeout: 30_000 },
    );
    expect(told.subject).toBeTruthy();
    const page = visibleText(await (await benoit.get(`/ma-mutuelle/beneficiaires/${sarah.id}/acces`)).text());
    // The holder sees which address the invitation would go to before confirming (security review 2026-12-02:
    // anyone knowing her birth date could ask with their own address).
    expect(page).toContain(
      "Une demande d'accès pour Sarah a été faite depuis la page de connexion, avec l'adresse sarah@example.com",
    );
    expect((await benoit.post(`/ma-mutuelle/beneficiaires/${sarah.id}/acces`, { intent: "confirm" })).status).toBe(302);
    const mail = lastMailTo(server.dataDir, "sarah@example.com");
    const ok = await visitor.post("/activer-mon-espace", {
      intent: "activate",
      token: decodeURIComponent(tokenIn(mail.text)),
      birthDate: "1984-09-02",
      code: codeIn(mail.text),
      password: peoplePassword,
      confirmPassword: peoplePassword,
    });
    expect(ok.status).toBe(302);
  });
});

describe("an advisor settles a request from the sign-in page", () => {
  test("lets a gestionnaire refuse or confirm it, tells the holder each time, and audits it", async ({
    server,
    advisor: conseiller,
    manager,
  }) => {
    const db = server.services.db;
    // Louise, made 17 today for this test (the demo's Louise is younger).
    const louise = await personOf(db, demo.benoit.number, "Louise");
    const birthDate = addYears(today, -17);
    await db.update(person).set({ birthDate }).where(eq(person.id, louise.id));
    const visitor = new TestClient(server.baseUrl);
    const ask = (email: string) =>
      visitor.post("/activer-mon-espace", {
        intent: "request",
        memberNumber: demo.benoit.number,
        firstName: "Louise",
        birthDate,
        email,
      });
    expect((await ask("louise.inconnue@example.com")).status).toBe(302);
    await createAppJobRunner(server.services).runOnce();

    expect((await conseiller.get("/back-office/acces-personnels")).status).toBe(404);
    const home = visibleText(await (await manager.get("/back-office")).text());
    expect(home).toContain("Demandes d'espace personnel : 1 en attente");
    const queue = visibleText(await (await manager.get("/back-office/acces-personnels")).text());
    expect(queue).toContain("Louise Brouez");
    expect(queue).toContain("louise.inconnue@example.com");
    const [first] = await db
      .select({ id: ownAccessInvite.id })
      .from(ownAccessInvite)
      .where(and(eq(ownAccessInvite.personId, louise.id), eq(ownAccessInvite.status, "requested")));

    const refused = await manager.post("/back-office/acces-personnels", { inviteId: first!.id, decision: "refuse" });
    expect(refused.headers.get("location")).toBe("/back-office/acces-personnels?refusee");
    expect(lastMailTo(server.dataDir, demo.benoit.email).subject).toContain("a refusé une demande d'espace personnel");
    expect(mailsTo(server.dataDir, "louise.inconnue@example.com")).toEqual([]);

    expect((await ask("louise@example.com")).status).toBe(302);
    await createAppJobRunner(server.services).runOnce();
    const [second] = await db
      .select({ id: ownAccessInvite.id })
      .from(ownAccessInvite)
      .where(and(eq(ownAccessInvite.personId, louise.id), eq(ownAccessInvite.status, "requested")));
    const confirmed = await manager.post("/back-office/acces-personnels", {
      inviteId: second!.id,
      decision: "confirm",
    });
    expect(confirmed.headers.get("location")).toBe("/back-office/acces-personnels?confirmee");
    expect(codeIn(lastMailTo(server.dataDir, "louise@example.com").text)).toMatch(/^\d{6}$/);
    expect(lastMailTo(server.dataDir, demo.benoit.email).subject).toContain("a confirmé la demande d'espace personnel");
    // Settled once: a second confirmation (the holder's, or another advisor's) finds nothing to confirm.
    const again = await manager.post("/back-office/acces-personnels", { inviteId: second!.id, decision: "confirm" });
    expect(again.status).toBe(404);
    expect(mailsTo(server.dataDir, "louise@example.com")).toHaveLength(1);

    const [advisorUser] = await db.select({ id: user.id }).from(user).where(eq(user.email, demo.manager.email));
    const audited = await db
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.householdId, louise.householdId), eq(auditLog.actorUserId, advisorUser!.id)));
    expect(audited.map((a) => a.action).sort()).toEqual(["access.own_invited", "access.own_refused"]);
  });
});

describe("removal of a beneficiary", () => {
  test("ends their own access after their last day of cover", async ({ server }) => {
    // Her own login as activation leaves it (this file's activation test may or may not have run before).
    const hela = await signInBeneficiary(
      server.services.db,
      server.baseUrl,
      demo.benoit.number,
      "Hélia",
      "helia@example.com",
    );
    expect((await hela.get("/")).status).toBe(200);
    const helia = await personOf(server.services.db, demo.benoit.number, "Hélia");
    await server.services.db.update(person).set({ coverageEnd: today }).where(eq(person.id, helia.id));
    expect((await hela.get("/")).status).toBe(200); // the last day still counts
    await server.services.db
      .update(person)
      .set({ coverageEnd: addDays(today, -1) })
      .where(eq(person.id, helia.id));
    const res = await hela.get("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/connexion/);
  });
});
