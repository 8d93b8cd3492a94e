// Idempotency keys belong to a household: a key another household used (by chance, or on purpose, e.g. a
// draft id seen over a shoulder) neither blocks a claim nor turns a quote into a server error.
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { household, person } from "../../app/modules/households/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { demo, type TestClient } from "../support/http-client.ts";
import type { TestServer } from "../support/test-server.ts";
import { recentDay } from "../support/clock.ts";

/** The contract holder of Benoit's and of Claire's household. */
async function holders(server: TestServer): Promise<Record<string, string>> {
  const people: Record<string, string> = {};
  for (const [who, number] of [
    ["benoit", demo.benoit.number],
    ["claire", demo.claire.number],
  ] as const) {
    const [row] = await server.services.db
      .select({ id: person.id })
      .from(person)
      .innerJoin(household, eq(household.id, person.householdId))
      .where(and(eq(household.memberNumber, number), eq(person.role, "member")));
    people[who] = row!.id;
  }
  return people;
}

const pdf = () => readFileSync("config/notices/notice-information-2026.pdf");

function sendQuote(client: TestClient, beneficiaryId: string, key: string) {
  return client.postMultipart(
    "/devis/nouveau",
    { beneficiaryId, acte0: "dentaire_prothese_libre", prix0: "800,00", base0: "120,00", key },
    [{ name: "devis.pdf", bytes: pdf() }],
  );
}

async function requestsWithKey(server: TestServer, key: string) {
  return server.services.db
    .select({ householdId: memberRequest.householdId, kind: memberRequest.kind })
    .from(memberRequest)
    .where(eq(memberRequest.idempotencyKey, key));
}

describe("idempotency keys, per household", () => {
  test("lets two households use the same quote key, each getting their own quote", async ({
    server,
    member: benoit,
    otherMember: claire,
  }) => {
    const people = await holders(server);
    const key = "11111111-2222-4333-8444-555555555555";
    const first = await sendQuote(claire, people.claire!, key);
    expect(first.status).toBe(302);
    const second = await sendQuote(benoit, people.benoit!, key);
    expect(second.status).toBe(302);
    expect(second.headers.get("location")).not.toBe(first.headers.get("location"));
    expect(await requestsWithKey(server, key)).toHaveLength(2);
    // The same household sending again still lands on its quote: idempotent.
    expect((await sendQuote(benoit, people.benoit!, key)).headers.get("location")).toBe(second.headers.get("location"));
    expect(await requestsWithKey(server, key)).toHaveLength(2);
  });

  test("does not let another household block a claim by using its draft id as a key", async ({
    server,
    member: benoit,
    otherMember: claire,
  }) => {
    const people = await holders(server);
    const draft = await benoit.post("/demandes/nouvelle", {
      intent: "details",
      beneficiaryId: people.benoit!,
      careType: "chiropractie",
      lieu: "france",
      careDate: recentDay("2026-11-20"),
      amount: "80,00",
    });
    const draftId = new URL(draft.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
    expect(
      (
        await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
          { name: "facture.pdf", bytes: pdf() },
        ])
      ).status,
    ).toBe(302);
    // Claire sends a quote under Benoit's draft id first.
    expect((await sendQuote(claire, people.claire!, draftId)).status).toBe(302);
    const submitted = await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("location")).toMatch(/^\/demandes\/[0-9a-f-]{36}\?envoyee=1$/);
    const rows = await requestsWithKey(server, draftId);
    expect(rows.map((r) => r.kind).sort()).toEqual(["claim", "quote"]);
  });
});
