// The back-office decisions and their effects, through the real server and database: status, reimbursement
// line, notification, audit; the take-it lock under two advisors; four eyes on RIBs entered by advisors.
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { bankChange } from "../../app/modules/banking/schema.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";
import { signInAdvisor, stepUpAdvisor } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { addMonths } from "../../app/modules/guarantees/dates.ts";
import { fr, recentDay, thisYear, today } from "../support/clock.ts";

let server: TestServer;
let benoit: TestClient;
let conseiller: TestClient;
let gestionnaire: TestClient;
let admin: TestClient;
let louiseId: string;

beforeAll(async () => {
  server = await startTestServer();
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
  conseiller = new TestClient(server.baseUrl);
  await signInAdvisor(conseiller, server.dataDir);
  gestionnaire = new TestClient(server.baseUrl);
  await signInAdvisor(gestionnaire, server.dataDir, demo.manager);
  admin = new TestClient(server.baseUrl);
  await signInAdvisor(admin, server.dataDir, demo.administrator);
  const [louise] = await server.services.db.select().from(person).where(eq(person.firstName, "Louise"));
  louiseId = louise!.id;
});
afterAll(() => server.close());

/** A claim filed through the member's own three-step form. */
async function fileClaim(careDate: string, amount = "80,00", beneficiaryId = louiseId): Promise<{ id: string; reference: string }> {
  const step1 = await benoit.post("/demandes/nouvelle", { intent: "details", beneficiaryId, careType: "chiropractie", lieu: "france", careDate, amount });
  const draftId = new URL(step1.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
  await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [{ name: "facture.pdf", bytes: readFileSync("config/notices/notice-information-2026.pdf") }]);
  const submitted = await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
  const id = /\/demandes\/([0-9a-f-]{36})/.exec(submitted.headers.get("location")!)![1]!;
  const [row] = await server.services.db.select({ reference: memberRequest.reference }).from(memberRequest).where(eq(memberRequest.id, id));
  return { id, reference: row!.reference };
}

describe("queues", () => {
  it("lists open claims oldest first, with who took them, and is closed to members", async () => {
    const claim = await fileClaim(recentDay("2026-11-02"));
    const page = visibleText(await (await conseiller.get("/back-office/demandes?file=remboursements")).text());
    expect(page).toContain("Demandes de remboursement");
    expect(page).toContain(claim.reference);
    expect(page).toContain("personne");
    expect((await benoit.get("/back-office/demandes")).status).toBe(404);
    // Odd queue names in the address fall back to the default queue, never an error.
    for (const odd of ["constructor", "__proto__", "inconnue"]) {
      const res = await conseiller.get(`/back-office/demandes?file=${odd}&pris=${odd}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("<h1>Demandes de remboursement</h1>");
    }
    expect((await benoit.get(`/back-office/demandes/${claim.id}`)).status).toBe(404);
    const home = visibleText(await (await conseiller.get("/back-office")).text());
    expect(home).toMatch(/Demandes de remboursement : \d+ en attente/);
  });

  it("lets only one of two advisors take a request at the same moment", async () => {
    const claim = await fileClaim(recentDay("2026-11-03"));
    const [a, b] = await Promise.all([
      conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "take" }),
      gestionnaire.post(`/back-office/demandes/${claim.id}`, { intent: "take" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([302, 409]);
    const loser = a.status === 409 ? a : b;
    expect(visibleText(await loser.text())).toContain("déjà prise en charge par");
    const [row] = await server.services.db.select({ assignedTo: memberRequest.assignedTo, status: memberRequest.status }).from(memberRequest).where(eq(memberRequest.id, claim.id));
    expect(row!.assignedTo).not.toBeNull();
    expect(row!.status).toBe("in_progress");
  });
});

describe("deciding a claim", () => {
  it("asks for a missing document, then accepts at the engine's amount: line, explanation, e-mail, audit", async () => {
    const claim = await fileClaim(recentDay("2026-11-10"));
    expect((await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "take" })).status).toBe(302);
    const file = visibleText(await (await conseiller.get(`/back-office/demandes/${claim.id}`)).text());
    expect(file).toContain("Benoit Brouez");
    expect(file).toContain("Historique de Louise");
    expect(file).toContain("facture.pdf");

    // Another advisor cannot decide on it.
    const intruder = await gestionnaire.post(`/back-office/demandes/${claim.id}`, { intent: "missing_document", note: "Merci d'envoyer la facture." });
    expect(intruder.status).toBe(409);

    const empty = await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "missing_document", note: "" });
    expect(empty.status).toBe(400);
    const asked = await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "missing_document", note: "Merci d'envoyer la facture acquittée du chiropracteur." });
    expect(asked.status).toBe(302);
    expect(visibleText(await (await benoit.get(`/demandes/${claim.id}`)).text())).toContain("Merci d'envoyer la facture acquittée du chiropracteur.");
    expect(lastMailTo(server.dataDir, demo.benoit.email).subject).toBe(`Votre demande ${claim.reference} : Pièce manquante`);
    const added = await benoit.postMultipart(`/demandes/${claim.id}`, {}, [{ name: "facture-acquittee.pdf", bytes: readFileSync("config/notices/notice-information-2026.pdf") }]);
    expect(added.status).toBe(302);

    const preview = await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "preview_claim", category: "chiropractie", base: "0", amo: "0" });
    const previewText = visibleText(await preview.text());
    const proposed = /Montant proposé par la garantie : ([\d  ]+,\d{2}) €/.exec(previewText)?.[1];
    expect(proposed).toBeTruthy();
    // A conseiller cannot set another amount.
    const override = await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "accept_claim", category: "chiropractie", base: "0", amo: "0", override: "80,00", overrideReason: "geste commercial" });
    expect(override.status).toBe(403);
    const accepted = await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "accept_claim", category: "chiropractie", base: "0", amo: "0" });
    expect(accepted.headers.get("location")).toBe(`/back-office/demandes/${claim.id}?fait=accepted`);

    const [line] = await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, `demande:${claim.reference}`));
    expect(line).toBeTruthy();
    expect(line!.amcCents).toBe(Number(proposed!.replace(/\s/g, "").replace(",", "")));
    expect(line!.chargedCents).toBe(8000);
    expect(line!.remainingCents).toBe(8000 - line!.amcCents);
    const [home] = await server.services.db.select({ bankAccountId: household.bankAccountId }).from(household).where(eq(household.memberNumber, demo.benoit.number));
    expect(line!.bankAccountId).toBe(home!.bankAccountId);
    const detail = visibleText(await (await benoit.get(`/remboursements/${line!.id}`)).text());
    expect(detail).toContain("Pourquoi ce montant ?");
    expect(visibleText(await (await benoit.get(`/demandes/${claim.id}`)).text())).toContain("Acceptée");
    expect(lastMailTo(server.dataDir, demo.benoit.email).subject).toBe(`Votre demande ${claim.reference} : Acceptée`);
    const audits = await server.services.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.action, "backoffice.request_decision"));
    expect(audits.length).toBeGreaterThanOrEqual(2);
    // Decided once: a second acceptance is refused and no second line appears.
    expect((await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "accept_claim", category: "chiropractie", base: "0", amo: "0" })).status).toBe(409);
  });

  it("pays a beneficiary with an account of their own on that account", async () => {
    const [sarah] = await server.services.db.select().from(person).where(eq(person.firstName, "Sarah"));
    const claim = await fileClaim(recentDay("2026-11-14"), "60,00", sarah!.id);
    await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "accept_claim", category: "chiropractie", base: "0", amo: "0" });
    const [line] = await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, `demande:${claim.reference}`));
    expect(line).toMatchObject({ paidTo: "beneficiary", paidToPersonId: sarah!.id, bankAccountId: sarah!.bankAccountId });
  });

  it("lets a gestionnaire accept another amount with a reason, and refuses with a reason from the list", async () => {
    const claim = await fileClaim(recentDay("2026-11-12"), "50,00");
    await gestionnaire.post(`/back-office/demandes/${claim.id}`, { intent: "take" });
    const noReason = await gestionnaire.post(`/back-office/demandes/${claim.id}`, { intent: "accept_claim", category: "chiropractie", base: "0", amo: "0", override: "20,00", overrideReason: "" });
    expect(noReason.status).toBe(400);
    expect(visibleText(await noReason.text())).toContain("demande un motif");
    const done = await gestionnaire.post(`/back-office/demandes/${claim.id}`, { intent: "accept_claim", category: "chiropractie", base: "0", amo: "0", override: "20,00", overrideReason: "Accord commercial du 26/11" });
    expect(done.status).toBe(302);
    const [line] = await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, `demande:${claim.reference}`));
    expect(line!.amcCents).toBe(2000);
    expect(line!.guaranteeLabel).toBe("Montant fixé par votre mutuelle : Accord commercial du 26/11");

    const other = await fileClaim(recentDay("2026-11-13"), "30,00");
    const noMotive = await conseiller.post(`/back-office/demandes/${other.id}`, { intent: "refuse", reason: "" });
    expect(noMotive.status).toBe(400);
    expect((await conseiller.post(`/back-office/demandes/${other.id}`, { intent: "refuse", reason: "doublon", note: "Déjà remboursé le 12/11." })).status).toBe(302);
    const [refused] = await server.services.db.select().from(memberRequest).where(eq(memberRequest.id, other.id));
    expect(refused!.status).toBe("refused");
    // Decided without "Prendre en charge": the deciding advisor is recorded as handling it.
    expect(refused!.assignedTo).not.toBeNull();
    expect(refused!.decisionReason).toBe("Cette demande a déjà été remboursée. Déjà remboursé le 12/11.");
    expect(await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, `demande:${other.reference}`))).toHaveLength(0);
  });
});

describe("RIB entered from the back-office", () => {
  it("needs a second person: a conseiller cannot approve, the one who entered it cannot either", async () => {
    const proposed = await gestionnaire.post("/back-office/rib/nouveau", { memberNumber: demo.claire.number, target: "contrat", iban: "FR76 3000 6000 0112 3456 7890 189", holderName: "Claire Fontaine", note: "Appel de l'adhérente du 26/11, identité vérifiée" });
    expect(proposed.status).toBe(302);
    const [change] = await server.services.db.select().from(bankChange).where(eq(bankChange.status, "awaiting_approval"));
    expect(change).toBeTruthy();
    const requestId = change!.requestId!;

    const byConseiller = await conseiller.post(`/back-office/demandes/${requestId}`, { intent: "approve_bank" });
    expect(byConseiller.status).toBe(403);
    const bySelf = await gestionnaire.post(`/back-office/demandes/${requestId}`, { intent: "approve_bank" });
    expect(bySelf.status).toBe(403);
    expect(visibleText(await bySelf.text())).toContain("un autre gestionnaire doit l'approuver");
    const [still] = await server.services.db.select({ status: bankChange.status }).from(bankChange).where(eq(bankChange.id, change!.id));
    expect(still!.status).toBe("awaiting_approval");

    // A second RIB for the same account cannot be entered while this one is open.
    const twice = await conseiller.post("/back-office/rib/nouveau", { memberNumber: demo.claire.number, target: "contrat", iban: "DE89 3704 0044 0532 0130 00", holderName: "Claire Fontaine", note: "Second appel le même jour" });
    expect(twice.status).toBe(409);
    const approved = await admin.post(`/back-office/demandes/${requestId}`, { intent: "approve_bank" });
    expect(approved.status).toBe(302);
    const [after] = await server.services.db.select().from(bankChange).where(eq(bankChange.id, change!.id));
    expect(after!.status).toBe("pending");
    expect(after!.effectiveAt.getTime()).toBeGreaterThan(Date.now() + 47 * 3600 * 1000);
    expect(lastMailTo(server.dataDir, demo.claire.email).subject).toBe("Alerte sécurité : vos coordonnées bancaires ont été modifiées");

    // Not through a plain refusal: the change would stay on hold with its démarche closed.
    expect((await admin.post(`/back-office/demandes/${requestId}`, { intent: "refuse", reason: "autre", note: "essai de refus" })).status).toBe(400);
    // A member's own change in its hold can be blocked on suspicion of fraud.
    const blocked = await gestionnaire.post(`/back-office/demandes/${requestId}`, { intent: "block_bank", note: "Appel suspect : numéro inconnu" });
    expect(blocked.status).toBe(302);
    const [final] = await server.services.db.select({ status: bankChange.status }).from(bankChange).where(eq(bankChange.id, change!.id));
    expect(final!.status).toBe("blocked");
    const [request] = await server.services.db.select({ status: memberRequest.status }).from(memberRequest).where(and(eq(memberRequest.id, requestId)));
    expect(request!.status).toBe("refused");
  });
});

describe("administration of advisor accounts", () => {
  it("lets an administrateur propose an advisor a second administrateur approves, who then sets a password; raising a role waits too; nobody else", async () => {
    const page = "/back-office/administration/conseillers";
    expect((await conseiller.get(page)).status).toBe(404);
    expect((await gestionnaire.get(page)).status).toBe(404);
    expect((await benoit.get(page)).status).toBe(404);
    const { user } = await import("../../app/modules/accounts/schema.ts");

    // Without a recent proof of identity nothing changes: the administrateur is sent to confirm it first.
    const stale = await admin.post(page, { name: "Sam Nouveau", username: "sam.nouveau", email: "sam.nouveau@mutuelle.example", role: "conseiller" });
    expect(stale.headers.get("location")).toBe(`/mon-compte/verification?retour=${encodeURIComponent(page)}`);
    await stepUpAdvisor(admin, server.dataDir, demo.administrator);

    const bad = await admin.post(page, { name: "", username: "1x", email: "nope", role: "chef" });
    expect(bad.status).toBe(400);
    const text = visibleText(await bad.text());
    expect(text).toContain("Saisissez le prénom et le nom.");
    expect(text).toContain("L'identifiant commence par une lettre");
    const proposed = await admin.post(page, { name: "Sam Nouveau", username: "Sam.Nouveau", email: "sam.nouveau@mutuelle.example", role: "conseiller" });
    expect(proposed.headers.get("location")).toBe(`${page}?fait=propose`);
    // Only proposed: no account, no e-mail yet.
    expect(await server.services.db.select({ id: user.id }).from(user).where(eq(user.username, "sam.nouveau"))).toHaveLength(0);
    expect(() => lastMailTo(server.dataDir, "sam.nouveau@mutuelle.example")).toThrow();
    expect((await admin.post(page, { name: "Sam Bis", username: "sam.nouveau", email: "autre@mutuelle.example", role: "conseiller" })).status).toBe(409);

    const { advisorProposal } = await import("../../app/modules/back-office/schema.ts");
    const [proposal] = await server.services.db.select().from(advisorProposal).where(eq(advisorProposal.username, "sam.nouveau"));
    const ownApproval = await admin.post(page, { intent: "approve", proposalId: proposal!.id });
    expect(ownApproval.status).toBe(403);
    expect(visibleText(await ownApproval.text())).toContain("un autre administrateur doit l'approuver");

    const second = new TestClient(server.baseUrl);
    await signInAdvisor(second, server.dataDir, demo.secondAdministrator);
    const listed = visibleText(await (await second.get(page)).text());
    expect(listed).toContain("Créer le compte de Sam Nouveau (sam.nouveau, sam.nouveau@mutuelle.example) : Conseiller");
    await stepUpAdvisor(second, server.dataDir, demo.secondAdministrator);
    const approved = await second.post(page, { intent: "approve", proposalId: proposal!.id });
    expect(approved.headers.get("location")).toBe(`${page}?fait=cree`);

    const token = /jeton=([^\s&]+)/.exec(lastMailTo(server.dataDir, "sam.nouveau@mutuelle.example").text)![1]!;
    const anonymous = new TestClient(server.baseUrl);
    expect((await anonymous.post("/mot-de-passe-oublie/nouveau", { jeton: decodeURIComponent(token), newPassword: "une phrase de conseiller", confirmPassword: "une phrase de conseiller" })).status).toBe(302);
    const sam = new TestClient(server.baseUrl);
    await signInAdvisor(sam, server.dataDir, { username: "sam.nouveau", email: "sam.nouveau@mutuelle.example", password: "une phrase de conseiller" });
    expect((await sam.get("/back-office")).status).toBe(200);
    expect((await sam.get("/back-office/rib/nouveau")).status).toBe(200);

    const [row] = await server.services.db.select({ id: user.id }).from(user).where(eq(user.username, "sam.nouveau"));
    // Raising a role is a proposal too; the new role applies once the other administrateur approves it.
    expect((await admin.post(page, { intent: "role", advisorId: row!.id, role: "gestionnaire" })).headers.get("location")).toBe(`${page}?fait=role-propose`);
    expect(visibleText(await (await sam.get("/back-office")).text())).toContain("Bonjour Sam Nouveau ( Conseiller )");
    const [raise] = await server.services.db.select().from(advisorProposal).where(and(eq(advisorProposal.advisorId, row!.id), eq(advisorProposal.status, "pending")));
    expect((await second.post(page, { intent: "approve", proposalId: raise!.id })).headers.get("location")).toBe(`${page}?fait=role`);
    expect(visibleText(await (await sam.get("/back-office")).text())).toContain("Bonjour Sam Nouveau ( Gestionnaire )");
    // Lowering it applies at once.
    expect((await admin.post(page, { intent: "role", advisorId: row!.id, role: "conseiller" })).headers.get("location")).toBe(`${page}?fait=role`);
    expect(visibleText(await (await sam.get("/back-office")).text())).toContain("Bonjour Sam Nouveau ( Conseiller )");
  });
});

describe("news", () => {
  it("an administrateur publishes news every member sees on the dashboard, and withdraws it", async () => {
    expect((await conseiller.get("/back-office/administration/actualites")).status).toBe(404);
    const bad = await admin.post("/back-office/administration/actualites", { title: "", body: "court", publishFrom: "2026-01-01", publishUntil: "" });
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("Saisissez un titre");
    await admin.post("/back-office/administration/actualites", { title: "Téléconsultation remboursée", body: "Vos téléconsultations sont remboursées comme une consultation au cabinet.", publishFrom: "2026-01-01", publishUntil: "" });
    await admin.post("/back-office/administration/actualites", { title: "Ancienne actualité", body: "Elle n'est plus publiée depuis longtemps.", publishFrom: "2025-01-01", publishUntil: "2025-02-01" });
    const claire = new TestClient(server.baseUrl);
    await claire.signIn(demo.claire.number, demo.claire.password);
    const home = visibleText(await (await claire.get("/")).text());
    expect(home).toContain("Actualités de votre mutuelle Téléconsultation remboursée");
    expect(home).not.toContain("Ancienne actualité");
    expect(visibleText(await (await claire.get("/actualites")).text())).toContain("Vos téléconsultations sont remboursées");
    const { newsItem } = await import("../../app/modules/news/schema.ts");
    const [item] = await server.services.db.select({ id: newsItem.id }).from(newsItem).where(eq(newsItem.title, "Téléconsultation remboursée"));
    await admin.post("/back-office/administration/actualites", { intent: "delete", id: item!.id });
    expect(visibleText(await (await claire.get("/")).text())).not.toContain("Téléconsultation remboursée");
  });
});

describe("fraud signals and access log", () => {
  it("flags a second claim for the same care, and the member sees which démarche an advisor opened", async () => {
    await fileClaim(recentDay("2026-11-05"), "45,00");
    const second = await fileClaim(recentDay("2026-11-05"), "45,00");
    const page = visibleText(await (await conseiller.get(`/back-office/demandes/${second.id}`)).text());
    expect(page).toContain("Signaux à vérifier");
    const account = visibleText(await (await benoit.get("/mon-compte")).text());
    expect(account).toContain(`votre démarche ${second.reference}`);
    expect(account).toContain("Camille Conseil");
  });
});

describe("guarantee tables", () => {
  it("shows the tables in service and checks a new file, with the place of each mistake", async () => {
    expect((await gestionnaire.get("/back-office/administration/garanties")).status).toBe(404);
    const page = visibleText(await (await admin.get("/back-office/administration/garanties")).text());
    expect(page).toContain("Optimale");
    const good = await admin.postMultipart("/back-office/administration/garanties", {}, []);
    expect(good.status).toBe(400);
    const send = (body: string) =>
      admin.postMultipart("/back-office/administration/garanties", {}, [{ field: "fichier", name: "tableaux.json", bytes: Buffer.from(body), type: "application/json" }]);
    const valid = await send(readFileSync("config/guarantees/demo.json", "utf8"));
    expect(valid.status).toBe(200);
    expect(visibleText(await valid.text())).toContain("le fichier est valide");
    const broken = JSON.parse(readFileSync("config/guarantees/demo.json", "utf8"));
    broken.products[0].levels[0].versions[0].lines[0].rule.kind = "inconnu";
    const invalid = await send(JSON.stringify(broken));
    expect(invalid.status).toBe(400);
    expect(visibleText(await invalid.text())).toContain("products[0].levels[0].versions[0].lines[0]");
  });
});

describe("quotes and beneficiaries", () => {
  it("answers a quote with confirmed amounts the member then reads in Mes démarches", async () => {
    const { household: householdTable } = await import("../../app/modules/households/schema.ts");
    const [home] = await server.services.db.select({ id: householdTable.id }).from(householdTable).where(eq(householdTable.memberNumber, demo.benoit.number));
    const [quote] = await server.services.db
      .insert(memberRequest)
      .values({
        reference: "DV-2026-TESTQ2345",
        householdId: home!.id,
        beneficiaryId: louiseId,
        kind: "quote",
        careType: "optique",
        careDate: recentDay("2026-11-20"),
        amountCents: 45000,
        details: { lines: [{ category: "optique_monture", label: "Monture (classe B)", chargedCents: 15000, baseCents: 3, quantity: 1, amoCents: 2, amcCents: 9998 }, { category: "optique_verres_simples", label: "Verres simples (classe B, par verre)", chargedCents: 30000, baseCents: 10, quantity: 2, amoCents: 6, amcCents: 12000 }] },
      })
      .returning({ id: memberRequest.id });
    const tooMuch = await conseiller.post(`/back-office/demandes/${quote!.id}`, { intent: "answer_quote", amc_0: "200,00", amc_1: "120,00" });
    expect(tooMuch.status).toBe(400);
    expect(visibleText(await tooMuch.text())).toContain("dépasse le prix du devis");
    const answered = await conseiller.post(`/back-office/demandes/${quote!.id}`, { intent: "answer_quote", amc_0: "99,98", amc_1: "130,00", note: "Accord pour le devis de l'opticien." });
    expect(answered.status).toBe(302);
    const text = visibleText(await (await benoit.get(`/demandes/${quote!.id}`)).text());
    expect(text).toContain("Prise en charge confirmée par votre mutuelle");
    expect(text).toContain("Total pris en charge : 229,98 €");
  });

  it("adds a beneficiary only when a gestionnaire accepts", async () => {
    const newborn = addMonths(today, -2);
    const filed = await benoit.postMultipart("/ma-mutuelle/beneficiaires/ajouter", { firstName: "Jules", lastName: "Brouez", birthDate: newborn, relationship: "child", startDate: `${thisYear + 1}-01-01` }, [{ name: "livret.pdf", bytes: readFileSync("config/notices/notice-information-2026.pdf") }]);
    const reference = /demande=(BEN-\d{4}-[A-Z0-9]{8})/.exec(filed.headers.get("location")!)![1]!;
    const [request] = await server.services.db.select({ id: memberRequest.id }).from(memberRequest).where(eq(memberRequest.reference, reference));
    expect((await conseiller.post(`/back-office/demandes/${request!.id}`, { intent: "accept_beneficiary" })).status).toBe(403);
    expect((await conseiller.post(`/back-office/demandes/${request!.id}`, { intent: "refuse", reason: "non_couvert" })).status).toBe(403);
    expect(await server.services.db.select().from(person).where(eq(person.firstName, "Jules"))).toHaveLength(0);
    expect((await gestionnaire.post(`/back-office/demandes/${request!.id}`, { intent: "accept_beneficiary" })).status).toBe(302);
    const [jules] = await server.services.db.select().from(person).where(eq(person.firstName, "Jules"));
    expect(jules).toMatchObject({ role: "child", birthDate: newborn, coverageStart: `${thisYear + 1}-01-01` });
    expect(visibleText(await (await benoit.get("/ma-mutuelle/beneficiaires")).text())).toContain(`Jules Brouez Lien Enfant Date de naissance ${fr(newborn)}`);
  });
});

describe("advisor sessions", () => {
  it("end after 15 minutes without activity", async () => {
    const { session } = await import("../../app/modules/accounts/schema.ts");
    const { user } = await import("../../app/modules/accounts/schema.ts");
    const idle = new TestClient(server.baseUrl);
    await signInAdvisor(idle, server.dataDir);
    expect((await idle.get("/back-office")).status).toBe(200);
    const [advisor] = await server.services.db.select({ id: user.id }).from(user).where(eq(user.username, demo.advisor.username));
    // As 16 minutes away leave it: last use (and last slide of the expiry) 16 minutes ago, so the sliding
    // refresh is due too; it must not count this request as the activity that keeps the session.
    const away = Date.now() - 16 * 60 * 1000;
    await server.services.db
      .update(session)
      .set({ updatedAt: new Date(away), expiresAt: new Date(away + 30 * 60 * 1000) })
      .where(eq(session.userId, advisor!.id));
    expect((await idle.get("/back-office")).headers.get("location")).toBe("/connexion?redirectTo=%2Fback-office");
  });
});

describe("messagerie categories", () => {
  it("an administrateur renames a subject members then see, and cannot drop a subject messages use", async () => {
    expect((await gestionnaire.get("/back-office/administration/categories")).status).toBe(404);
    const page = await (await admin.get("/back-office/administration/categories")).text();
    const json = /<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(page)![1]!.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    const catalog = JSON.parse(json) as { key: string; subjects: { key: string; label: string }[] }[];
    const contract = catalog.find((c) => c.key === "modification-contrat")!;
    contract.subjects.find((s) => s.key === "ajout-beneficiaires")!.label = "Ajouter un enfant ou un conjoint";
    expect((await admin.post("/back-office/administration/categories", { categories: JSON.stringify(catalog) })).status).toBe(302);
    const compose = visibleText(await (await benoit.get("/messagerie/nouveau?categorie=modification-contrat")).text());
    expect(compose).toContain("Ajouter un enfant ou un conjoint");

    const broken = await admin.post("/back-office/administration/categories", { categories: "[" });
    expect(broken.status).toBe(400);
    expect(visibleText(await broken.text())).toContain("JSON invalide");
    // The demo threads use a subject: removing it would orphan them.
    const { messageThread } = await import("../../app/modules/messaging/schema.ts");
    const [used] = await server.services.db.select({ category: messageThread.category, subject: messageThread.subject }).from(messageThread).limit(1);
    const without = catalog.map((c) => (c.key === used!.category ? { ...c, subjects: c.subjects.filter((s) => s.key !== used!.subject) } : c)).filter((c) => c.subjects.length > 0);
    const refused = await admin.post("/back-office/administration/categories", { categories: JSON.stringify(without) });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain("gardez leurs clés");
  });
});
