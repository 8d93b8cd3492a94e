// The session warning's server side (issue 25, item 6; WCAG 2.2.1): "Rester connecté" posts to
// /session/prolonger, which needs a live session; the sign-in page says when a session has expired.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("session timeout", () => {
  it("extends a live session, and refuses without one", async () => {
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const extended = await benoit.post("/session/prolonger", {});
    expect(extended.status).toBe(200);
    expect(await extended.json()).toEqual({ ok: true });
    const anonymous = await new TestClient(server.baseUrl).post("/session/prolonger", {});
    expect(anonymous.status).toBe(401);
  });

  it("tells the member on the sign-in page that the session expired", async () => {
    const res = await new TestClient(server.baseUrl).get("/connexion?expiree=1");
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain("Votre session a expiré");
  });

  it("gives signed-in pages the idle lifetime the warning counts down, members 30 minutes", async () => {
    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const html = await (await benoit.get("/")).text();
    expect(html).toContain('class="session-timeout"');
    // Rendered closed, with the full lifetime: the count starts when the page is shown.
    expect(visibleText(html)).toContain("vous serez déconnecté dans 30 minutes");
    expect(await new TestClient(server.baseUrl).get("/connexion").then((r) => r.text())).not.toContain(
      "session-timeout",
    );
  });
});
