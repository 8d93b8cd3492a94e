import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { startTestServer, type TestServer } from "./test-server.ts";

/** The core system's token the import suites' server is started with. */
export const importToken = "core-system-token-0123456789abcdef-xyz";

export const decomptesHeader =
  "line_id,member_number,beneficiary_ref,care_type,care_date,payment_date,professional,charged_cents,base_cents,amo_rate_bp,amo_deductible_cents,amo_cents,amc_cents,guarantee_label,paid_to";

/**
 * A server with the import API open, for the whole file, and `post` to send it a body as the core system does.
 * The import suites keep their own server (not the shared fixtures): they need the token in its environment.
 */
export function importApiServer() {
  const handle = { server: undefined as unknown as TestServer };
  beforeAll(async () => {
    handle.server = await startTestServer({ env: { IMPORT_API_TOKEN: importToken } });
  });
  afterAll(() => handle.server.close());
  const post = (body: BodyInit, { contentType = "text/csv", auth = `Bearer ${importToken}` } = {}) =>
    fetch(`${handle.server.baseUrl}/api/v1/decomptes`, {
      method: "POST",
      headers: { "content-type": contentType, authorization: auth },
      body,
    });
  return { handle, post };
}

/** The audit row of the latest import (API or command), or undefined. */
export async function lastImportAudit(server: TestServer) {
  const [audit] = await server.services.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, "import.decomptes"))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return audit;
}
