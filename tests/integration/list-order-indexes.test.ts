// The member lists are read newest first and stop after a page: that needs an index that gives exactly the
// list's order. "ORDER BY x DESC" means DESC NULLS FIRST in PostgreSQL; an index declared DESC NULLS LAST (what
// Drizzle writes for .desc()) cannot give it, and every list then read and sorted a household's whole history
// (migration 0003). With sorting priced out, a plan without a Sort node proves the index gives the order.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";

async function planOf(server: TestServer, query: string): Promise<string> {
  return server.services.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    await tx.execute(sql`set local enable_sort = off`);
    const result = (await tx.execute(sql.raw(`explain (costs off) ${query}`))) as unknown as {
      rows: Record<string, string>[];
    };
    return result.rows.map((r) => Object.values(r)[0]).join("\n");
  });
}

describe("indexes give the member lists their order", () => {
  const household = "00000000-0000-4000-8000-000000000001";
  for (const [name, query, index] of [
    [
      "reimbursements, newest payment first",
      `select id from reimbursement_line where household_id = '${household}' order by payment_date desc, id desc limit 21`,
      "reimbursement_household_payment_idx",
    ],
    [
      "démarches, newest first",
      `select id from member_request where household_id = '${household}' order by created_at desc limit 20`,
      "member_request_household_idx",
    ],
    [
      "message threads, latest message first",
      `select id from message_thread where household_id = '${household}' order by last_message_at desc limit 20`,
      "message_thread_household_idx",
    ],
  ] as const) {
    test(name, async ({ server }) => {
      const plan = await planOf(server, query);
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/Sort/);
    });
  }
});
