// The claim suites' helpers: test files, a claim draft started for Louise, and files imported into a draft.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { person } from "../../app/modules/households/schema.ts";
import type { TestClient } from "./http-client.ts";
import type { TestServer } from "./test-server.ts";
import { recentDay } from "./clock.ts";

export const fixture = (name: string) => readFileSync(join("tests/fixtures", name));
export const invoice = () => readFileSync("config/notices/notice-information-2026.pdf");

/** Louise, Benoit's daughter. */
export const louiseOf = async (server: TestServer) =>
  (await server.services.db.select().from(person).where(eq(person.firstName, "Louise")))[0]!.id;

/** A claim draft of Benoit's household, for Louise unless `details` says otherwise. */
export async function startClaim(server: TestServer, client: TestClient, details: Record<string, string> = {}) {
  const res = await client.post("/demandes/nouvelle", {
    intent: "details",
    beneficiaryId: await louiseOf(server),
    careType: "chiropractie",
    lieu: "france",
    careDate: recentDay("2026-11-20"),
    amount: "80,00",
    ...details,
  });
  expect(res.status).toBe(302);
  const location = res.headers.get("location")!;
  return { location, draftId: new URL(location, server.baseUrl).searchParams.get("brouillon")! };
}

export function upload(client: TestClient, draftId: string, files: { name: string; bytes: Buffer; type?: string }[]) {
  return client.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, files);
}
