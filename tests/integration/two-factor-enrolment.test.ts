// Issue 20, item 18: enrolling the second factor right after the step-up (password, then a code by e-mail)
// does not ask for the password a third time.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "../support/fixtures.ts";
import { user } from "../../app/modules/accounts/schema.ts";
import { demo, TestClient } from "../support/http-client.ts";
import { stepUpByEmail, totpFor } from "../support/step-up.ts";

describe("second-factor enrolment after a step-up", () => {
  test("shows the QR code without asking the password again, and the first code from the app turns it on", async ({
    server,
  }) => {
    const member = new TestClient(server.baseUrl);
    await member.signIn(demo.benoit.number, demo.benoit.password);
    // Without a fresh step-up, the page sends to the verification first.
    expect(
      (await member.post("/mon-compte/double-authentification", { intent: "start" })).headers.get("location"),
    ).toMatch(/^\/mon-compte\/verification/);

    await stepUpByEmail(member, server.dataDir, demo.benoit.email, demo.benoit.password);
    const page = await (await member.get("/mon-compte/double-authentification")).text();
    expect(page).not.toContain('name="password"');

    const started = await member.post("/mon-compte/double-authentification", { intent: "start" });
    expect(started.status).toBe(200);
    const html = await started.text();
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(html)?.[1];
    expect(secret).toBeTruthy();
    expect([...html.matchAll(/<li><code>([A-Za-z0-9]{5}-[A-Za-z0-9]{5})<\/code><\/li>/g)]).toHaveLength(10);
    const [before] = await server.services.db
      .select({ enabled: user.twoFactorEnabled })
      .from(user)
      .where(eq(user.email, demo.benoit.email));
    expect(before!.enabled).toBe(false); // not until the app's first code

    const confirmed = await member.post("/mon-compte/double-authentification", {
      intent: "confirm",
      code: await totpFor(secret!),
    });
    expect(confirmed.status).toBe(302);
    const [after] = await server.services.db
      .select({ enabled: user.twoFactorEnabled })
      .from(user)
      .where(eq(user.email, demo.benoit.email));
    expect(after!.enabled).toBe(true);

    // Signing in now asks the app's code, which the enrolled secret gives.
    const phone = new TestClient(server.baseUrl);
    expect((await phone.signIn(demo.benoit.number, demo.benoit.password)).headers.get("location")).toBe(
      "/connexion/code",
    );
    expect((await phone.post("/connexion/code", { code: await totpFor(secret!) })).headers.get("location")).toBe("/");
  });
});
