// Advisor accounts for the back-office tests: the administration page, a second administrateur (fixture), a
// pending proposal's id, a session opened by recovery code, and an advisor created through the four eyes.
import { and, eq } from "drizzle-orm";
import { user } from "../../app/modules/accounts/schema.ts";
import { advisorProposal } from "../../app/modules/back-office/schema.ts";
import { demo, TestClient } from "./http-client.ts";
import { lastMailTo } from "./outbox.ts";
import { signInAdvisor, takeRecoveryCode } from "./step-up.ts";
import { expect, test as withPeople } from "./fixtures.ts";
import type { TestServer } from "./test-server.ts";

export const page = "/back-office/administration/conseillers";
// The second administrateur, for the four eyes (the first is the administrator fixture). Advisors whose accounts
// the tests deactivate or reset sign in with clients of their own.
export const test = withPeople.extend("second", { scope: "file" }, async ({ server }) => {
  const client = new TestClient(server.baseUrl);
  await signInAdvisor(client, server.dataDir, demo.secondAdministrator);
  return client;
});

export async function userId(server: TestServer, username: string): Promise<string> {
  const [row] = await server.services.db.select({ id: user.id }).from(user).where(eq(user.username, username));
  return row!.id;
}

export async function pendingProposal(
  server: TestServer,
  where: { username?: string; advisorId?: string },
): Promise<string> {
  const [row] = await server.services.db
    .select({ id: advisorProposal.id })
    .from(advisorProposal)
    .where(
      and(
        eq(advisorProposal.status, "pending"),
        where.username ? eq(advisorProposal.username, where.username) : eq(advisorProposal.advisorId, where.advisorId!),
      ),
    );
  return row!.id;
}

/** Another session of an advisor already enrolled by signInAdvisor, opened with one of their recovery codes. */
export async function signInWithRecoveryCode(
  server: TestServer,
  who: { username: string; password: string },
): Promise<TestClient> {
  const client = new TestClient(server.baseUrl);
  expect((await client.signIn(who.username, who.password)).headers.get("location")).toBe("/connexion/code");
  expect((await client.post("/connexion/code", { code: takeRecoveryCode(server.dataDir, who.username) })).status).toBe(
    302,
  );
  return client;
}

/** Proposed by `by`, approved by `approver` (each with a fresh step-up); the new advisor chooses a password and signs in. */
export async function createAdvisorThroughFourEyes(
  server: TestServer,
  by: TestClient,
  approver: TestClient,
  who: { name: string; username: string; role: string },
): Promise<{ client: TestClient; credentials: { username: string; email: string; password: string } }> {
  const email = `${who.username}@ailleurs.example`;
  expect(
    (await by.post(page, { name: who.name, username: who.username, email, role: who.role })).headers.get("location"),
  ).toBe(`${page}?fait=propose`);
  expect(
    (
      await approver.post(page, {
        intent: "approve",
        proposalId: await pendingProposal(server, { username: who.username }),
      })
    ).headers.get("location"),
  ).toBe(`${page}?fait=cree`);
  const token = /jeton=([^\s&]+)/.exec(lastMailTo(server.dataDir, email).text)![1]!;
  const password = "une phrase assez longue 2026";
  expect(
    (
      await new TestClient(server.baseUrl).post("/mot-de-passe-oublie/nouveau", {
        jeton: decodeURIComponent(token),
        newPassword: password,
        confirmPassword: password,
      })
    ).status,
  ).toBe(302);
  const client = new TestClient(server.baseUrl);
  const credentials = { username: who.username, email, password };
  await signInAdvisor(client, server.dataDir, credentials);
  return { client, credentials };
}
