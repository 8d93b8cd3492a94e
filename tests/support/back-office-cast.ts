// The people most back-office tests need, signed in on one fresh server: Benoit (member of the source
// document's household) and the demo advisors, each with their second factor.
import { demo, TestClient } from "./http-client.ts";
import { signInAdvisor } from "./step-up.ts";
import { startTestServer, type TestServer } from "./test-server.ts";

export interface BackOfficeCast {
  server: TestServer;
  benoit: TestClient;
  conseiller: TestClient;
  gestionnaire: TestClient;
  admin: TestClient;
}

export async function startBackOfficeCast(): Promise<BackOfficeCast> {
  const server = await startTestServer();
  const benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
  const conseiller = new TestClient(server.baseUrl);
  await signInAdvisor(conseiller, server.dataDir);
  const gestionnaire = new TestClient(server.baseUrl);
  await signInAdvisor(gestionnaire, server.dataDir, demo.manager);
  const admin = new TestClient(server.baseUrl);
  await signInAdvisor(admin, server.dataDir, demo.administrator);
  return { server, benoit, conseiller, gestionnaire, admin };
}
