// The people most back-office tests need, signed in on one fresh server: Benoit (member of the source
// document's household) and the demo advisors, each with their second factor.
import { eq } from "drizzle-orm";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { invoice, upload } from "./claims.ts";
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

/** A claim filed by `member` through their own three-step form (care in France unless `place` says, one PDF). */
export async function fileClaimThroughForm(
  server: TestServer,
  member: TestClient,
  claim: {
    careDate: string;
    amount?: string;
    beneficiaryId: string;
    careType?: string;
    place?: Record<string, string>;
  },
): Promise<{ id: string; reference: string }> {
  const { careDate, amount = "80,00", beneficiaryId, careType = "chiropractie", place = { lieu: "france" } } = claim;
  const step1 = await member.post("/demandes/nouvelle", {
    intent: "details",
    beneficiaryId,
    careType,
    ...place,
    careDate,
    amount,
  });
  const draftId = new URL(step1.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
  await upload(member, draftId, [{ name: "facture.pdf", bytes: invoice() }]);
  const submitted = await member.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
  const id = /\/demandes\/([0-9a-f-]{36})/.exec(submitted.headers.get("location")!)![1]!;
  const [row] = await server.services.db
    .select({ reference: memberRequest.reference })
    .from(memberRequest)
    .where(eq(memberRequest.id, id));
  return { id, reference: row!.reference };
}
