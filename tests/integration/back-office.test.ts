// The back-office beyond claims, through the real server and database: four eyes on RIBs entered by advisors,
// fraud signals and the access log, answered quotes, beneficiaries added on a gestionnaire's decision, and the
// advisor's session timeout.
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankChange } from "../../app/modules/banking/schema.ts";
import { person } from "../../app/modules/households/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { lastMailTo } from "../support/outbox.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { fileClaimThroughForm, startBackOfficeCast } from "../support/back-office-cast.ts";
import type { TestServer } from "../support/test-server.ts";
import { addMonths } from "../../app/modules/clock/calendar.ts";
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
const fileClaim = (careDate: string, amount = "80,00", beneficiaryId = louiseId) =>
  fileClaimThroughForm(server, benoit, { careDate, amount, beneficiaryId });

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
