import { and, eq } from "drizzle-orm";
import { auditLog } from "../../app/modules/audit/schema.ts";
import { person } from "../../app/modules/households/schema.ts";
import { reimbursementLine } from "../../app/modules/reimbursements/schema.ts";
import { TestClient, visibleText } from "../support/http-client.ts";
import { pdfText } from "../support/pdf.ts";
import { describe, expect, test as withPeople } from "../support/fixtures.ts";
import type { TestServer } from "../support/test-server.ts";
import { demoData, euros, fr, monthHeading, moved, movedYear } from "../support/clock.ts";

// The source document's dates, where the demo data has them today (whole months later; see support/clock.ts).
const latest = moved("2026-08-25");
const optiqueCare = moved("2026-07-18");
const optiquePaid = moved("2026-07-25");
const latestYear = Number(latest.slice(0, 4));

// Sarah (Benoit's spouse) and her optical line of 409,23 €, which the tests read.
const test = withPeople
  .extend("sarahId", { scope: "file" }, async ({ server }) => {
    const [sarah] = await server.services.db.select().from(person).where(eq(person.firstName, "Sarah"));
    return sarah!.id;
  })
  .extend("sarahOptiqueId", { scope: "file" }, async ({ server, sarahId }) => {
    const [line] = await server.services.db
      .select()
      .from(reimbursementLine)
      .where(and(eq(reimbursementLine.beneficiaryId, sarahId), eq(reimbursementLine.amcCents, 40923)));
    return line!.id;
  });

const lineIds = (html: string) => [...html.matchAll(/href="\/remboursements\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
const nextLink = (html: string) =>
  /href="(\/remboursements\?[^"]*apres=[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");

describe("Mes remboursements", () => {
  test("lists payments by month, newest first, with care type, amount, beneficiary and date", async ({
    member: benoit,
  }) => {
    const res = await benoit.get("/remboursements");
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    const aout = text.indexOf(monthHeading(latest));
    const juillet = text.indexOf(monthHeading(moved("2026-07-01")));
    const juin = text.indexOf(monthHeading(moved("2026-06-01")));
    expect(aout).toBeGreaterThan(-1);
    expect(aout).toBeLessThan(juillet);
    expect(juillet).toBeLessThan(juin);
    expect(text).toContain(`Pharmacie 45,00 € Soins de Benoit Brouez · versé le ${fr(latest)} à Benoit`);
    expect(text).toContain(`Optique 409,23 € Soins de Sarah Mancion · versé le ${fr(optiquePaid)} à Sarah`);
    for (const amount of ["4,41 €", "10,00 €", "16,50 €", "24,00 €", "279,05 €", "5,89 €", "75,00 €"])
      expect(text).toContain(amount);
    for (const chip of ["Tous", "Benoit Brouez", "Sarah Mancion", "Hélia Brouez", "Louise Brouez", "Léa Brouez"])
      expect(text).toContain(chip);
  });

  test("offers as filters the household's own years (newest first) and care types, read from its lines", async ({
    server,
    member: benoit,
  }) => {
    const html = await (await benoit.get("/remboursements")).text();
    const options = (id: string) =>
      [
        ...(new RegExp(`<select id="${id}"[^>]*>(.*?)</select>`, "s").exec(html)?.[1] ?? "").matchAll(
          /<option value="([^"]*)"/g,
        ),
      ].map((m) => m[1]);
    const lines = await server.services.db
      .select({ paymentDate: reimbursementLine.paymentDate, careType: reimbursementLine.careType })
      .from(reimbursementLine)
      .where(eq(reimbursementLine.householdId, await householdOf(server, "Benoit")));
    const years = [...new Set(lines.map((l) => l.paymentDate.slice(0, 4)))].sort().reverse();
    expect(years.length).toBeGreaterThan(1);
    expect(options("periode")).toEqual(["", "12m", ...years]);
    expect(options("soin")).toEqual(["", ...[...new Set(lines.map((l) => l.careType))].sort()]);
    // People are listed by age, the member's chip before the children's.
    const chips = visibleText(/<nav aria-label="Filtrer par bénéficiaire"[^>]*>(.*?)<\/nav>/s.exec(html)?.[1] ?? "");
    expect(chips.indexOf("Benoit Brouez")).toBeLessThan(chips.indexOf("Léa Brouez"));
  });

  test("pages through the whole history with a cursor, without gaps or repeats", async ({ server, member: benoit }) => {
    const total = await server.services.db.$count(
      reimbursementLine,
      eq(reimbursementLine.householdId, await householdOf(server, "Benoit")),
    );
    const first = await (await benoit.get("/remboursements")).text();
    const page1 = lineIds(first);
    expect(page1).toHaveLength(20);
    const next = nextLink(first);
    expect(next).toBeTruthy();
    const second = await (await benoit.get(next!)).text();
    const page2 = lineIds(second);
    expect(page2).toHaveLength(total - 20);
    expect(new Set([...page1, ...page2]).size).toBe(total);
    expect(nextLink(second)).toBeUndefined();
    expect(visibleText(second)).toContain("Revenir aux remboursements les plus récents");
  });

  test("filters by beneficiary, care type and period, and keeps the filters in the URL", async ({
    member: benoit,
    sarahId,
  }) => {
    const sarah = visibleText(await (await benoit.get(`/remboursements?beneficiaire=${sarahId}`)).text());
    expect(sarah).toContain("409,23 €");
    expect(sarah).not.toContain("Soins de Benoit Brouez");
    const pharmacy = visibleText(
      await (await benoit.get(`/remboursements?soin=pharmacie&periode=${latestYear}`)).text(),
    );
    expect(pharmacy).toContain("45,00 €");
    expect(pharmacy).not.toContain("Optique 409,23");
    // The year before: the household has payments then (the source document's history), none of the latest year's.
    const before = demoData.benoit.lines.find((l) => l.paymentDate.startsWith(`${latestYear - 1}-`))!;
    expect(pharmacy).not.toContain(monthHeading(before.paymentDate));
    const yearBefore = await (await benoit.get(`/remboursements?periode=${latestYear - 1}`)).text();
    expect(visibleText(yearBefore)).toContain(monthHeading(before.paymentDate));
    expect(visibleText(yearBefore)).not.toContain(monthHeading(latest));
    // A stale or tampered bookmark still opens, without the bad filter.
    const odd = await benoit.get("/remboursements?beneficiaire=pas-un-id&soin=%3Cscript%3E&periode=hier&apres=xyz");
    expect(odd.status).toBe(200);
    expect(lineIds(await odd.text())).toHaveLength(20);
  });

  test("never shows another household's lines through a filter", async ({ otherMember: claire, sarahId }) => {
    const html = await (await claire.get(`/remboursements?beneficiaire=${sarahId}`)).text();
    expect(lineIds(html)).toHaveLength(0);
    expect(visibleText(html)).toContain("Aucun remboursement ne correspond à ces filtres.");
  });

  test("answers each household from the same prepared statements with its own lines only", async ({
    server,
    member: benoit,
    otherMember: claire,
  }) => {
    const db = server.services.db;
    const idsOf = async (household: string) =>
      new Set(
        (
          await db
            .select({ id: reimbursementLine.id })
            .from(reimbursementLine)
            .where(eq(reimbursementLine.householdId, household))
        ).map((r) => r.id),
      );
    const benoitIds = await idsOf(await householdOf(server, "Benoit"));
    const claireIds = await idsOf(await householdOf(server, "Claire"));
    expect(claireIds.size).toBeGreaterThan(0);
    for (const query of ["", "?soin=pharmacie", `?periode=${latestYear}`, `?soin=pharmacie&periode=${latestYear}`]) {
      // Benoit first, so the statement of this combination of filters is prepared with his values at hand.
      const his = lineIds(await (await benoit.get(`/remboursements${query}`)).text());
      const hers = lineIds(await (await claire.get(`/remboursements${query}`)).text());
      expect(his.length).toBeGreaterThan(0);
      expect(his.every((id) => benoitIds.has(id))).toBe(true);
      expect(hers.every((id) => claireIds.has(id))).toBe(true);
    }
  });
});

describe("a line's detail", () => {
  test("shows every amount, who was paid, the masked account and why", async ({ member: benoit, sarahOptiqueId }) => {
    const res = await benoit.get(`/remboursements/${sarahOptiqueId}`);
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    for (const expected of [
      `Optique du ${fr(optiqueCare)}`,
      `Date des soins ${fr(optiqueCare)}`,
      "Bénéficiaire des soins Sarah Mancion",
      "Professionnel de santé Optique du Centre",
      "Montant payé 600,00 €",
      "Base de remboursement 0,15 €",
      "Part Sécurité sociale 0,09 €",
      "Part mutuelle 409,23 €",
      "Reste à charge 190,68 €",
      "Versé à Sarah",
      `Date du paiement ${fr(optiquePaid)}`,
      "FR76 **** **** **** **** **** 999",
      "Pourquoi ce montant ?",
      "Reste à votre charge : 600,00 € − 0,09 € − 409,23 € = 190,68 €.",
    ]) {
      expect(text).toContain(expected);
    }
  });

  test("is a 404 for another household, a malformed id or an unknown id", async ({
    server,
    member: benoit,
    otherMember: claire,
    sarahOptiqueId,
  }) => {
    expect((await claire.get(`/remboursements/${sarahOptiqueId}`)).status).toBe(404);
    expect((await benoit.get("/remboursements/123")).status).toBe(404);
    expect((await benoit.get("/remboursements/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect(
      (await new TestClient(server.baseUrl).get(`/remboursements/${sarahOptiqueId}`)).headers.get("location"),
    ).toBe(`/connexion?redirectTo=${encodeURIComponent(`/remboursements/${sarahOptiqueId}`)}`);
  });
});

describe("yearly summary", () => {
  test("adds up the year per beneficiary and category, with a table behind the chart", async ({
    member: benoit,
    sarahId,
  }) => {
    const year = movedYear("2026-07-18");
    const html = await (await benoit.get(`/remboursements/synthese?annee=${year}&beneficiaire=${sarahId}`)).text();
    const text = visibleText(html);
    expect(text).toContain(`Synthèse de vos soins en ${year}`);
    // Sarah's care of that year in the demo data (in the source document's 2026: optique 600,00 + chiropractie
    // 80,00 + GP 30,00 = 710,00 charged; AMC 409,23 + 75,00 + 9,00 = 493,23), summed here as the page must.
    const hers = demoData.benoit.lines.filter((l) => l.beneficiary === "Sarah" && l.careDate.startsWith(`${year}-`));
    const sum = (f: (l: (typeof hers)[number]) => number) => hers.reduce((t, l) => t + f(l), 0);
    expect(hers.length).toBeGreaterThanOrEqual(1);
    expect(text).toContain(
      `Total ${euros(sum((l) => l.chargedCents))} ${euros(sum((l) => l.amoCents))} ${euros(sum((l) => l.amcCents))} ${euros(sum((l) => l.chargedCents - l.amoCents - l.amcCents))}`,
    );
    expect(html).toContain('<table role="table" class="stack-table">');
    expect(html).toMatch(/<ul class="chart-rows" aria-hidden="true">[^]*?<svg/); // the chart repeats the table, hidden from screen readers
    expect(text).not.toContain("Benoit Brouez Type de soin");
  });
});

describe("downloads", () => {
  test("sends the statement PDF with the right lines and headers, and audits it", async ({
    server,
    member: benoit,
    sarahId,
  }) => {
    // The source document's summer (June to August), where the demo data has it today.
    const [from, to] = [moved("2026-06-01"), moved("2026-08-31")];
    const page = await benoit.get(`/remboursements/releve?beneficiaire=${sarahId}&du=${from}&au=${to}`);
    expect(page.status).toBe(302);
    const pdf = await benoit.get(page.headers.get("location")!);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="releve-prestations-${from}-${to}.pdf"`);
    expect(pdf.headers.get("cache-control")).toBe("no-store");
    expect(pdf.headers.get("x-content-type-options")).toBe("nosniff");
    const text = pdfText(await pdf.arrayBuffer());
    expect(text).toContain("Relevé de prestations");
    expect(text).toContain("Bénéficiaire : Sarah Mancion");
    expect(text).toContain(`Paiements du ${fr(from)} au ${fr(to)}`);
    expect(text).toContain("409,23 €");
    expect(text).toContain("75,00 €");
    expect(text).not.toContain("45,00 €"); // Benoit's pharmacy is not Sarah's
    // Total: 409,23 + 75,00 = 484,23.
    expect(text).toMatch(/Total\s+2 paiements.*484,23 €/);
    const audits = await server.services.db.select().from(auditLog).where(eq(auditLog.action, "document.download"));
    expect(audits.some((a) => a.details?.document === "statement")).toBe(true);
  });

  test("explains a wrong period next to the field, with a 400", async ({ member: benoit }) => {
    const res = await benoit.get("/remboursements/releve?du=2026-08-31&au=2026-06-01");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(visibleText(html)).toContain("La date de fin doit être après la date de début.");
    expect(html).toContain('id="au-erreur"');
    expect((await benoit.get("/remboursements/releve?du=2026-02-30&au=2026-06-01")).status).toBe(400);
  });

  test("refuses another household's beneficiary in the statement", async ({ otherMember: claire, sarahId }) => {
    expect(
      (await claire.get(`/remboursements/releve.pdf?beneficiaire=${sarahId}&du=2026-01-01&au=2026-12-31`)).status,
    ).toBe(404);
    expect(
      (await claire.get(`/remboursements/releve?beneficiaire=${sarahId}&du=2026-01-01&au=2026-12-31`)).status,
    ).toBe(400);
  });

  test("exports the filtered lines as a French CSV", async ({ member: benoit, sarahId }) => {
    const year = movedYear("2026-07-25");
    const res = await benoit.get(`/remboursements/export.csv?beneficiaire=${sarahId}&periode=${year}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="remboursements.csv"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder().decode(bytes.slice(3)).trim().split("\r\n");
    expect(rows[0]).toContain("Date de paiement;Date des soins;Bénéficiaire");
    const paid = demoData.benoit.lines.filter((l) => l.beneficiary === "Sarah" && l.paymentDate.startsWith(`${year}-`));
    expect(rows).toHaveLength(1 + paid.length); // Sarah's payments of that year
    expect(rows).toContain(
      `${fr(optiquePaid)};${fr(optiqueCare)};Sarah Mancion;Optique;Optique du Centre;600,00;0,15;0,09;409,23;190,68;Sarah`,
    );
    expect(rows.join("\n")).not.toContain("Benoit Brouez");
  });

  test("gives another household nothing of Benoit's in its own export", async ({ otherMember: claire, sarahId }) => {
    const text = await (await claire.get(`/remboursements/export.csv?beneficiaire=${sarahId}`)).text();
    expect(text.trim().split("\r\n")).toHaveLength(1);
  });
});

async function householdOf(server: TestServer, firstName: string): Promise<string> {
  const [p] = await server.services.db.select().from(person).where(eq(person.firstName, firstName));
  return p!.householdId;
}
