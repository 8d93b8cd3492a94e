// Own access for beneficiaries (invitation, request from the sign-in page, activation with birth date + code),
// the confidentiality of their care (every place a line can reach the contract holder), the end of access at
// removal, and carers' grants through the pages.
import { and, count, eq, sql } from "drizzle-orm";
import { createAppJobRunner } from "../../app/jobs.server.ts";
import { vi } from "vitest";
import { user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { bankChange } from "../../app/modules/banking/schema.ts";
import { carerGrant } from "../../app/modules/carers/schema.ts";
import { addDays, addMonths, addYears } from "../../app/modules/guarantees/dates.ts";
import { ownAccessInvite, person } from "../../app/modules/households/schema.ts";
import { job, mailOutbox } from "../../app/modules/jobs/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { today } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { checkSummary } from "../support/error-summary.ts";
import { lastMailTo, mailsTo, waitForMailsTo } from "../support/outbox.ts";
import { pdfText } from "../support/pdf.ts";
import { peoplePassword, personOf } from "../support/people-access.ts";
import { stepUpByEmail } from "../support/step-up.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";

/**
 * A database that refuses any mail to one address (a trigger on the outbox): the failure comes after the rows a
 * change writes before its mail, inside the same transaction.
 */
const failingAddress = "panne@example.com";
async function refuseMailTo(server: TestServer, address: string) {
  const db = server.services.db;
  await db.execute(
    sql.raw(`create or replace function refuse_test_mail() returns trigger language plpgsql as $$
      begin
        if new."to" = '${address}' then raise exception 'outbox refused'; end if;
        return new;
      end $$`),
  );
  await db.execute(sql.raw("drop trigger if exists refuse_test_mail on mail_outbox"));
  await db.execute(
    sql.raw(
      "create trigger refuse_test_mail before insert on mail_outbox for each row execute function refuse_test_mail()",
    ),
  );
}

const codeIn = (text: string) => /code : (\d{6})/.exec(text)?.[1] ?? "";
const tokenIn = (text: string) => /jeton=([A-Za-z0-9_%-]+)/.exec(text)?.[1] ?? "";

describe("own access for a beneficiary aged 16 and over", () => {
  test("writes a new invitation, the previous one's cancellation and its mail together, or none of them", async ({
    server,
    member: benoit,
  }) => {
    const helia = await personOf(server.services.db, demo.benoit.number, "Hélia");
    const first = await benoit.post(`/ma-mutuelle/beneficiaires/${helia.id}/acces`, {
      intent: "invite",
      email: "helia.ancienne@example.com",
    });
    expect(first.status).toBe(302);
    await refuseMailTo(server, failingAddress);
    const failed = await benoit.post(`/ma-mutuelle/beneficiaires/${helia.id}/acces`, {
      intent: "invite",
      email: failingAddress,
    });
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
    const res = await benoit.post(`/ma-mutuelle/beneficiaires/${lea.id}/acces`, {
      intent: "invite",
      email: "lea@example.com",
    });
    expect(res.status).toBe(422);
    expect(visibleText(await res.text())).toContain("à partir de 16 ans");
  });

  test("opens from the member's invitation once the beneficiary gives birth date, code and a password", async ({
    server,
    member: benoit,
  }) => {
    const helia = await personOf(server.services.db, demo.benoit.number, "Hélia");
    const sent = await benoit.post(`/ma-mutuelle/beneficiaires/${helia.id}/acces`, {
      intent: "invite",
      email: "helia@example.com",
    });
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

describe("confidentiality of a beneficiary's care", () => {
  let sarah: TestClient;
  let sarahId = "";
  let sarahLine = "";
  test.beforeAll(async ({ server }) => {
    sarah = new TestClient(server.baseUrl);
    expect((await sarah.signIn("sarah@example.com", peoplePassword)).status).toBe(302);
    const p = await personOf(server.services.db, demo.benoit.number, "Sarah");
    sarahId = p.id;
    const [line] = await server.services.db
      .select({ id: reimbursementLine.id })
      .from(reimbursementLine)
      .where(
        and(
          eq(reimbursementLine.beneficiaryId, p.id),
          eq(reimbursementLine.professionalName, "Cabinet de chiropraxie Saint-Roch"),
        ),
      );
    sarahLine = line!.id;
  });

  /** Everything the holder can read about the household's care, as text. */
  async function holderReads(benoit: TestClient) {
    // The statement spans at most three years (3 × 366 days): 35 whole months back from the 1st stays within it.
    const from = addMonths(today, -35).slice(0, 8) + "01";
    const pages = await Promise.all(
      [
        "/",
        "/remboursements",
        `/remboursements/${sarahLine}`,
        "/remboursements/synthese",
        `/remboursements/releve?du=${from}&au=${today}`,
        "/ma-mutuelle/garanties",
        "/demandes",
        "/documents",
      ].map(async (path) => [path, visibleText(await (await benoit.get(path)).text())] as const),
    );
    const csv = await (await benoit.get("/remboursements/export.csv")).text();
    const pdf = pdfText(await (await benoit.get(`/remboursements/releve.pdf?du=${from}&au=${today}`)).arrayBuffer());
    return { pages: Object.fromEntries(pages), csv, pdf };
  }

  test("shows the holder only the amounts paid for her, on every page, export and PDF; she still sees all", async ({
    server,
    member: benoit,
    advisor,
  }) => {
    const before = await holderReads(benoit);
    expect(before.pages[`/remboursements/${sarahLine}`]).toContain("Cabinet de chiropraxie Saint-Roch");
    expect(before.csv).toContain("Cabinet de chiropraxie Saint-Roch");

    const asked = await sarah.post("/mon-compte/aidants", { intent: "confidentiality", confidential: "on" });
    expect(asked.status).toBe(302);

    const after = await holderReads(benoit);
    for (const [path, text] of Object.entries(after.pages)) {
      expect(text, path).not.toContain("Cabinet de chiropraxie Saint-Roch");
      // The guarantee table names every kind of care; her usage meters are what must be gone.
      if (path === "/ma-mutuelle/garanties") expect(text).not.toContain("Sarah");
      else expect(text, path).not.toContain("Chiropractie");
    }
    expect(after.pages[`/remboursements/${sarahLine}`]).toContain("Soins confidentiels");
    // Her lines read "Soins confidentiels", but that is no kind of care to filter on.
    const list = await (await benoit.get("/remboursements")).text();
    expect(list).toContain('<select id="soin" name="soin">');
    expect(list).not.toContain('value="confidentiel"');
    expect(after.pages[`/remboursements/${sarahLine}`]).toContain("75,00");
    for (const text of [after.csv, after.pdf]) {
      expect(text).not.toContain("Cabinet de chiropraxie Saint-Roch");
      expect(text).not.toContain("Chiropractie");
    }
    expect(after.csv).toContain("Soins confidentiels");
    // The statement's narrow column cuts the label to its first word: "Soins", never the kind of care.
    const hers = after.pdf.split("\n").filter((l) => l.includes("Sarah Mancion"));
    expect(hers.length).toBeGreaterThan(0);
    for (const line of hers) expect(line).toMatch(/Sarah Mancion\s+Soins\s/);
    // Her own space reads her care in full.
    const own = visibleText(await (await sarah.get(`/remboursements/${sarahLine}`)).text());
    expect(own).toContain("Cabinet de chiropraxie Saint-Roch");

    // The advisor sees the flag.
    const file = visibleText(await (await advisor.get(`/back-office/adherents/${demo.benoit.number}`)).text());
    expect(file).toContain("Soins confidentiels");

    // And it can be withdrawn.
    expect((await sarah.post("/mon-compte/aidants", { intent: "confidentiality", confidential: "off" })).status).toBe(
      302,
    );
    expect((await holderReads(benoit)).csv).toContain("Cabinet de chiropraxie Saint-Roch");
    const rows = await server.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "access.confidentiality_changed"));
    expect(rows.length).toBe(2);
  });

  test("cannot be asked by the holder nor by anyone for someone else", async ({ server, member: benoit }) => {
    expect((await benoit.post("/mon-compte/aidants", { intent: "confidentiality", confidential: "on" })).status).toBe(
      404,
    );
    const [row] = await server.services.db.select().from(person).where(eq(person.id, sarahId));
    expect(row!.careConfidential).toBe(false);
  });
});

describe("a beneficiary's own bank details and documents", () => {
  let sarah: TestClient;
  test.beforeAll(async ({ server }) => {
    sarah = new TestClient(server.baseUrl);
    const signedIn = await sarah.signIn("sarah@example.com", peoplePassword);
    if (signedIn.status !== 302) throw new Error(`Sarah's sign-in: ${signedIn.status}`);
  });

  test("shows her own reimbursement account only, and changes it with the holder's step-up, hold and alert", async ({
    server,
  }) => {
    const db = server.services.db;
    const own = await personOf(db, demo.benoit.number, "Sarah");
    const helia = await personOf(db, demo.benoit.number, "Hélia");
    const page = visibleText(await (await sarah.get("/ma-mutuelle/coordonnees-bancaires")).text());
    expect(page).toContain("Mes remboursements");
    expect(page).not.toContain("Contrat santé : cotisations");
    for (const other of ["Hélia", "Léa", "Benoit Brouez"]) expect(page).not.toContain(other);

    // Only her own account: the contract's and another person's are 404, before any identity check.
    expect((await sarah.get("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat")).status).toBe(404);
    expect((await sarah.get(`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${helia.id}`)).status).toBe(404);
    const unproven = await sarah.get("/ma-mutuelle/coordonnees-bancaires/saisir");
    expect(unproven.status).toBe(302);
    expect(unproven.headers.get("location")).toMatch(/^\/mon-compte\/verification\?retour=/);
    const tooEarly = await sarah.post("/ma-mutuelle/coordonnees-bancaires/saisir", {
      iban: "DE89370400440532013000",
      holderName: "SARAH MANCION",
    });
    expect(tooEarly.status).toBe(302);
    expect(await db.select().from(bankChange).where(eq(bankChange.personId, own.id))).toEqual([]);

    await stepUpByEmail(sarah, server.dataDir, "sarah@example.com", peoplePassword);
    const form = visibleText(await (await sarah.get("/ma-mutuelle/coordonnees-bancaires/saisir")).text());
    expect(form).toMatch(/Pour vos remboursements\s*\./);
    expect(
      (
        await sarah.post("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat", {
          iban: "DE89370400440532013000",
          holderName: "SARAH MANCION",
        })
      ).status,
    ).toBe(404);
    const sent = await sarah.post("/ma-mutuelle/coordonnees-bancaires/saisir", {
      iban: "DE89370400440532013000",
      holderName: "SARAH MANCION",
    });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toMatch(/^\/ma-mutuelle\/coordonnees-bancaires\?demande=RIB-/);
    const [change] = await db.select().from(bankChange).where(eq(bankChange.personId, own.id));
    expect(change!.status).toBe("pending");
    expect(change!.householdId).toBe(own.householdId);
    expect(change!.effectiveAt.getTime()).toBeGreaterThan(change!.requestedAt.getTime());
    // The alert no setting can switch off goes to her, masked.
    const alert = lastMailTo(server.dataDir, "sarah@example.com");
    expect(alert.subject).toBe("Alerte sécurité : vos coordonnées bancaires ont été modifiées");
    expect(alert.text).not.toContain("DE89370400440532013000");
    expect(visibleText(await (await sarah.get("/ma-mutuelle/coordonnees-bancaires")).text())).toContain(
      "Nouveau compte en attente",
    );
    // She cancels her own change.
    expect(
      (await sarah.post("/ma-mutuelle/coordonnees-bancaires", { changeId: change!.id })).headers.get("location"),
    ).toBe("/ma-mutuelle/coordonnees-bancaires?annule");
    const [after] = await db.select().from(bankChange).where(eq(bankChange.id, change!.id));
    expect(after!.status).toBe("cancelled");
  });

  test("lists her card and statements, never the contract's documents", async ({ member: benoit }) => {
    const page = visibleText(await (await sarah.get("/documents")).text());
    expect(page).toContain("Carte de tiers payant");
    expect(page).toContain("Relevé de prestations");
    for (const contractOnly of ["Attestation de droits", "Échéancier de cotisations", "Attestations de cotisations"])
      expect(page).not.toContain(contractOnly);
    const holder = visibleText(await (await benoit.get("/documents")).text());
    expect(holder).toContain("Attestation de droits");
  });
});

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

    // Hélia (her own access already open) sees the space, and must enrol a second factor to act in it.
    const helia = new TestClient(server.baseUrl);
    expect((await helia.signIn("helia@example.com", peoplePassword)).status).toBe(302);
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
    // Her second factor from the carers' test stood in for an enrolment: sign in with the password alone here.
    await server.services.db.update(user).set({ twoFactorEnabled: false }).where(eq(user.email, "helia@example.com"));
    const hela = new TestClient(server.baseUrl);
    expect((await hela.signIn("helia@example.com", peoplePassword)).status).toBe(302);
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
