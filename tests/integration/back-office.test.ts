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
import { signInAdvisor } from "../support/step-up.ts";
import { startBackOfficeCast } from "../support/back-office-cast.ts";
import type { TestServer } from "../support/test-server.ts";
import { addMonths } from "../../app/modules/guarantees/dates.ts";
import { fr, recentDay, thisYear, today } from "../support/clock.ts";

let server: TestServer;
let benoit: TestClient;
let conseiller: TestClient;
let gestionnaire: TestClient;
let admin: TestClient;
let louiseId: string;

beforeAll(async () => {
  ({ server, benoit, conseiller, gestionnaire, admin } = await startBackOfficeCast());
  const [louise] = await server.services.db.select().from(person).where(eq(person.firstName, "Louise"));
  louiseId = louise!.id;
});
afterAll(() => server.close());

/** A claim filed through the member's own three-step form. */
async function fileClaim(
  careDate: string,
  amount = "80,00",
  beneficiaryId = louiseId,
): Promise<{ id: string; reference: string }> {
  const step1 = await benoit.post("/demandes/nouvelle", {
    intent: "details",
    beneficiaryId,
    careType: "chiropractie",
    lieu: "france",
    careDate,
    amount,
  });
  const draftId = new URL(step1.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
  await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
    { name: "facture.pdf", bytes: readFileSync("config/notices/notice-information-2026.pdf") },
  ]);
  const submitted = await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
  const id = /\/demandes\/([0-9a-f-]{36})/.exec(submitted.headers.get("location")!)![1]!;
  const [row] = await server.services.db
    .select({ reference: memberRequest.reference })
    .from(memberRequest)
    .where(eq(memberRequest.id, id));
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

describe("RIB entered from the back-office", () => {
  it("needs a second person: a conseiller cannot approve, the one who entered it cannot either", async () => {
    const proposed = await gestionnaire.post("/back-office/rib/nouveau", {
      memberNumber: demo.claire.number,
      target: "contrat",
      iban: "FR76 3000 6000 0112 3456 7890 189",
      holderName: "Claire Fontaine",
      note: "Appel de l'adhérente du 26/11, identité vérifiée",
    });
    expect(proposed.status).toBe(302);
    const [change] = await server.services.db
      .select()
      .from(bankChange)
      .where(eq(bankChange.status, "awaiting_approval"));
    expect(change).toBeTruthy();
    const requestId = change!.requestId!;

    const byConseiller = await conseiller.post(`/back-office/demandes/${requestId}`, { intent: "approve_bank" });
    expect(byConseiller.status).toBe(403);
    const bySelf = await gestionnaire.post(`/back-office/demandes/${requestId}`, { intent: "approve_bank" });
    expect(bySelf.status).toBe(403);
    expect(visibleText(await bySelf.text())).toContain("un autre gestionnaire doit l'approuver");
    const [still] = await server.services.db
      .select({ status: bankChange.status })
      .from(bankChange)
      .where(eq(bankChange.id, change!.id));
    expect(still!.status).toBe("awaiting_approval");

    // A second RIB for the same account cannot be entered while this one is open.
    const twice = await conseiller.post("/back-office/rib/nouveau", {
      memberNumber: demo.claire.number,
      target: "contrat",
      iban: "DE89 3704 0044 0532 0130 00",
      holderName: "Claire Fontaine",
      note: "Second appel le même jour",
    });
    expect(twice.status).toBe(409);
    const approved = await admin.post(`/back-office/demandes/${requestId}`, { intent: "approve_bank" });
    expect(approved.status).toBe(302);
    const [after] = await server.services.db.select().from(bankChange).where(eq(bankChange.id, change!.id));
    expect(after!.status).toBe("pending");
    expect(after!.effectiveAt.getTime()).toBeGreaterThan(Date.now() + 47 * 3600 * 1000);
    expect(lastMailTo(server.dataDir, demo.claire.email).subject).toBe(
      "Alerte sécurité : vos coordonnées bancaires ont été modifiées",
    );

    // Not through a plain refusal: the change would stay on hold with its démarche closed.
    expect(
      (
        await admin.post(`/back-office/demandes/${requestId}`, {
          intent: "refuse",
          reason: "autre",
          note: "essai de refus",
        })
      ).status,
    ).toBe(400);
    // A member's own change in its hold can be blocked on suspicion of fraud.
    const blocked = await gestionnaire.post(`/back-office/demandes/${requestId}`, {
      intent: "block_bank",
      note: "Appel suspect : numéro inconnu",
    });
    expect(blocked.status).toBe(302);
    const [final] = await server.services.db
      .select({ status: bankChange.status })
      .from(bankChange)
      .where(eq(bankChange.id, change!.id));
    expect(final!.status).toBe("blocked");
    const [request] = await server.services.db
      .select({ status: memberRequest.status })
      .from(memberRequest)
      .where(and(eq(memberRequest.id, requestId)));
    expect(request!.status).toBe("refused");
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

describe("quotes and beneficiaries", () => {
  it("answers a quote with confirmed amounts the member then reads in Mes démarches", async () => {
    const { household: householdTable } = await import("../../app/modules/households/schema.ts");
    const [home] = await server.services.db
      .select({ id: householdTable.id })
      .from(householdTable)
      .where(eq(householdTable.memberNumber, demo.benoit.number));
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
        details: {
          lines: [
            {
              category: "optique_monture",
              label: "Monture (classe B)",
              chargedCents: 15000,
              baseCents: 3,
              quantity: 1,
              amoCents: 2,
              amcCents: 9998,
            },
            {
              category: "optique_verres_simples",
              label: "Verres simples (classe B, par verre)",
              chargedCents: 30000,
              baseCents: 10,
              quantity: 2,
              amoCents: 6,
              amcCents: 12000,
            },
          ],
        },
      })
      .returning({ id: memberRequest.id });
    const tooMuch = await conseiller.post(`/back-office/demandes/${quote!.id}`, {
      intent: "answer_quote",
      amc_0: "200,00",
      amc_1: "120,00",
    });
    expect(tooMuch.status).toBe(400);
    expect(visibleText(await tooMuch.text())).toContain("dépasse le prix du devis");
    const answered = await conseiller.post(`/back-office/demandes/${quote!.id}`, {
      intent: "answer_quote",
      amc_0: "99,98",
      amc_1: "130,00",
      note: "Accord pour le devis de l'opticien.",
    });
    expect(answered.status).toBe(302);
    const text = visibleText(await (await benoit.get(`/demandes/${quote!.id}`)).text());
    expect(text).toContain("Prise en charge confirmée par votre mutuelle");
    expect(text).toContain("Total pris en charge : 229,98 €");
  });

  it("adds a beneficiary only when a gestionnaire accepts", async () => {
    const newborn = addMonths(today, -2);
    const filed = await benoit.postMultipart(
      "/ma-mutuelle/beneficiaires/ajouter",
      {
        firstName: "Jules",
        lastName: "Brouez",
        birthDate: newborn,
        relationship: "child",
        startDate: `${thisYear + 1}-01-01`,
      },
      [{ name: "livret.pdf", bytes: readFileSync("config/notices/notice-information-2026.pdf") }],
    );
    const reference = /demande=(BEN-\d{4}-[A-Z0-9]{8})/.exec(filed.headers.get("location")!)![1]!;
    const [request] = await server.services.db
      .select({ id: memberRequest.id })
      .from(memberRequest)
      .where(eq(memberRequest.reference, reference));
    expect(
      (await conseiller.post(`/back-office/demandes/${request!.id}`, { intent: "accept_beneficiary" })).status,
    ).toBe(403);
    expect(
      (await conseiller.post(`/back-office/demandes/${request!.id}`, { intent: "refuse", reason: "non_couvert" }))
        .status,
    ).toBe(403);
    expect(await server.services.db.select().from(person).where(eq(person.firstName, "Jules"))).toHaveLength(0);
    expect(
      (await gestionnaire.post(`/back-office/demandes/${request!.id}`, { intent: "accept_beneficiary" })).status,
    ).toBe(302);
    const [jules] = await server.services.db.select().from(person).where(eq(person.firstName, "Jules"));
    expect(jules).toMatchObject({ role: "child", birthDate: newborn, coverageStart: `${thisYear + 1}-01-01` });
    expect(visibleText(await (await benoit.get("/ma-mutuelle/beneficiaires")).text())).toContain(
      `Jules Brouez Lien Enfant Date de naissance ${fr(newborn)}`,
    );
  });
});

describe("advisor sessions", () => {
  it("end after 15 minutes without activity", async () => {
    const { session } = await import("../../app/modules/accounts/schema.ts");
    const { user } = await import("../../app/modules/accounts/schema.ts");
    const idle = new TestClient(server.baseUrl);
    await signInAdvisor(idle, server.dataDir);
    expect((await idle.get("/back-office")).status).toBe(200);
    const [advisor] = await server.services.db
      .select({ id: user.id })
      .from(user)
      .where(eq(user.username, demo.advisor.username));
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
