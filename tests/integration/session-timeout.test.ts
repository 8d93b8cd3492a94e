// The session warning's server side (issue 25, item 6; WCAG 2.2.1): "Rester connecté" posts to
// /session/prolonger, which needs a live session; the sign-in page says when a session has expired.
import { describe, expect, test } from "../support/fixtures.ts";
import { TestClient, visibleText } from "../support/http-client.ts";

describe("session timeout", () => {
  test("extends a live session, and refuses without one", async ({ server, member: benoit }) => {
    const extended = await benoit.post("/session/prolonger", {});
    expect(extended.status).toBe(200);
    expect(await extended.json()).toEqual({ ok: true });
    const anonymous = await new TestClient(server.baseUrl).post("/session/prolonger", {});
    expect(anonymous.status).toBe(401);
  });

  test("tells the member on the sign-in page that the session expired", async ({ server }) => {
    const res = await new TestClient(server.baseUrl).get("/connexion?expiree=1");
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain("Votre session a expiré");
  });

  test("gives signed-in pages the idle lifetime the warning counts down, members 30 minutes", async ({
    server,
    member: benoit,
  }) => {
    const html = await (await benoit.get("/")).text();
    expect(html).toContain('class="session-timeout"');
    // Rendered closed, with the full lifetime: the count starts when the page is shown.
    expect(visibleText(html)).toContain("vous serez déconnecté dans 30 minutes");
    expect(await new TestClient(server.baseUrl).get("/connexion").then((r) => r.text())).not.toContain(
      "session-timeout",
    );
  });
});
