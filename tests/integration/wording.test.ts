// Issue 20, item 15: no "(s)" or "(e)" where the count or the person is known; a devis is masculine.
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { household, person } from "../../app/modules/households/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { today } from "../support/clock.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { demo, visibleText } from "../support/http-client.ts";
import type { TestServer } from "../support/test-server.ts";

const louiseId = async (server: TestServer) =>
  (await server.services.db.select({ id: person.id }).from(person).where(eq(person.firstName, "Louise")))[0]!.id;

describe("wording where the count or the person is known", () => {
  test("says « 2 pièces jointes » in a claim's timeline", async ({ server, member: benoit }) => {
    const start = await benoit.post("/demandes/nouvelle", {
      intent: "details",
      beneficiaryId: await louiseId(server),
      careType: "chiropractie",
      lieu: "france",
      careDate: today,
      amount: "80,00",
    });
    const draftId = new URL(start.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
    const invoice = readFileSync("config/notices/notice-information-2026.pdf");
    const uploaded = await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
      { name: "facture.pdf", bytes: invoice },
      { name: "ordonnance.pdf", bytes: invoice },
    ]);
    expect(uploaded.status).toBe(302);
    const sent = await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
    const detail = visibleText(await (await benoit.get(sent.headers.get("location")!)).text());
    expect(detail).toContain("2 pièces jointes");
    expect(detail).not.toContain("(s)");
  });

  test("names the beneficiary leaving without « couvert(e) »", async ({ server, member: benoit }) => {
    const page = visibleText(
      await (await benoit.get(`/ma-mutuelle/beneficiaires/${await louiseId(server)}/retirer`)).text(),
    );
    expect(page).toContain("La couverture de Louise prendra fin après la date choisie.");
    expect(page).not.toContain("(e)");
  });

  test("shows a sent devis as « Envoyé »", async ({ server, member: benoit }) => {
    const db = server.services.db;
    const [home] = await db
      .select({ id: household.id })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    const [quote] = await db
      .insert(memberRequest)
      .values({
        reference: "DV-2026-WORD0001",
        householdId: home!.id,
        kind: "quote",
        status: "submitted",
        careType: "dentaire",
        beneficiaryId: await louiseId(server),
      })
      .returning({ id: memberRequest.id });
    const detail = visibleText(await (await benoit.get(`/demandes/${quote!.id}`)).text());
    expect(detail).toMatch(/DV-2026-WORD0001 — Envoyé(?!e)/);
    const list = visibleText(await (await benoit.get("/demandes")).text());
    expect(list).toMatch(/Statut : Envoyé(?!e)/);
  });
});
