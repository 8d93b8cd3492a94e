// The confidentiality of a beneficiary's care (every place a line can reach the contract holder), and a
// beneficiary's own bank details and documents.
import { and, eq } from "drizzle-orm";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { bankChange } from "../../app/modules/banking/schema.ts";
import { addMonths } from "../../app/modules/clock/calendar.ts";
import { person } from "../../app/modules/households/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { today } from "../support/clock.ts";
import { demo, type TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";
import { pdfText } from "../support/pdf.ts";
import { peoplePassword, personOf, signInBeneficiary } from "../support/people-access.ts";
import { stepUpByEmail } from "../support/step-up.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";

/** Sarah (Benoit's spouse, 16 and over) with her own login, as activation leaves it (the activation itself: people-own-access). */
const sarahSignedIn = (server: TestServer) =>
  signInBeneficiary(server.services.db, server.baseUrl, demo.benoit.number, "Sarah", "sarah@example.com");

describe("confidentiality of a beneficiary's care", () => {
  let sarah: TestClient;
  let sarahId = "";
  let sarahLine = "";
  test.beforeAll(async ({ server }) => {
    sarah = await sarahSignedIn(server);
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
    sarah = await sarahSignedIn(server);
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
