// Issue 20, item 5: the messagerie's "Attestation de cotisations (impôts)" leads to a certificate that exists,
// and every "Bon à savoir" online service of the messagerie leads to a working page.
import { describe, expect, test } from "../support/fixtures.ts";
import { getMessageCatalog } from "../../app/modules/messaging/categories.server.ts";
import { visibleText } from "../support/http-client.ts";
import { demoData, fr, thisYear } from "../support/clock.ts";
import { pdfText } from "../support/pdf.ts";

describe("attestation de cotisations (impôts)", () => {
  test("is in Documents for a year that is over, as a PDF of the cotisations paid", async ({ member: benoit }) => {
    // The year before the clock's: over, and covered by the demo contract (which starts well before it).
    const year = thisYear - 1;
    expect(demoData.benoit.coverageStart <= `${year}-01-01`).toBe(true);
    const documents = await (await benoit.get("/documents")).text();
    expect(documents).toContain('id="cotisations"');
    expect(visibleText(documents)).toContain(`Attestation de cotisations ${year} (PDF)`);
    const res = await benoit.get(`/documents/attestation-cotisations/${year}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(await res.arrayBuffer());
    expect(text).toContain(`Attestation de cotisations ${year}`);
    expect(text).toContain(fr(`${year}-01-05`));
    expect(text).toContain(fr(`${year}-12-05`));
    expect(text).toMatch(new RegExp(`Total des cotisations versées en ${year}\\s+[0-9 \u202f\u00a0]+,\\d\\d €`));
    // The year under way, and a year before the contract: not certified.
    expect((await benoit.get(`/documents/attestation-cotisations/${thisYear}/pdf`)).status).toBe(404);
    expect((await benoit.get("/documents/attestation-cotisations/2019/pdf")).status).toBe(404);
  });

  test("walks every « Bon à savoir » link of the messagerie to a working page", async ({ server, member: benoit }) => {
    const catalog = await getMessageCatalog(server.services.db);
    const services = catalog.flatMap((c) =>
      c.subjects.filter((s) => s.service).map((s) => ({ category: c.key, subject: s.key, href: s.service!.href })),
    );
    expect(services.length).toBeGreaterThan(0);
    for (const { category, subject, href } of services) {
      const box = await (await benoit.get(`/messagerie/nouveau?categorie=${category}&sujet=${subject}`)).text();
      expect(box, subject).toContain("Bon à savoir !");
      expect(box, subject).toContain(`href="${href}"`);
      const [path, fragment] = href.split("#");
      const page = await benoit.get(path!);
      expect(page.status, href).toBe(200);
      const html = await page.text();
      if (fragment) expect(html, href).toContain(`id="${fragment}"`);
    }
    const tax = services.find((s) => s.subject === "attestation-cotisations")!;
    expect(tax.href).toBe("/documents#cotisations");
  });
});
