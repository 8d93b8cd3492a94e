// Issue 20, item 17: two minutes of an advisor's work on a file read as one row in the member's
// "Accès de votre mutuelle à votre dossier", with the pages seen.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "../support/fixtures.ts";
import { user } from "../../app/modules/accounts/schema.ts";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { household } from "../../app/modules/households/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";

describe("the member's list of advisor accesses", () => {
  test("shows 13 looks of one advisor within two minutes as one row, with the pages seen and the count", async ({
    server,
  }) => {
    const db = server.services.db;
    const [advisor] = await db.select({ id: user.id }).from(user).where(eq(user.username, demo.advisor.username));
    const [home] = await db
      .select({ id: household.id })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    const whats = [
      "member_file",
      "payments",
      "member_file",
      "bank_details",
      "beneficiaries",
      "member_file",
      "payments",
      "member_file",
      "payments",
      "member_file",
      "bank_details",
      "member_file",
      "payments",
    ];
    // Fixed past times (10:00 to 10:02 in Paris): the grouping does not depend on today.
    const start = Date.parse("2026-03-10T09:00:00Z");
    await db.insert(auditLog).values(
      whats.map((what, i) => ({
        at: new Date(start + i * 10_000),
        actorUserId: advisor!.id,
        householdId: home!.id,
        action: "backoffice.member_view",
        outcome: "success" as const,
        details: { what },
      })),
    );
    // The same advisor another day: its own row.
    await db.insert(auditLog).values({
      at: new Date("2026-03-09T15:00:00Z"),
      actorUserId: advisor!.id,
      householdId: home!.id,
      action: "backoffice.member_view",
      outcome: "success",
      details: { what: "member_file" },
    });

    const benoit = new TestClient(server.baseUrl);
    await benoit.signIn(demo.benoit.number, demo.benoit.password);
    const html = await (await benoit.get("/mon-compte")).text();
    const section = html.slice(html.indexOf('id="acces-mutuelle"'));
    const rows = [...section.slice(0, section.indexOf("</table>")).matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      visibleText(m[1]!),
    );
    expect(rows.slice(1)).toEqual([
      "10/03/2026 de 10:00 à 10:02 Camille Conseil le résumé de votre dossier, vos remboursements, vos coordonnées bancaires, vos bénéficiaires (13 consultations)",
      "09/03/2026 à 16:00 Camille Conseil le résumé de votre dossier",
    ]);
  });
});
