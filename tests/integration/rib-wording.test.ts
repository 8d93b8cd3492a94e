// Issue 20, item 12: the RIB form and the pending notice say what each account is for: the contract's pays
// cotisations and receives reimbursements, a beneficiary's only receives theirs; with or without a current one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { person } from "../../app/modules/households/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { stepUpByEmail } from "../support/step-up.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let benoit: TestClient;
beforeAll(async () => {
  server = await startTestServer({ env: { BANK_CHANGE_HOLD_HOURS: "48" } });
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
  await stepUpByEmail(benoit, server.dataDir, demo.benoit.email, demo.benoit.password);
});
afterAll(() => server.close());

const idOf = async (firstName: string) =>
  (await server.services.db.select({ id: person.id }).from(person).where(eq(person.firstName, firstName)))[0]!.id;
const page = async (path: string) => visibleText(await (await benoit.get(path)).text());

describe("RIB wording per case", () => {
  it("never tells a beneficiary's RIB it will pay the cotisations; the contract's does", async () => {
    const louise = await page(`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${await idOf("Louise")}`);
    expect(louise).toContain("Ce compte recevra les remboursements des soins de Louise.");
    expect(louise).toContain("Il ne sert pas à prélever les cotisations");
    expect(louise).not.toContain("prélever vos cotisations");
    expect(louise).toContain("d'ici là, les remboursements de Louise restent versés sur le compte du contrat.");
    const sarah = await page(`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${await idOf("Sarah")}`);
    expect(sarah).toContain("d'ici là, les remboursements de Sarah restent versés sur son compte actuel.");
    const contract = await page("/ma-mutuelle/coordonnees-bancaires/saisir?pour=contrat");
    expect(contract).toContain("Ce compte servira à prélever les cotisations du contrat");
    expect(contract).toContain("d'ici là, le compte actuel reste utilisé.");
  });

  it("does not point to a current account above when a beneficiary has none", async () => {
    const louiseId = await idOf("Louise");
    const sent = await benoit.post(`/ma-mutuelle/coordonnees-bancaires/saisir?pour=${louiseId}`, {
      iban: "FR7630006000011234567890189",
      holderName: "Louise Brouez",
    });
    expect(sent.status).toBe(302);
    const text = await page("/ma-mutuelle/coordonnees-bancaires");
    expect(text).toContain("d'ici là, les remboursements de Louise restent versés sur le compte du contrat.");
    expect(text).not.toContain("le compte ci-dessus");
  });
});
