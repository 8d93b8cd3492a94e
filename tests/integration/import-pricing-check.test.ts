// Imported lines checked by the guarantee engine (ADR 0020), through the API (on PostgreSQL the new lines go
// in with COPY, corrections through the JSON statement): a line the engine prices as paid shows the engine's
// steps on the member's "Pourquoi ce montant ?"; a line paid otherwise keeps the explanation from its own
// figures and is flagged on the advisor's member file, its amount unchanged; a line without the inputs the
// engine needs is not recomputed, and the advisor reads why. Amounts by hand on the demo table (Brouez,
// Optimale, contrat responsable).
import { eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobHandlers } from "../../app/jobs.server.ts";
import { checkPendingLines } from "../../app/modules/reimbursements/import/check-pricing.server.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { addDays } from "../../app/modules/clock/calendar.ts";
import { reimbursementLine, reimbursementLineRevision } from "../../app/modules/reimbursements/schema.ts";
import { today } from "../support/clock.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { signInAdvisor } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const token = "core-system-token-0123456789abcdef-xyz";
let server: TestServer;
let benoit: TestClient;
let conseiller: TestClient;
beforeAll(async () => {
  server = await startTestServer({ env: { IMPORT_API_TOKEN: token } });
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
  conseiller = new TestClient(server.baseUrl);
  await signInAdvisor(conseiller, server.dataDir);
});
afterAll(() => server.close());

const careDate = addDays(today, -5);
const header =
  "line_id,member_number,beneficiary_ref,care_type,category,care_date,payment_date,charged_cents,base_cents,amo_rate_bp,amo_deductible_cents,amo_cents,amc_cents,optam,out_of_pathway,paid_to";
// Sarah (10000001-02), GP visit 30 € on a BR of 30: AMO 70 % × 30 = 21 − 2 € participation forfaitaire
// (L160-13 II CSS) = 19,00. Optimale, OPTAM: 200 % BR y compris RO = 60 − 21 = 39, limited to the expense
// 30 − 21 = 9,00 (a contrat responsable never pays the participation back, L871-1 CSS); RAC 30 − 19 − 9 = 2,00.
const gp = (id: string, amc: number, optam = "true") =>
  `${id},10000001,10000001-02,medecin,generaliste,${careDate},${today},3000,3000,7000,200,1900,${amc},${optam},,member`;

const post = (body: string, contentType = "text/csv") =>
  fetch(`${server.baseUrl}/api/v1/decomptes`, {
    method: "POST",
    headers: { "content-type": contentType, authorization: `Bearer ${token}` },
    body,
  });

const lineOf = async (sourceLineId: string) =>
  (
    await server.services.db.select().from(reimbursementLine).where(eq(reimbursementLine.sourceLineId, sourceLineId))
  )[0]!;

const explanationOf = async (sourceLineId: string) => {
  const page = await benoit.get(`/remboursements/${(await lineOf(sourceLineId)).id}`);
  expect(page.status).toBe(200);
  const text = visibleText(await page.text()).replace(/\s+/g, " ");
  return text.slice(text.indexOf("Pourquoi ce montant ?"));
};

const memberFile = async () =>
  visibleText(await (await conseiller.get("/back-office/adherents/10000001")).text()).replace(/\s+/g, " ");

describe("the guarantee engine's check of imported lines", () => {
  it("explains the lines it prices as paid, flags the others for an advisor, and says why it could not price some", async () => {
    const csv = [
      header,
      gp("CHK-MATCH", 900),
      // The core system paid the participation back: 11,00 € where the engine finds 9,00 €.
      gp("CHK-DIFF", 1100),
      // OPTAM status not sent: the Optimale GP line depends on it.
      gp("CHK-NOOPTAM", 900, ""),
      // No category: the line counts against no guarantee line.
      `CHK-NOCAT,10000001,10000001-02,osteopathie,,${careDate},${today},6000,0,,,0,5000,,,member`,
    ].join("\n");
    const response = await post(`${csv}\n`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      inserted: 4,
      rejected: 0,
      pricingCheck: { matching: 1, different: 1, notComputed: 2 },
    });

    const match = await lineOf("CHK-MATCH");
    // On PostgreSQL new lines are written by COPY (time-ordered ids, UUID version 7): the check follows them there.
    if (process.env.TEST_DB === "postgres") expect(match.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(match).toMatchObject({ pricingCheck: "matches", amcCents: 900, optam: true, outOfPathway: false });
    expect(match.pricingExplanation?.limit?.kind).toBe("amountCharged");
    const matchText = await explanationOf("CHK-MATCH");
    expect(matchText).toContain("Garantie appliquée : Médecin généraliste adhérent OPTAM");
    expect(matchText).toContain(
      "Votre garantie : 200 % de la BR de 30,00 € y compris Sécurité sociale = 60,00 € − 21,00 € de part Sécurité sociale (dont 2,00 € de participation forfaitaire et franchises) = 39,00 €.",
    );
    expect(matchText).toContain(
      "Limité à la dépense : 30,00 € − 21,00 € (Sécurité sociale, participation et franchises comprises) = 9,00 €.",
    );
    expect(matchText).toContain("Reste à charge : 30,00 € − 19,00 € (Sécurité sociale) − 9,00 € (mutuelle) = 2,00 €.");

    // The differing line: amount unchanged, the member reads its own figures, never steps reaching 9,00 €.
    const diff = await lineOf("CHK-DIFF");
    expect(diff).toMatchObject({ pricingCheck: "differs", amcCents: 1100, pricingExplanation: null });
    expect(diff.pricingReview?.engineAmcCents).toBe(900);
    const diffText = await explanationOf("CHK-DIFF");
    expect(diffText).toContain("Votre mutuelle a versé 11,00 €.");
    expect(diffText).not.toContain("Limité à la dépense");

    expect(await lineOf("CHK-NOOPTAM")).toMatchObject({
      pricingCheck: "notComputed",
      pricingReview: { reason: "statut OPTAM du médecin non transmis (optam)" },
    });
    expect(await lineOf("CHK-NOCAT")).toMatchObject({
      pricingCheck: "notComputed",
      pricingReview: { reason: "ligne sans catégorie de garantie" },
    });

    const file = await memberFile();
    expect(file).toContain(
      "Écart à vérifier : le moteur de garanties calcule 9,00 €, la mutuelle a versé 11,00 € (11,00 € − 9,00 € = 2,00 €, versé en plus). Le montant versé n'est pas modifié.",
    );
    expect(file).toContain("Calcul du moteur de garanties");
    expect(file).toContain("Non recalculée : statut OPTAM du médecin non transmis (optam)");
    expect(file).toContain("Conforme au calcul du moteur de garanties");

    const [audit] = await server.services.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, "import.decomptes"));
    expect(audit?.details).toMatchObject({ pricingMatching: 1, pricingDifferent: 1, pricingNotComputed: 2 });
  });

  it("checks a corrected line again, and leaves an unchanged one as it was", async () => {
    // The core system corrects CHK-DIFF to 9,00 € (through the JSON statement on PostgreSQL too).
    const corrected = await post(`${header}\n${gp("CHK-DIFF", 900)}\n${gp("CHK-MATCH", 900)}\n`);
    expect(await corrected.json()).toMatchObject({
      updated: 1,
      unchanged: 1,
      pricingCheck: { matching: 1, different: 0, notComputed: 0 },
    });
    const diff = await lineOf("CHK-DIFF");
    expect(diff).toMatchObject({ version: 2, pricingCheck: "matches", pricingReview: null });
    expect(await explanationOf("CHK-DIFF")).toContain("= 9,00 €.");
    const [revision] = await server.services.db
      .select({ snapshot: reimbursementLineRevision.snapshot })
      .from(reimbursementLineRevision)
      .where(eq(reimbursementLineRevision.lineId, diff.id));
    expect(revision?.snapshot).toMatchObject({ amc_cents: 1100, pricing_check: "differs" });
    expect((await lineOf("CHK-MATCH")).version).toBe(1);
  });

  it("takes the engine's inputs from JSON Lines too: hors parcours, the 100 % Santé price limit and the ear", async () => {
    // Hors parcours (L162-5-3 CSS): GP 30 €, AMO at 30 % = 9 − 2 = 7,00 ; the guarantee builds on the normal
    // 70 % = 21 ; 30 − 21 = 9,00 ; the 12,00 € of majoration stay with the member (L871-1, R871-1 CSS).
    // Hearing aid class I (100 % Santé, R871-2 3°), left ear, 950 € = the item's limit, BR 400: AMO 60 % = 240 ;
    // AMC 950 − 240 = 710,00 ; RAC 0.
    const base = {
      member_number: "10000001",
      beneficiary_ref: "10000001-02",
      care_date: careDate,
      payment_date: today,
    };
    const lines = [
      {
        ...base,
        line_id: "CHK-HP",
        care_type: "medecin",
        category: "generaliste",
        charged_cents: 3000,
        base_cents: 3000,
        amo_rate_bp: 3000,
        amo_deductible_cents: 200,
        amo_cents: 700,
        amc_cents: 900,
        optam: true,
        out_of_pathway: true,
        paid_to: "member",
      },
      {
        // The same visit in ALD: within the pathway the AMO would have paid 100 %, so nothing is left to cover.
        ...base,
        line_id: "CHK-ALD",
        care_type: "medecin",
        category: "generaliste",
        charged_cents: 3000,
        base_cents: 3000,
        amo_rate_bp: 6000,
        amo_deductible_cents: 200,
        amo_cents: 1600,
        amc_cents: 0,
        optam: true,
        out_of_pathway: true,
        pathway_amo_rate_bp: 10_000,
        paid_to: "member",
      },
      {
        ...base,
        line_id: "CHK-AUDIO",
        care_type: "audiologie",
        category: "audiologie_classe_1",
        charged_cents: 95000,
        base_cents: 40000,
        amo_rate_bp: 6000,
        amo_cents: 24000,
        amc_cents: 71000,
        price_limit_cents: 95000,
        ear: "left",
        paid_to: "professional",
      },
    ];
    const response = await post(`${lines.map((l) => JSON.stringify(l)).join("\n")}\n`, "application/x-ndjson");
    expect(await response.json()).toMatchObject({ inserted: 3, pricingCheck: { matching: 3, different: 0 } });
    expect(await lineOf("CHK-HP")).toMatchObject({ outOfPathway: true, pricingCheck: "matches" });
    expect(await explanationOf("CHK-HP")).toContain("12,00 € de majoration restent à votre charge");
    // Priced on the rate sent, not the doctors' 70 % (which would have asked 9,00 € and flagged the line).
    expect(await lineOf("CHK-ALD")).toMatchObject({ pathwayAmoRateBp: 10_000, amcCents: 0, pricingCheck: "matches" });
    expect(await explanationOf("CHK-ALD")).toContain(
      "100 % de 30,00 € = 30,00 € ; 30,00 € − 18,00 € versés = 12,00 € de majoration restent à votre charge",
    );
    expect(await lineOf("CHK-AUDIO")).toMatchObject({ ear: "left", priceLimitCents: 95000, pricingCheck: "matches" });
  });

  it("refuses a yes/no it would have to guess, naming the field", async () => {
    const response = await post(`${header}\n${gp("CHK-BAD", 900, "oui")}\n`);
    expect(await response.json()).toMatchObject({
      rejected: 1,
      errors: [{ line: 2, reason: "optam : true ou false attendu" }],
    });
    expect(
      await server.services.db.select().from(reimbursementLine).where(like(reimbursementLine.sourceLineId, "CHK-BAD")),
    ).toEqual([]);
  });

  it("a line left pending (an import whose check broke off) is checked by the scheduled job", async () => {
    await server.services.db
      .update(reimbursementLine)
      .set({ pricingCheck: "pending", pricingExplanation: null })
      .where(eq(reimbursementLine.sourceLineId, "CHK-MATCH"));
    const handlers = jobHandlers(server.services);
    expect(
      await handlers["reimbursements.pricing_check"]!(
        {},
        {
          id: 0,
          name: "reimbursements.pricing_check",
          payload: {},
          attempts: 1,
          maxAttempts: 3,
        },
      ),
    ).toEqual({ matching: 1, different: 0, notComputed: 0 });
    expect(await lineOf("CHK-MATCH")).toMatchObject({ pricingCheck: "matches" });
    const steps = (await lineOf("CHK-MATCH")).pricingExplanation?.steps.join(" ").replace(/\s/g, " ");
    expect(steps).toContain("= 9,00 €.");
  });

  it("goes through the pending lines chunk by chunk, each line checked once", async () => {
    await server.services.db
      .update(reimbursementLine)
      .set({ pricingCheck: "pending", pricingExplanation: null, pricingReview: null })
      .where(inArray(reimbursementLine.sourceLineId, ["CHK-MATCH", "CHK-HP", "CHK-NOCAT"]));
    expect(await checkPendingLines(server.services.db, server.services.guarantees, { linesPerChunk: 1 })).toEqual({
      matching: 2,
      different: 0,
      notComputed: 1,
    });
    expect(await lineOf("CHK-HP")).toMatchObject({ pricingCheck: "matches" });
  });

  it("takes sanitary transport and LPP devices as care types of their own, and checks their amounts", async () => {
    // Ambulance, BR 120,00 charged 120,00: AMO 65 % = 78,00 − 4,00 franchise per trip (L160-13 III CSS) =
    // 74,00 ; Optimale 100 % BR y compris RO: 120 − 78 = 42,00 ; reste à charge 4,00, the franchise.
    // Orthosis (LPP), BR 50,00 charged 80,00: AMO 60 % = 30,00 ; Optimale 200 % BR: 100 − 30 = 70, limited to
    // the expense 80 − 30 = 50,00 ; nothing left.
    const base = {
      member_number: "10000001",
      beneficiary_ref: "10000001-02",
      care_date: careDate,
      payment_date: today,
    };
    const lines = [
      {
        ...base,
        line_id: "CHK-TRANSPORT",
        care_type: "transport",
        category: "transport",
        charged_cents: 12000,
        base_cents: 12000,
        amo_rate_bp: 6500,
        amo_deductible_cents: 400,
        amo_cents: 7400,
        amc_cents: 4200,
        paid_to: "professional",
      },
      {
        ...base,
        line_id: "CHK-ORTHESE",
        care_type: "appareillage",
        category: "dispositifs_medicaux",
        charged_cents: 8000,
        base_cents: 5000,
        amo_rate_bp: 6000,
        amo_cents: 3000,
        amc_cents: 5000,
        paid_to: "member",
      },
    ];
    const response = await post(`${lines.map((l) => JSON.stringify(l)).join("\n")}\n`, "application/x-ndjson");
    expect(await response.json()).toMatchObject({ inserted: 2, rejected: 0, pricingCheck: { matching: 2 } });
    const page = await benoit.get(`/remboursements/${(await lineOf("CHK-TRANSPORT")).id}`);
    expect(visibleText(await page.text())).toContain("Transport sanitaire");
    expect(await lineOf("CHK-ORTHESE")).toMatchObject({ careType: "appareillage", pricingCheck: "matches" });
  });
});
