// Reactivating an administrateur account gives back every power of the role: like raising a role to
// administrateur, it needs a second, independent administrateur (four eyes). A conseiller or gestionnaire
// account comes back at once, as before.
import { and, eq } from "drizzle-orm";
import { user } from "../../app/modules/accounts/schema.ts";
import { createCredentialUser } from "../../app/modules/accounts/users.server.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { advisorProposal } from "../../app/modules/back-office/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { signInAdvisor, stepUpAdvisor } from "../support/step-up.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";

const page = "/back-office/administration/conseillers";

async function userId(server: TestServer, username: string): Promise<string> {
  const [row] = await server.services.db.select({ id: user.id }).from(user).where(eq(user.username, username));
  return row!.id;
}

async function deactivatedAt(server: TestServer, id: string): Promise<Date | null> {
  const [row] = await server.services.db.select({ at: user.deactivatedAt }).from(user).where(eq(user.id, id));
  return row!.at;
}

describe("reactivating an advisor account", () => {
  test("brings a gestionnaire back at once", async ({ server, administrator: admin }) => {
    const managerId = await userId(server, demo.manager.username);
    await stepUpAdvisor(admin, server.dataDir, demo.administrator);
    expect((await admin.post(page, { intent: "deactivate", advisorId: managerId })).headers.get("location")).toBe(
      `${page}?fait=desactive`,
    );
    expect((await admin.post(page, { intent: "reactivate", advisorId: managerId })).headers.get("location")).toBe(
      `${page}?fait=reactive`,
    );
    expect(await deactivatedAt(server, managerId)).toBeNull();
  });

  test("only proposes an administrateur's reactivation: a second, independent administrateur approves it", async ({
    server,
    administrator: admin,
  }) => {
    const secondId = await userId(server, demo.secondAdministrator.username);
    await stepUpAdvisor(admin, server.dataDir, demo.administrator);
    expect((await admin.post(page, { intent: "deactivate", advisorId: secondId })).headers.get("location")).toBe(
      `${page}?fait=desactive`,
    );

    const proposed = await admin.post(page, { intent: "reactivate", advisorId: secondId });
    expect(proposed.headers.get("location")).toBe(`${page}?fait=reactive-propose`);
    // Still deactivated: the right password is still refused.
    expect(await deactivatedAt(server, secondId)).not.toBeNull();
    const refused = await new TestClient(server.baseUrl).signIn(
      demo.secondAdministrator.username,
      demo.secondAdministrator.password,
    );
    expect(refused.status).toBe(403);
    const [proposal] = await server.services.db
      .select({ id: advisorProposal.id, kind: advisorProposal.kind })
      .from(advisorProposal)
      .where(and(eq(advisorProposal.advisorId, secondId), eq(advisorProposal.status, "pending")));
    expect(proposal!.kind).toBe("reactivate");
    const listed = visibleText(await (await admin.get(page)).text());
    expect(listed).toContain("Réactiver le compte de");

    // A second proposal for the same account is refused while the first waits.
    const again = await admin.post(page, { intent: "reactivate", advisorId: secondId });
    expect(again.status).toBe(409);

    // The proposer cannot approve it.
    const own = await admin.post(page, { intent: "approve", proposalId: proposal!.id });
    expect(own.status).toBe(403);
    expect(await deactivatedAt(server, secondId)).not.toBeNull();

    // Another administrateur, neither brought in nor promoted by the proposer, approves it.
    const thirdPassword = "une autre phrase assez longue 2026";
    await createCredentialUser(
      server.services.db,
      {
        name: "Dominique Troisième",
        email: "administrateur3.demo@mutuelle.example",
        username: "administrateur3.demo",
        role: "advisor",
        advisorRole: "administrateur",
      },
      thirdPassword,
    );
    const third = new TestClient(server.baseUrl);
    const thirdWho = {
      username: "administrateur3.demo",
      email: "administrateur3.demo@mutuelle.example",
      password: thirdPassword,
    };
    await signInAdvisor(third, server.dataDir, thirdWho);
    await stepUpAdvisor(third, server.dataDir, thirdWho);
    expect((await third.post(page, { intent: "approve", proposalId: proposal!.id })).headers.get("location")).toBe(
      `${page}?fait=reactive`,
    );
    expect(await deactivatedAt(server, secondId)).toBeNull();
    const back = await new TestClient(server.baseUrl).signIn(
      demo.secondAdministrator.username,
      demo.secondAdministrator.password,
    );
    expect(back.status).toBe(302);
    const audits = await server.services.db
      .select({ actor: auditLog.actorUserId })
      .from(auditLog)
      .where(eq(auditLog.action, "backoffice.advisor_reactivated"));
    expect(audits.map((a) => a.actor)).toContain(await userId(server, "administrateur3.demo"));
  });
});
