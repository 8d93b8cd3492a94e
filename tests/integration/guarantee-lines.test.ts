// The demo table's lines as the member reads them on /ma-mutuelle/garanties, through the real server (issue 26:
// psychologist sessions, "TM + x €" lines, new categories).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let benoit: TestClient;
let page: string;
beforeAll(async () => {
  server = await startTestServer();
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
  const res = await benoit.get("/ma-mutuelle/garanties");
  expect(res.status).toBe(200);
  page = visibleText(await res.text()).replace(/\s+/g, " ");
});
afterAll(() => server.close());

describe("/ma-mutuelle/garanties (Optimale)", () => {
  it("separates psychologist sessions the Sécurité sociale reimburses (ticket modérateur) from the forfait for the others", () => {
    // L162-58 CSS (Mon soutien psy) and R871-2 1° CSS: the TM of every AMO session is covered
    expect(page).toContain("Séances chez un psychologue remboursées par la Sécurité sociale (Mon soutien psy) 100 % de la base de remboursement, Sécurité sociale comprise");
    expect(page).toContain("Séances chez un psychologue non remboursées par la Sécurité sociale 30,00 € par séance, 8 séances par an");
  });
});
