// The échéancier and the attestation de cotisations have a PDF and a web page (RGAA 13.3): both read the year's
// debits from documents/yearly-debits.server.ts, so they agree, a change of level accepted for a later month
// included (the web pages once left it out: the same code written twice had drifted).
import { eq } from "drizzle-orm";
import { household } from "../../app/modules/households/schema.ts";
import { formatEuros } from "../../app/modules/shared/format.ts";
import { today } from "../support/clock.ts";
import { demo, visibleText } from "../support/http-client.ts";
import { pdfText } from "../support/pdf.ts";
import { describe, expect, test } from "../support/fixtures.ts";

const spaces = (s: string) => s.replace(/\s+/g, " ");

describe("échéancier: web page and PDF", () => {
  test("show the new premium from the month a change of level takes effect, both of them", async ({
    server,
    member,
  }) => {
    const db = server.services.db;
    const [home] = await db
      .select({ id: household.id, premium: household.premiumMonthlyCents })
      .from(household)
      .where(eq(household.memberNumber, demo.benoit.number));
    const newPremium = home!.premium + 1234;
    // Accepted for the 1st of this month (pending: the job has not applied it), so this year's schedule shows it.
    await db
      .update(household)
      .set({
        pendingCoverageLevel: "Essentielle",
        pendingPremiumMonthlyCents: newPremium,
        pendingLevelFrom: `${today.slice(0, 7)}-01`,
      })
      .where(eq(household.id, home!.id));
    const year = today.slice(0, 4);
    const page = await member.get(`/documents/echeancier/${year}`);
    expect(page.status).toBe(200);
    const html = spaces(visibleText(await page.text()));
    const pdf = await member.get(`/documents/echeancier/${year}/pdf`);
    expect(pdf.status).toBe(200);
    const text = spaces(pdfText(await pdf.arrayBuffer()));
    const amount = spaces(formatEuros(newPremium));
    expect(html).toContain(amount);
    expect(text).toContain(amount);
  });
});
