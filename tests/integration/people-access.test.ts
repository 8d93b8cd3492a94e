// Own access for beneficiaries (invitation, request from the sign-in page, activation with birth date + code),
// the confidentiality of their care (every place a line can reach the contract holder), the end of access at
// removal, and carers' grants through the pages.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { carerGrant } from "../../app/modules/carers/schema.ts";
import { addDays, addMonths } from "../../app/modules/guarantees/dates.ts";
import { person } from "../../app/modules/households/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { today } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo, waitForMailsTo } from "../support/outbox.ts";
import { pdfText } from "../support/pdf.ts";
import { peoplePassword, personOf } from "../support/people-access.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let benoit: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  benoit = new TestClient(server.baseUrl);
  expect((await benoit.signIn(demo.benoit.number, demo.benoit.password)).status).toBe(302);
}, 120_000);
afterAll(() => server.close());

const codeIn = (text: string) => /code : (\d{6})/.exec(text)?.[1] ?? "";
const tokenIn = (text: string) => /jeton=([A-Za-z0-9_%-]+)/.exec(text)?.[1] ?? "";

describe("own access for a beneficiary aged 16 and over", () => {
  it("is refused under 16, with the reason beside the field", async () => {
    const lea = await personOf(server.services.db, demo.benoit.number, "Léa");
    const res = await benoit.post(`/ma-mutuelle/beneficiaires/${lea.id}/acces`, {
      intent: "invite",
      email: "lea@example.com",
    });
    expect(res.status).toBe(422);
    expect(visibleText(await res.text())).toContain("à partir de 16 ans");
  });

  it("opens from the member's invitation once the beneficiary gives birth date, code and a password", async () => {
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
    expect((await own.get("/ma-mutuelle/coordonnees-bancaires")).status).toBe(404);
  });

  it("opens from the sign-in page's request once the member confirms; the answer says nothing of a match", async () => {
    const visitor = new TestClient(server.baseUrl);
    const unknown = await visitor.post("/activer-mon-espace", {
      intent: "request",
      memberNumber: demo.benoit.number,
      firstName: "Personne",
      birthDate: "1990-01-01",
      email: "personne@example.com",
    });
    const asked = await visitor.post("/activer-mon-espace", {
      intent: "request",
      memberNumber: demo.benoit.number,
      firstName: "sarah",
      birthDate: "1984-09-02",
      email: "sarah@example.com",
    });
    expect(unknown.status).toBe(302);
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toBe(unknown.headers.get("location"));

    const sarah = await personOf(server.services.db, demo.benoit.number, "Sarah");
    const [told] = (await waitForMailsTo(server.dataDir, demo.benoit.email, 1)).slice(-1);
    expect(told!.text).toContain(`/ma-mutuelle/beneficiaires/${sarah.id}/acces`);
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
  beforeAll(async () => {
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
  async function holderReads() {
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

  it("shows the holder only the amounts paid for her, on every page, export and PDF; she still sees all", async () => {
    const before = await holderReads();
    expect(before.pages[`/remboursements/${sarahLine}`]).toContain("Cabinet de chiropraxie Saint-Roch");
    expect(before.csv).toContain("Cabinet de chiropraxie Saint-Roch");

    const asked = await sarah.post("/mon-compte/aidants", { intent: "confidentiality", confidential: "on" });
    expect(asked.status).toBe(302);

    const after = await holderReads();
    for (const [path, text] of Object.entries(after.pages)) {
      expect(text, path).not.toContain("Cabinet de chiropraxie Saint-Roch");
      // The guarantee table names every kind of care; her usage meters are what must be gone.
      if (path === "/ma-mutuelle/garanties") expect(text).not.toContain("Sarah");
      else expect(text, path).not.toContain("Chiropractie");
    }
    expect(after.pages[`/remboursements/${sarahLine}`]).toContain("Soins confidentiels");
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
    const advisor = new TestClient(server.baseUrl);
    await signInAdvisor(advisor, server.dataDir, demo.advisor);
    const file = visibleText(await (await advisor.get(`/back-office/adherents/${demo.benoit.number}`)).text());
    expect(file).toContain("Soins confidentiels");

    // And it can be withdrawn.
    expect((await sarah.post("/mon-compte/aidants", { intent: "confidentiality", confidential: "off" })).status).toBe(
      302,
    );
    expect((await holderReads()).csv).toContain("Cabinet de chiropraxie Saint-Roch");
    const rows = await server.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "access.confidentiality_changed"));
    expect(rows.length).toBe(2);
  });

  it("cannot be asked by the holder nor by anyone for someone else", async () => {
    expect((await benoit.post("/mon-compte/aidants", { intent: "confidentiality", confidential: "on" })).status).toBe(
      404,
    );
    const [row] = await server.services.db.select().from(person).where(eq(person.id, sarahId));
    expect(row!.careConfidential).toBe(false);
  });
});

describe("carers through the pages", () => {
  it("grants within the maximum, lists it on both sides, and revokes at once", async () => {
    const tooLong = await benoit.post("/mon-compte/aidants", {
      intent: "grant",
      name: "Hélia Brouez",
      email: "helia@example.com",
      scopes: "file",
      endsOn: addMonths(today, 13),
    });
    expect(tooLong.status).toBe(422);
    expect(visibleText(await tooLong.text())).toContain("au plus 12 mois");
    const noScope = await benoit.post("/mon-compte/aidants", {
      intent: "grant",
      name: "Hélia Brouez",
      email: "helia@example.com",
      endsOn: addMonths(today, 3),
    });
    expect(noScope.status).toBe(400);

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

describe("removal of a beneficiary", () => {
  it("ends their own access after their last day of cover", async () => {
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
