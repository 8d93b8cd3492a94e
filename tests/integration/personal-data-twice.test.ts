// Two quick posts (a double click, two tabs) must not open two archives or two identical data-rights
// démarches: the check before the insert is not enough when both posts pass it together, so a partial unique
// index decides, and the loser gets a French answer. Fired concurrently, on PGlite and on PostgreSQL.
import { and, eq, sql } from "drizzle-orm";
import { household } from "../../app/modules/households/schema.ts";
import { dataExport } from "../../app/modules/personal-data/schema.ts";
import { memberRequest } from "../../app/modules/requests/schema.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { demo, visibleText } from "../support/http-client.ts";
import type { TestServer } from "../support/test-server.ts";

async function benoitsHousehold(server: TestServer): Promise<string> {
  const [row] = await server.services.db
    .select({ id: household.id })
    .from(household)
    .where(eq(household.memberNumber, demo.benoit.number));
  return row!.id;
}

const page = "/mon-compte/donnees-personnelles";

describe("the same personal-data request twice at once", () => {
  test("opens one archive; every post is answered with the archive under way", async ({ server, member: benoit }) => {
    const householdId = await benoitsHousehold(server);
    const responses = await Promise.all(Array.from({ length: 6 }, () => benoit.post(page, { intent: "export" })));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(302));
    const rows = await server.services.db.select().from(dataExport).where(eq(dataExport.householdId, householdId));
    expect(rows).toHaveLength(1);
    const locations = responses.map((r) => r.headers.get("location"));
    expect(locations.filter((l) => l === `${page}?archive-demandee#telecharger`)).toHaveLength(1);
    expect(locations.filter((l) => l === `${page}?archive-deja-demandee#telecharger`)).toHaveLength(5);
    const again = visibleText(await (await benoit.get(`${page}?archive-deja-demandee`)).text());
    expect(again).toContain("Une archive de vos données est déjà demandée");
    // The archive is prepared in the background: let it finish before the server closes.
    for (;;) {
      const [row] = await server.services.db.select().from(dataExport).where(eq(dataExport.id, rows[0]!.id));
      if (row!.status === "ready" || row!.status === "failed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  test("opens one erasure démarche; the others are told one is already under way", async ({
    server,
    member: benoit,
  }) => {
    const householdId = await benoitsHousehold(server);
    const form = { right: "erasure", message: "Merci d'effacer mes messages." };
    const responses = await Promise.all(Array.from({ length: 6 }, () => benoit.post(page, form)));
    const statuses = responses.map((r) => r.status).sort((a, b) => a - b);
    expect(statuses).toEqual([302, 409, 409, 409, 409, 409]);
    const refused = responses.find((r) => r.status === 409)!;
    expect(visibleText(await refused.text())).toContain(
      "Une demande de ce type est déjà en cours : vous la suivez dans Mes démarches.",
    );
    const open = await server.services.db
      .select()
      .from(memberRequest)
      .where(
        and(
          eq(memberRequest.householdId, householdId),
          eq(memberRequest.kind, "data_rights"),
          sql`${memberRequest.details}->>'right' = 'erasure'`,
        ),
      );
    expect(open).toHaveLength(1);
  });
});
