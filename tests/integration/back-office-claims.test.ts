// The back-office's claim queue and decisions, through the real server and database: the take-it lock under two
// advisors; a missing document asked for, then a decision at the engine's amount or another with a reason, and
// its effects (status, reimbursement line, e-mail, audit).
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";
import { fileClaimThroughForm, startBackOfficeCast } from "../support/back-office-cast.ts";
import type { TestServer } from "../support/test-server.ts";
import { recentDay } from "../support/clock.ts";

let server: TestServer;
let benoit: TestClient;
let conseiller: TestClient;
let gestionnaire: TestClient;
let louiseId: string;

beforeAll(async () => {
  ({ server, benoit, conseiller, gestionnaire } = await startBackOfficeCast());
  const [louise] = await server.services.db.select().from(person).where(eq(person.firstName, "Louise"));
  louiseId = louise!.id;
});
afterAll(() => server.close());

/** A claim filed through the member's own three-step form. */
const fileClaim = (careDate: string, amount = "80,00", beneficiaryId = louiseId) =>
  fileClaimThroughForm(server, benoit, { careDate, amount, beneficiaryId });

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
    expect([a.status, b.status].sort((x, y) => x - y)).toEqual([302, 409]);
    const loser = a.status === 409 ? a : b;
    expect(visibleText(await loser.text())).toContain("déjà prise en charge par");
    const [row] = await server.services.db
      .select({ assignedTo: memberRequest.assignedTo, status: memberRequest.status })
      .from(memberRequest)
      .where(eq(memberRequest.id, claim.id));
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
    const intruder = await gestionnaire.post(`/back-office/demandes/${claim.id}`, {
      intent: "missing_document",
      note: "Merci d'envoyer la facture.",
    });
    expect(intruder.status).toBe(409);

    const empty = await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "missing_document", note: "" });
    expect(empty.status).toBe(400);
    const asked = await conseiller.post(`/back-office/demandes/${claim.id}`, {
      intent: "missing_document",
      note: "Merci d'envoyer la facture acquittée du chiropracteur.",
    });
    expect(asked.status).toBe(302);
    expect(visibleText(await (await benoit.get(`/demandes/${claim.id}`)).text())).toContain(
      "Merci d'envoyer la facture acquittée du chiropracteur.",
    );
    expect(lastMailTo(server.dataDir, demo.benoit.email).subject).toBe(
      `Votre demande ${claim.reference} : Pièce manquante`,
    );
    const added = await benoit.postMultipart(`/demandes/${claim.id}`, {}, [
      { name: "facture-acquittee.pdf", bytes: readFileSync("config/notices/notice-information-2026.pdf") },
    ]);
    expect(added.status).toBe(302);

    const preview = await conseiller.post(`/back-office/demandes/${claim.id}`, {
      intent: "preview_claim",
      category: "chiropractie",
      base: "0",
      amo: "0",
    });
    const previewText = visibleText(await preview.text());
    const proposed = /Montant proposé par la garantie : ([\d  ]+,\d{2}) €/.exec(previewText)?.[1];
    expect(proposed).toBeTruthy();
    // A conseiller cannot set another amount.
    const override = await conseiller.post(`/back-office/demandes/${claim.id}`, {
      intent: "accept_claim",
      category: "chiropractie",
      base: "0",
      amo: "0",
      override: "80,00",
      overrideReason: "geste commercial",
    });
    expect(override.status).toBe(403);
    const accepted = await conseiller.post(`/back-office/demandes/${claim.id}`, {
      intent: "accept_claim",
      category: "chiropractie",
      base: "0",
      amo: "0",
    });
    expect(accepted.headers.get("location")).toBe(`/back-office/demandes/${claim.id}?fait=accepted`);

    const [line] = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, `demande:${claim.reference}`));
    expect(line).toBeTruthy();
    expect(line!.amcCents).toBe(Number(proposed!.replace(/\s/g, "").replace(",", "")));
    expect(line!.chargedCents).toBe(8000);
    expect(line!.remainingCents).toBe(8000 - line!.amcCents);
    const [home] = await server.services.db
      .select({ bankAccountId: household.bankAccountId })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    expect(line!.bankAccountId).toBe(home!.bankAccountId);
    const detail = visibleText(await (await benoit.get(`/remboursements/${line!.id}`)).text());
    expect(detail).toContain("Pourquoi ce montant ?");
    expect(visibleText(await (await benoit.get(`/demandes/${claim.id}`)).text())).toContain("Acceptée");
    expect(lastMailTo(server.dataDir, demo.benoit.email).subject).toBe(`Votre demande ${claim.reference} : Acceptée`);
    const audits = await server.services.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.action, "backoffice.request_decision"));
    expect(audits.length).toBeGreaterThanOrEqual(2);
    // Decided once: a second acceptance is refused and no second line appears.
    expect(
      (
        await conseiller.post(`/back-office/demandes/${claim.id}`, {
          intent: "accept_claim",
          category: "chiropractie",
          base: "0",
          amo: "0",
        })
      ).status,
    ).toBe(409);
  });

  it("pays a beneficiary with an account of their own on that account", async () => {
    const [sarah] = await server.services.db.select().from(person).where(eq(person.firstName, "Sarah"));
    const claim = await fileClaim(recentDay("2026-11-14"), "60,00", sarah!.id);
    await conseiller.post(`/back-office/demandes/${claim.id}`, {
      intent: "accept_claim",
      category: "chiropractie",
      base: "0",
      amo: "0",
    });
    const [line] = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, `demande:${claim.reference}`));
    expect(line).toMatchObject({
      paidTo: "beneficiary",
      paidToPersonId: sarah!.id,
      bankAccountId: sarah!.bankAccountId,
    });
  });

  it("lets a gestionnaire accept another amount with a reason, and refuses with a reason from the list", async () => {
    const claim = await fileClaim(recentDay("2026-11-12"), "50,00");
    await gestionnaire.post(`/back-office/demandes/${claim.id}`, { intent: "take" });
    const noReason = await gestionnaire.post(`/back-office/demandes/${claim.id}`, {
      intent: "accept_claim",
      category: "chiropractie",
      base: "0",
      amo: "0",
      override: "20,00",
      overrideReason: "",
    });
    expect(noReason.status).toBe(400);
    expect(visibleText(await noReason.text())).toContain("demande un motif");
    const done = await gestionnaire.post(`/back-office/demandes/${claim.id}`, {
      intent: "accept_claim",
      category: "chiropractie",
      base: "0",
      amo: "0",
      override: "20,00",
      overrideReason: "Accord commercial du 26/11",
    });
    expect(done.status).toBe(302);
    const [line] = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, `demande:${claim.reference}`));
    expect(line!.amcCents).toBe(2000);
    expect(line!.guaranteeLabel).toBe("Montant fixé par votre mutuelle : Accord commercial du 26/11");

    const other = await fileClaim(recentDay("2026-11-13"), "30,00");
    const noMotive = await conseiller.post(`/back-office/demandes/${other.id}`, { intent: "refuse", reason: "" });
    expect(noMotive.status).toBe(400);
    expect(
      (
        await conseiller.post(`/back-office/demandes/${other.id}`, {
          intent: "refuse",
          reason: "doublon",
          note: "Déjà remboursé le 12/11.",
        })
      ).status,
    ).toBe(302);
    const [refused] = await server.services.db.select().from(memberRequest).where(eq(memberRequest.id, other.id));
    expect(refused!.status).toBe("refused");
    // Decided without "Prendre en charge": the deciding advisor is recorded as handling it.
    expect(refused!.assignedTo).not.toBeNull();
    expect(refused!.decisionReason).toBe("Cette demande a déjà été remboursée. Déjà remboursé le 12/11.");
    expect(
      await server.services.db
        .select()
        .from(reimbursementLine)
        .where(eq(reimbursementLine.sourceLineId, `demande:${other.reference}`)),
    ).toHaveLength(0);
  });
});
