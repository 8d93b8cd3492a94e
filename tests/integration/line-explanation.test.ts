// "Pourquoi ce montant ?" on the member's reimbursement line, through the real server and database: a claim
// the back-office decided shows the guarantee engine's steps (with their arithmetic and the limit that decided
// the amount, stored with the line); an imported line whose charged amount is below the BR explains the
// Sécurité sociale's part with arithmetic that adds up. Amounts by hand on the demo table (Brouez, Optimale 2026).
// Also the back-office decision on care after the beneficiary's coverage ended (issue 26, item 12).
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { household, person } from "../../app/modules/households/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { today } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startBackOfficeCast } from "../support/back-office-cast.ts";
import type { TestServer } from "../support/test-server.ts";

let server: TestServer;
let benoit: TestClient;
let conseiller: TestClient;
let sarahId: string;

beforeAll(async () => {
  ({ server, benoit, conseiller } = await startBackOfficeCast());
  const people = await server.services.db.select().from(person);
  sarahId = people.find((p) => p.firstName === "Sarah")!.id;
});
afterAll(() => server.close());

/** A claim filed through the member's form, then dated `careDate` so the computation does not depend on today. */
async function claimDated(careDate: string, amount: string): Promise<{ id: string; reference: string }> {
  const step1 = await benoit.post("/demandes/nouvelle", {
    intent: "details",
    beneficiaryId: sarahId,
    careType: "medecin",
    lieu: "france",
    careDate: today,
    amount,
  });
  const draftId = new URL(step1.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
  await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
    { name: "decompte.pdf", bytes: readFileSync("config/notices/notice-information-2026.pdf") },
  ]);
  const submitted = await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
  const id = /\/demandes\/([0-9a-f-]{36})/.exec(submitted.headers.get("location")!)![1]!;
  await server.services.db.update(memberRequest).set({ careDate }).where(eq(memberRequest.id, id));
  const [row] = await server.services.db
    .select({ reference: memberRequest.reference })
    .from(memberRequest)
    .where(eq(memberRequest.id, id));
  expect((await conseiller.post(`/back-office/demandes/${id}`, { intent: "take" })).status).toBe(302);
  return { id, reference: row!.reference };
}

const explanationOf = async (lineId: string) => {
  const page = await benoit.get(`/remboursements/${lineId}`);
  expect(page.status).toBe(200);
  const text = visibleText(await page.text()).replace(/\s+/g, " ");
  return text.slice(text.indexOf("Pourquoi ce montant ?"));
};

describe("Pourquoi ce montant ?", () => {
  it("a decided claim shows the engine's steps with their arithmetic and what decided the amount", async () => {
    // GP OPTAM, 30 € charged, BR 30: AMO 70 % × 30 − 2 = 19,00, share 21,00 ; 200 % × 30 = 60 − 21 = 39 ;
    // limited to the expense 30 − 21 = 9,00 (L871-1: the participation is never paid back) ; RAC 30 − 19 − 9 = 2,00
    const claim = await claimDated("2026-03-02", "30,00");
    const accepted = await conseiller.post(`/back-office/demandes/${claim.id}`, {
      intent: "accept_claim",
      category: "generaliste",
      base: "30,00",
      amo: "19,00",
      deductible: "2,00",
      quantity: "1",
      optam: "oui",
    });
    expect(accepted.status).toBe(302);
    const [line] = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(eq(reimbursementLine.sourceLineId, `demande:${claim.reference}`));
    expect(line!.pricingExplanation?.limit?.kind).toBe("amountCharged");
    const text = await explanationOf(line!.id);
    expect(text).toContain("Garantie appliquée : Médecin généraliste adhérent OPTAM");
    expect(text).toContain(
      "Votre garantie : 200 % de la BR de 30,00 € y compris Sécurité sociale = 60,00 € − 21,00 € de part Sécurité sociale (dont 2,00 € de participation forfaitaire et franchises) = 39,00 €.",
    );
    expect(text).toContain(
      "Limité à la dépense : 30,00 € − 21,00 € (Sécurité sociale, participation et franchises comprises) = 9,00 €.",
    );
    expect(text).toContain("Ce qui a fixé le montant : Le remboursement ne dépasse jamais la dépense réelle.");
    expect(text).toContain("Reste à charge : 30,00 € − 19,00 € (Sécurité sociale) − 9,00 € (mutuelle) = 2,00 €.");
  });

  it("an imported line charged below its BR: 60 % de 18,00 € = 10,80 €, never 60 % de 20,00 €", async () => {
    // Dental care, AMO 60 % (since 01/10/2023): BR 20,00, charged 18,00 → AMO 10,80 ; AMC 7,20 ; RAC 0
    const [home] = await server.services.db
      .select({ id: household.id })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    const [line] = await server.services.db
      .insert(reimbursementLine)
      .values({
        sourceLineId: "test-below-br",
        householdId: home!.id,
        beneficiaryId: sarahId,
        careType: "dentaire",
        careDate: "2026-03-02",
        chargedCents: 1800,
        baseCents: 2000,
        amoRateBp: 6000,
        amoCents: 1080,
        amcCents: 720,
        remainingCents: 0,
        paidTo: "member",
        paymentDate: "2026-03-10",
      })
      .returning({ id: reimbursementLine.id });
    const text = await explanationOf(line!.id);
    expect(text).toContain(
      "Sécurité sociale : 60 % de 18,00 € (votre dépense, inférieure à la base de remboursement de 20,00 €) = 10,80 €.",
    );
    expect(text).not.toContain("60 % de 20,00 €");
  });
});

describe("claim decision after coverage ended", () => {
  it("care after Sarah's removal is priced at 0 with the French reason, and cannot be accepted", async () => {
    // Sarah covered until 28/02/2026 inclusive; GP visit on 02/03/2026 → 0 (afterCoverage)
    await server.services.db.update(person).set({ coverageEnd: "2026-02-28" }).where(eq(person.id, sarahId));
    try {
      const claim = await claimDated("2026-03-02", "30,00");
      const fields = {
        category: "generaliste",
        base: "30,00",
        amo: "19,00",
        deductible: "2,00",
        quantity: "1",
        optam: "oui",
      };
      const preview = visibleText(
        await (
          await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "preview_claim", ...fields })
        ).text(),
      ).replace(/\s+/g, " ");
      expect(preview).toContain("Montant proposé par la garantie : 0,00 €");
      expect(preview).toContain(
        "Soin postérieur à la fin de la couverture de ce bénéficiaire (couvert jusqu'au 28/02/2026 inclus)",
      );
      const accept = await conseiller.post(`/back-office/demandes/${claim.id}`, { intent: "accept_claim", ...fields });
      expect(accept.status).toBe(400);
      const [line] = await server.services.db
        .select()
        .from(reimbursementLine)
        .where(eq(reimbursementLine.sourceLineId, `demande:${claim.reference}`));
      expect(line).toBeUndefined();
    } finally {
      await server.services.db.update(person).set({ coverageEnd: null }).where(eq(person.id, sarahId));
    }
  });
});
