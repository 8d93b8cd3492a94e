// The database itself refuses a démarche kind or status the code does not know, and every démarche the demo
// seeds (one of each kind the demo tells) reads back through its kind's details schema.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/modules/db/client.server.ts";
import { detailsOf } from "../../app/modules/requests/details.ts";
import { memberRequest, requestEvent } from "../../app/modules/requests/schema.ts";
import { openTestDatabase } from "../support/test-database.ts";

let database: Database;
/** The database's own message (Drizzle wraps it as the cause of "Failed query"). */
const refusal = (query: Promise<unknown>) =>
  query.then(
    () => "accepted",
    (error: unknown) => {
      const failure = error as Error;
      return (failure.cause as Error | undefined)?.message ?? failure.message;
    },
  );
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("member_request and request_event checks", () => {
  it("refuses an unknown status or kind, and accepts a known one", async () => {
    const { db } = database;
    const [one] = await db
      .select({ id: memberRequest.id, householdId: memberRequest.householdId })
      .from(memberRequest)
      .limit(1);
    expect(one).toBeDefined();
    expect(await refusal(db.execute(sql`update member_request set status = 'lost' where id = ${one!.id}`))).toMatch(
      /member_request_status_check/,
    );
    expect(await refusal(db.execute(sql`update member_request set kind = 'gift' where id = ${one!.id}`))).toMatch(
      /member_request_kind_check/,
    );
    expect(
      await refusal(db.execute(sql`insert into request_event (request_id, status) values (${one!.id}, 'done')`)),
    ).toMatch(/request_event_status_check/);
    await db.insert(requestEvent).values({ requestId: one!.id, status: "in_progress", note: null });
  });

  it("every seeded démarche's details match its kind", async () => {
    const rows = await database.db
      .select({ kind: memberRequest.kind, details: memberRequest.details })
      .from(memberRequest);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(() => detailsOf(row.kind, row.details)).not.toThrow();
  });
});
