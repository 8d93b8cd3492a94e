// The access matrix for a beneficiary with her own login: exactly the pages of her scopes, and nothing of
// another person's care.
import { eq } from "drizzle-orm";
import { scopesFor } from "../../app/modules/accounts/scopes.ts";
import { messageThread } from "../../app/modules/messaging/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { demo, type TestClient } from "../support/http-client.ts";
import { personOf, signInBeneficiary } from "../support/people-access.ts";
import { describe, expect } from "../support/fixtures.ts";
import { addressOf, expectedFor, passesGuard, test } from "../support/access-matrix.ts";

describe("access matrix: a beneficiary with their own access", () => {
  let sarah: TestClient;
  test.beforeAll(async ({ server }) => {
    sarah = await signInBeneficiary(
      server.services.db,
      server.baseUrl,
      demo.benoit.number,
      "Sarah",
      "sarah@example.com",
    );
  });

  test("answers 404 on every page of the contract holder alone and of a scope a beneficiary lacks", async ({
    claire,
  }) => {
    const { closed } = expectedFor(scopesFor("beneficiary"));
    const wrong: string[] = [];
    for (const pattern of closed) {
      const res = await sarah.get(addressOf(claire, pattern));
      if (res.status !== 404) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  // The guard lets them through: a page answers, or refuses a missing parameter (400), but is not hidden (404),
  // redirected or broken.
  test("opens every page of her scopes", async ({ claire }) => {
    const { open } = expectedFor(scopesFor("beneficiary"));
    const wrong: string[] = [];
    for (const pattern of open.filter((p) => !p.includes(":"))) {
      const res = await sarah.get(addressOf(claire, pattern));
      if (!passesGuard(res)) wrong.push(`${pattern}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  test("never shows her another person's line or démarche, in pages and in the export", async ({ server, member }) => {
    const db = server.services.db;
    const own = await personOf(db, demo.benoit.number, "Sarah");
    const lines = await db
      .select({ id: reimbursementLine.id, beneficiaryId: reimbursementLine.beneficiaryId })
      .from(reimbursementLine)
      .where(eq(reimbursementLine.householdId, own.householdId));
    const others = lines.filter((l) => l.beneficiaryId !== own.id);
    const hers = lines.filter((l) => l.beneficiaryId === own.id);
    expect(others.length).toBeGreaterThan(0);
    expect(hers.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const line of others) {
      const res = await sarah.get(`/remboursements/${line.id}`);
      if (res.status !== 404) wrong.push(`line ${line.id}: ${res.status}`);
    }
    const requests = await db
      .select({ id: memberRequest.id, beneficiaryId: memberRequest.beneficiaryId })
      .from(memberRequest)
      .where(eq(memberRequest.householdId, own.householdId));
    for (const r of requests.filter((request) => request.beneficiaryId !== own.id)) {
      const res = await sarah.get(`/demandes/${r.id}`);
      if (res.status !== 404) wrong.push(`request ${r.id}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect((await sarah.get(`/remboursements/${hers[0]!.id}`)).status).toBe(200);

    // Benoit may be named as the one paid for her care; nobody else's care appears.
    const csv = await (await sarah.get("/remboursements/export.csv")).text();
    const rows = csv.trim().split(/\r?\n/).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain("Sarah");
    for (const name of ["Hélia", "Louise", "Léa"]) expect(csv).not.toContain(name);
    const list = await (await sarah.get("/remboursements")).text();
    for (const name of ["Hélia", "Louise", "Léa"]) expect(list).not.toContain(name);
    // Threads: the holder's are not hers, and hers are not the holder's.
    const [holderThread] = await db
      .select({ id: messageThread.id })
      .from(messageThread)
      .where(eq(messageThread.householdId, own.householdId))
      .limit(1);
    expect(holderThread).toBeDefined();
    expect((await sarah.get(`/messagerie/${holderThread!.id}`)).status).toBe(404);
    const [hersThread] = await db
      .insert(messageThread)
      .values({
        householdId: own.householdId,
        personId: own.id,
        category: "remboursement",
        subject: "Question de Sarah",
        startedBy: "member",
        status: "open",
      })
      .returning({ id: messageThread.id });
    expect((await sarah.get(`/messagerie/${hersThread!.id}`)).status).toBe(200);
    expect((await member.get(`/messagerie/${hersThread!.id}`)).status).toBe(404);
    expect(await (await member.get("/messagerie")).text()).not.toContain("Question de Sarah");
    expect(await (await sarah.get("/messagerie")).text()).toContain("Question de Sarah");
    const home = await (await sarah.get("/")).text();
    for (const name of ["Hélia", "Louise", "Léa"]) expect(home).not.toContain(name);
  });
});
