// Back-office forms on the one error pattern (issue 25; docs/accessibility.md "Form errors"): the claim
// decision, the refusal, the advisor account form, the RIB an advisor enters, the news, the help articles, the
// messagerie's categories and the guarantee tables. A refused form comes back with one summary (role="alert",
// focusable) whose links reach fields carrying aria-invalid and their message in aria-describedby. Read on the
// server's HTML: it holds without JavaScript (the e2e test checks focus and axe).
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person } from "../../app/modules/households/schema.ts";
import { startBackOfficeCast } from "../support/back-office-cast.ts";
import { checkSummary, summaryText } from "../support/error-summary.ts";
import { demo, type TestClient } from "../support/http-client.ts";
import { stepUpAdvisor } from "../support/step-up.ts";
import type { TestServer } from "../support/test-server.ts";
import { recentDay } from "../support/clock.ts";

let server: TestServer;
let benoit: TestClient;
let conseiller: TestClient;
let admin: TestClient;
beforeAll(async () => {
  ({ server, benoit, conseiller, admin } = await startBackOfficeCast());
});
afterAll(() => server.close());

async function fileClaim(): Promise<string> {
  const [louise] = await server.services.db.select().from(person).where(eq(person.firstName, "Louise"));
  const step1 = await benoit.post("/demandes/nouvelle", {
    intent: "details",
    beneficiaryId: louise!.id,
    careType: "chiropractie",
    lieu: "france",
    careDate: recentDay("2026-11-02"),
    amount: "80,00",
  });
  const draftId = new URL(step1.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
  await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
    { name: "facture.pdf", bytes: readFileSync("config/notices/notice-information-2026.pdf") },
  ]);
  const submitted = await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
  return /\/demandes\/([0-9a-f-]{36})/.exec(submitted.headers.get("location")!)![1]!;
}

describe("back-office forms: one error summary (issue 25)", () => {
  it("on the claim decision, the refusal and the request for a document", async () => {
    const id = await fileClaim();
    const page = `/back-office/demandes/${id}`;
    expect((await conseiller.post(page, { intent: "take" })).status).toBe(302);

    const decision = await conseiller.post(page, {
      intent: "accept_claim",
      category: "",
      base: "abc",
      amo: "",
      deductible: "0",
      quantity: "1",
      outOfPathwayOverrun: "0",
    });
    expect(decision.status).toBe(400);
    const html = await decision.text();
    expect(checkSummary(html, "claim decision")).toEqual(expect.arrayContaining(["category", "base"]));
    expect(html).toContain("La décision n&#x27;a pas été enregistrée, corrigez :");

    const refusal = await conseiller.post(page, { intent: "refuse", reason: "", note: "" });
    expect(refusal.status).toBe(400);
    expect(checkSummary(await refusal.text(), "refusal")).toEqual(["reason"]);
    const other = await conseiller.post(page, { intent: "refuse", reason: "autre", note: "" });
    // The refusal's "note" has its own id: the link reaches it, not the other forms' notes.
    expect(checkSummary(await other.text(), "refusal note")).toEqual(["refuse-note"]);

    const missing = await conseiller.post(page, { intent: "missing_document", note: "" });
    expect(missing.status).toBe(400);
    expect(checkSummary(await missing.text(), "missing document")).toEqual(["note"]);
  });

  it("on the advisor account form, behind the step-up", async () => {
    await stepUpAdvisor(admin, server.dataDir, demo.administrator);
    const res = await admin.post("/back-office/administration/conseillers", {
      intent: "create",
      name: "",
      username: "x",
      email: "pas-une-adresse",
      role: "conseiller",
    });
    expect(res.status).toBe(400);
    expect(checkSummary(await res.text(), "advisor account")).toEqual(
      expect.arrayContaining(["name", "username", "email"]),
    );
    // An error about the whole request is a sentence of the same summary.
    const role = await admin.post("/back-office/administration/conseillers", {
      intent: "role",
      advisorId: "x",
      role: "roi",
    });
    expect(role.status).toBe(400);
    const roleHtml = await role.text();
    checkSummary(roleHtml, "role change");
    expect(summaryText(roleHtml)).toContain("Choisissez un rôle.");
  });

  it("on the RIB an advisor enters", async () => {
    const res = await conseiller.post("/back-office/rib/nouveau", {
      memberNumber: "12",
      target: "contrat",
      iban: "FR76",
      holderName: "",
      note: "",
    });
    expect(res.status).toBe(400);
    expect(checkSummary(await res.text(), "advisor RIB")).toEqual(
      expect.arrayContaining(["memberNumber", "iban", "holderName", "note"]),
    );
  });

  it("on the administration's forms: news, help article, categories, guarantee tables", async () => {
    const news = await admin.post("/back-office/administration/actualites", { title: "", body: "", publishFrom: "" });
    expect(news.status).toBe(400);
    expect(checkSummary(await news.text(), "news")).toEqual(expect.arrayContaining(["title", "body"]));

    const article = await admin.post("/back-office/administration/aide", {
      title: "",
      slug: "Pas Bon",
      theme: "",
      summary: "",
      body: "",
      position: "100",
    });
    expect(article.status).toBe(400);
    expect(checkSummary(await article.text(), "help article")).toEqual(
      expect.arrayContaining(["title", "slug", "theme", "summary", "body"]),
    );

    const categories = await admin.post("/back-office/administration/categories", { categories: "{ pas du json" });
    expect(categories.status).toBe(400);
    expect(checkSummary(await categories.text(), "categories")).toEqual(["categories"]);

    const tables = await admin.postMultipart("/back-office/administration/garanties", {}, [
      { name: "tables.json", bytes: Buffer.from('{"products": 3}'), type: "application/json", field: "fichier" },
    ]);
    expect(tables.status).toBe(400);
    expect(checkSummary(await tables.text(), "guarantee tables")).toEqual(["fichier"]);
  });
});
