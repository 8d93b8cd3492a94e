import { eq } from "drizzle-orm";
import { describe, expect, test } from "../support/fixtures.ts";
import { getGuaranteeOverview } from "../../app/modules/guarantees/overview.server.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { pdfText } from "../support/pdf.ts";
import { addYears } from "../../app/modules/clock/calendar.ts";
import { fr, moved, thisYear, today } from "../support/clock.ts";
import { memberViewer } from "../support/viewer.ts";

// Sarah's chiropractie session and glasses of the source document, where the demo data has them today.
const chiropractie = moved("2026-05-28");
const chiropractieYear = Number(chiropractie.slice(0, 4));
const glasses = moved("2026-07-18");

describe("usage counters from stored lines", () => {
  test("counts Sarah's 75 € chiropractie payment against the médecines douces forfait, and her glasses", async ({
    server,
  }) => {
    const db = server.services.db;
    const [home] = await db.select().from(household).where(eq(household.memberNumber, "10000001"));
    const [sarah] = await db.select().from(person).where(eq(person.firstName, "Sarah"));
    const viewer = memberViewer(home!.id);
    const overview = await getGuaranteeOverview(db, server.services.guarantees, viewer, `${chiropractieYear}-12-31`);
    expect(overview.levelLabel).toBe("Optimale");
    const counters = overview.people.find((p) => p.personId === sarah!.id)!.counters;
    // That year: one chiropractie session paid 75,00 € (care 28/05 in the source document) out of 150,00 € and 4 sessions.
    expect(counters.find((c) => c.id === "forfait:medecines-douces")).toMatchObject({
      usedCents: 7500,
      limitCents: 15000,
      remainingCents: 7500,
      sessionsUsed: 1,
      sessionsLeft: 3,
    });
    // Glasses reimbursed for care on 18/07 (source document): the next pair two years later (adult).
    const current = await getGuaranteeOverview(db, server.services.guarantees, viewer, today);
    const sarahNow = current.people.find((p) => p.personId === sarah!.id)!.counters;
    // Her glasses are stored as lenses (one line): the lenses' meter (components renewed separately, LPP ch. 2).
    expect(sarahNow.find((c) => c.id === "renewal:equipement-optique:lenses")).toMatchObject({
      lastEquipmentDate: glasses,
      nextEligibleDate: addYears(glasses, 2),
    });
    // The same counters a year later: the forfait has reset.
    const later = await getGuaranteeOverview(db, server.services.guarantees, viewer, `${chiropractieYear + 1}-02-01`);
    expect(
      later.people.find((p) => p.personId === sarah!.id)!.counters.find((c) => c.id === "forfait:medecines-douces"),
    ).toMatchObject({ usedCents: 0 });
  });

  test("reads the history from 29 February too (three years back is 28 February, not a date that does not exist)", async ({
    server,
  }) => {
    const db = server.services.db;
    const [home] = await db.select().from(household).where(eq(household.memberNumber, "10000001"));
    const viewer = memberViewer(home!.id);
    const overview = await getGuaranteeOverview(db, server.services.guarantees, viewer, "2028-02-29");
    expect(overview.levelLabel).toBe("Optimale");
  });
});

describe("/ma-mutuelle/garanties", () => {
  test("shows the Optimale table in plain French, with examples and the meters", async ({ member: benoit }) => {
    const res = await benoit.get("/ma-mutuelle/garanties");
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain("Niveau Optimale");
    expect(text).toContain(
      "Médecin généraliste adhérent OPTAM 200 % de la base de remboursement, Sécurité sociale comprise",
    );
    expect(text).toContain("Pour une consultation à 30 €, vous êtes remboursé 28,00 €");
    // This year's meter counts Sarah's session only if it fell this year (in January, last year's has reset).
    if (chiropractieYear === thisYear)
      expect(text).toContain("Médecines douces 75,00 € utilisés sur 150,00 €, 3 séances restantes");
    else expect(text).not.toContain("75,00 € utilisés");
    expect(text).toContain(`les prochains seront remboursés à partir du ${fr(addYears(glasses, 2))}`);
  });

  test("finds lines with everyday words, accents or not", async ({ member: benoit }) => {
    const glasses = visibleText(await (await benoit.get("/ma-mutuelle/garanties?q=lunettes")).text());
    expect(glasses).toContain("Verres complexes");
    expect(glasses).not.toContain("Soins dentaires 200 %");
    const osteo = visibleText(await (await benoit.get("/ma-mutuelle/garanties?q=osteopathe")).text());
    expect(osteo).toContain("Ostéopathie");
    expect(osteo).not.toContain("Verres complexes");
    expect(visibleText(await (await benoit.get("/ma-mutuelle/garanties?q=zzzz")).text())).toContain(
      "0 garantie(s) pour « zzzz »",
    );
  });

  test("downloads the table as a PDF", async ({ member: benoit }) => {
    const res = await benoit.get("/ma-mutuelle/garanties.pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="tableau-de-garanties-optimale.pdf"');
    const text = pdfText(await res.arrayBuffer());
    expect(text).toContain("Tableau de garanties – niveau Optimale");
    expect(text).toContain("Médecines douces");
    expect(text).toContain("75,00 € par séance");
  });

  test("is for members only", async ({ server }) => {
    expect((await new TestClient(server.baseUrl).get("/ma-mutuelle/garanties.pdf")).status).toBe(302);
    const advisor = new TestClient(server.baseUrl);
    await advisor.signIn(demo.advisor.username, demo.advisor.password);
    expect((await advisor.get("/ma-mutuelle/garanties")).status).toBe(404);
  });
});
