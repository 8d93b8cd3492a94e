// 29 February as today on the guarantees page, its PDF and the quote estimate: the household's tables, meters and
// 5-year history read on the real database.
import { eq } from "drizzle-orm";
import { estimateQuote } from "../../app/modules/guarantees/estimate.ts";
import { getGuaranteeContext, getGuaranteeOverview } from "../../app/modules/guarantees/overview.server.ts";
import { household } from "../../app/modules/households/schema.ts";
import { addYears } from "../../app/modules/clock/calendar.ts";
import { moved } from "../support/clock.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { pinnedClock } from "../../app/modules/clock/index.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { pdfText } from "../support/pdf.ts";
import { startTestServer } from "../support/test-server.ts";
import { memberViewer } from "../support/viewer.ts";

describe("29 February on the guarantees page, its PDF and the quote estimate", () => {
  // The page and the PDF read getGuaranteeOverview(today), the devis getGuaranteeContext(today): on 29/02/2028
  // their history window was "2025-02-29", which the database refuses. The real database, that date as today.
  test("reads the household's tables, meters and history on a 29 February and estimates a quote", async ({
    server,
  }) => {
    // The first 29 February after Sarah's complex lenses (18/07/2026 in the source document, moved with the demo).
    const lenses = moved("2026-07-18");
    const leapDay = firstLeapDayAfter(lenses);
    const [home] = await server.services.db
      .select({ id: household.id })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    const viewer = memberViewer(home!.id);
    const overview = await getGuaranteeOverview(server.services.db, server.services.guarantees, viewer, leapDay);
    expect(overview.levelLabel).toBe("Optimale");
    const sarah = overview.people.find((p) => p.firstName === "Sarah")!;
    // Her lenses (in the 5-year window) give the lenses' renewal meter its dates (components renewed separately).
    expect(sarah.counters.find((c) => c.id === "renewal:equipement-optique:lenses")).toMatchObject({
      lastEquipmentDate: lenses,
      nextEligibleDate: addYears(lenses, 2),
    });
    const context = await getGuaranteeContext(server.services.db, server.services.guarantees, viewer, leapDay);
    const who = context.beneficiaries.find((b) => b.firstName === "Sarah")!;
    const estimate = estimateQuote({
      table: context.table!,
      lines: [{ category: "optique_verres_complexes", chargedCents: 12000, baseCents: 5, quantity: 1 }],
      beneficiary: who.facts,
      history: who.history,
      today: leapDay,
    });
    if (leapDay < addYears(lenses, 2)) {
      // Renewal not yet due on the leap day → nothing from the mutuelle ; RAC 120,00 − 0,03
      expect(estimate.lines[0]).toMatchObject({ amcCents: 0, remainingCents: 11997 });
    } else {
      expect(estimate.lines[0]!.amcCents).toBeGreaterThan(0);
    }
  });
});

describe("29 February as the server's today: /ma-mutuelle/garanties and its PDF over HTTP", () => {
  test("the page with its meters and the PDF answer 200 on 29/02/2028", async () => {
    // The server's clock pinned at noon on 29/02/2028 (Paris): every date window of the page and the PDF
    // (history from 28/02/2023, counter years, renewal dates) is built on that day.
    const server = await startTestServer({ overrides: { clock: pinnedClock(new Date("2028-02-29T12:00:00Z")) } });
    try {
      const benoit = new TestClient(server.baseUrl);
      await benoit.signIn(demo.benoit.number, demo.benoit.password);
      const page = await benoit.get("/ma-mutuelle/garanties");
      expect(page.status).toBe(200);
      expect(visibleText(await page.text())).toContain("Renouvellement de l'aide auditive, oreille gauche");
      const pdf = await benoit.get("/ma-mutuelle/garanties.pdf");
      expect(pdf.status).toBe(200);
      expect(pdfText(await pdf.arrayBuffer())).toContain("Tableau de garanties – niveau");
    } finally {
      await server.close();
    }
  });
});

function firstLeapDayAfter(date: string): string {
  for (let year = Number(date.slice(0, 4)); ; year++) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (leap && `${year}-02-29` > date) return `${year}-02-29`;
  }
}
