// Issue 20, item 5: the messagerie's "Attestation de cotisations (impôts)" leads to a certificate that exists,
// and every "Bon à savoir" online service of the messagerie leads to a working page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMessageCatalog } from "../../app/modules/messaging/categories.server.ts";
import { todayInParis } from "../../app/modules/shared/iso-date.ts";
import { demo, TestClient, visibleText } from "../support/http-client.ts";
import { pdfText } from "../support/pdf.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let benoit: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  benoit = new TestClient(server.baseUrl);
  await benoit.signIn(demo.benoit.number, demo.benoit.password);
});
afterAll(() => server.close());

describe("attestation de cotisations (impôts)", () => {
  it("is in Documents for a year that is over, as a PDF of the cotisations paid", async () => {
    const documents = await (await benoit.get("/documents")).text();
    expect(documents).toContain('id="cotisations"');
    // Benoit's contract started on 01/01/2025: 2025 is over whatever today is.
    expect(visibleText(documents)).toContain("Attestation de cotisations 2025 (PDF)");
    const res = await benoit.get("/documents/attestation-cotisations/2025/pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(await res.arrayBuffer());
    expect(text).toContain("Attestation de cotisations 2025");
    expect(text).toContain("05/01/2025");
    expect(text).toContain("05/12/2025");
    expect(text).toMatch(/Total des cotisations versées en 2025\s+3 472,80 €/);
    // The year under way, and a year before the contract: not certified.
    expect((await benoit.get(`/documents/attestation-cotisations/${todayInParis().slice(0, 4)}/pdf`)).status).toBe(404);
    expect((await benoit.get("/documents/attestation-cotisations/2019/pdf")).status).toBe(404);
  });

  it("walks every « Bon à savoir » link of the messagerie to a working page", async () => {
    const catalog = await getMessageCatalog(server.services.db);
    const services = catalog.flatMap((c) => c.subjects.filter((s) => s.service).map((s) => ({ category: c.key, subject: s.key, href: s.service!.href })));
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
