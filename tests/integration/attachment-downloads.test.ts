// Every attachment, member side and advisor side (the five file routes), leaves as a download with a safe
// name, nosniff and a CSP sandbox, byte for byte; a PDF with JavaScript or an automatic action and a
// %PDF+HTML polyglot are flagged at upload, and advisors see a warning beside them.
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { requestFile } from "../../app/modules/requests/schema.ts";
import { household, person } from "../../app/modules/households/schema.ts";
import { messageFile } from "../../app/modules/messaging/schema.ts";
import { describe, expect, test } from "../support/fixtures.ts";
import { demo, type TestClient, visibleText } from "../support/http-client.ts";
import type { TestServer } from "../support/test-server.ts";
import { recentDay } from "../support/clock.ts";

const pdfWithScript = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" +
    "3 0 obj\n<< /S /JavaScript /JS (app.alert\\(1\\)) >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);
const polyglot = Buffer.from(
  "%PDF-1.4\n<html><body><script>fetch('/mon-compte').then(r=>r.text()).then(alert)</script></body></html>\n%%EOF\n",
);
const cleanPdf = () => readFileSync("config/notices/notice-information-2026.pdf");
const png = () => readFileSync("tests/fixtures/small.png");

function expectDownload(res: Response, name: RegExp) {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toMatch(
    /^attachment; filename="[A-Za-z0-9 ._()-]+"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/,
  );
  expect(res.headers.get("content-disposition")).toMatch(name);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  // Helmet's page policy is sent too; a browser enforces both, so the sandbox applies.
  expect(res.headers.get("content-security-policy")).toContain("sandbox; default-src 'none'");
  expect(res.headers.get("cache-control")).toContain("no-store");
}

/** A claim draft of Benoit's for Louise, his daughter. */
async function startDraft(server: TestServer, benoit: TestClient) {
  const [louise] = await server.services.db
    .select({ id: person.id })
    .from(person)
    .innerJoin(household, eq(household.id, person.householdId))
    .where(and(eq(household.memberNumber, demo.benoit.number), eq(person.firstName, "Louise")));
  const res = await benoit.post("/demandes/nouvelle", {
    intent: "details",
    beneficiaryId: louise!.id,
    careType: "chiropractie",
    lieu: "france",
    careDate: recentDay("2026-11-20"),
    amount: "80,00",
  });
  return new URL(res.headers.get("location")!, server.baseUrl).searchParams.get("brouillon")!;
}

describe("attachments are downloads, and active content is flagged", () => {
  test("claims: member and advisor routes, the draft preview, and the advisor's warning", async ({
    server,
    member: benoit,
    advisor,
  }) => {
    const draftId = await startDraft(server, benoit);
    const uploaded = await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
      { name: "Facture été (2026).pdf", bytes: cleanPdf() },
      { name: "ordonnance.pdf", bytes: pdfWithScript },
      { name: "../../polyglotte.html.pdf", bytes: polyglot },
      { name: "photo.png", bytes: png() },
    ]);
    expect(uploaded.status).toBe(302);
    const rows = await server.services.db.select().from(requestFile).where(eq(requestFile.draftId, draftId));
    const flags = Object.fromEntries(rows.map((r) => [r.originalName, r.activeContent]));
    expect(flags).toEqual({
      "Facture été (2026).pdf": false,
      "ordonnance.pdf": true,
      "polyglotte.html.pdf": true,
      "photo.png": false,
    });

    // The draft preview (route 1 of 5): still shown by the <img> on step 2, a download when opened.
    const photo = rows.find((r) => r.originalName === "photo.png")!;
    const preview = await benoit.get(`/demandes/nouvelle/fichiers/${photo.id}?brouillon=${draftId}`);
    expectDownload(preview, /filename="photo\.png"/);
    expect(Buffer.from(await preview.arrayBuffer()).equals(png())).toBe(true);

    const submitted = await benoit.post("/demandes/nouvelle", { intent: "submit", brouillon: draftId });
    const claimId = submitted.headers.get("location")!.split("?")[0]!.split("/").pop()!;
    const byName = (name: string) => rows.find((r) => r.originalName === name)!.id;

    // Member side (route 2): the name kept, made safe; accents in the UTF-8 form only.
    const invoice = await benoit.get(`/demandes/${claimId}/fichiers/${byName("Facture été (2026).pdf")}`);
    expectDownload(
      invoice,
      /filename="Facture ete \(2026\)\.pdf"; filename\*=UTF-8''Facture%20%C3%A9t%C3%A9%20%282026%29\.pdf$/,
    );
    expect(invoice.headers.get("content-length")).toBe(String(cleanPdf().length));
    expect(Buffer.from(await invoice.arrayBuffer()).equals(cleanPdf())).toBe(true);

    // Advisor side (route 3): the polyglot downloads (its path was dropped on upload), never shown as a page.
    const poly = await advisor.get(`/back-office/demandes/${claimId}/fichiers/${byName("polyglotte.html.pdf")}`);
    expectDownload(poly, /filename="polyglotte\.html\.pdf"/);
    expect(poly.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await poly.arrayBuffer()).equals(polyglot)).toBe(true);

    const page = await (await advisor.get(`/back-office/demandes/${claimId}`)).text();
    const items = [...page.matchAll(/<li>([\s\S]*?)<\/li>/g)]
      .map((m) => visibleText(m[1]!))
      .filter((t) => /\.pdf|\.png/.test(t));
    const warned = items.filter((t) => t.includes("contient du contenu actif"));
    expect(warned).toHaveLength(2);
    expect(warned.some((t) => t.includes("ordonnance.pdf"))).toBe(true);
    expect(warned.some((t) => t.includes("polyglotte.html.pdf"))).toBe(true);
    expect(page).not.toContain('target="_blank"');
  });

  test("messagerie: member and advisor routes, the warning for advisors only", async ({
    server,
    member: benoit,
    advisor,
  }) => {
    const sent = await benoit.postMultipart(
      "/messagerie/nouveau?categorie=attestation&sujet=attestation-droits&ecrire=1",
      { categorie: "attestation", sujet: "attestation-droits", message: "Voici le document." },
      [
        { name: "attestation.pdf", bytes: pdfWithScript },
        { name: "scan.png", bytes: png() },
      ],
    );
    expect(sent.status).toBe(302);
    const threadId = sent.headers.get("location")!.split("?")[0]!.split("/").pop()!;
    const files = await server.services.db
      .select()
      .from(messageFile)
      .where(
        eq(
          messageFile.householdId,
          (
            await server.services.db
              .select({ id: household.id })
              .from(household)
              .where(eq(household.memberNumber, demo.benoit.number))
          )[0]!.id,
        ),
      );
    const script = files.find((f) => f.originalName === "attestation.pdf")!;
    expect(script.activeContent).toBe(true);
    expect(files.find((f) => f.originalName === "scan.png")!.activeContent).toBe(false);

    // Routes 4 and 5.
    const mine = await benoit.get(`/messagerie/${threadId}/fichiers/${script.id}`);
    expectDownload(mine, /filename="attestation\.pdf"/);
    expect(Buffer.from(await mine.arrayBuffer()).equals(pdfWithScript)).toBe(true);
    const theirs = await advisor.get(`/back-office/messagerie/${threadId}/fichiers/${script.id}`);
    expectDownload(theirs, /filename="attestation\.pdf"/);

    expect(visibleText(await (await advisor.get(`/back-office/messagerie/${threadId}`)).text())).toMatch(
      /attestation\.pdf .*contient du contenu actif/,
    );
    expect(visibleText(await (await benoit.get(`/messagerie/${threadId}`)).text())).not.toContain("contenu actif");
  });

  test("answers 404, not 500, when a file's row outlived its file", async ({ server, member: benoit }) => {
    const draftId = await startDraft(server, benoit);
    await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
      { name: "photo.png", bytes: png() },
    ]);
    const [row] = await server.services.db.select().from(requestFile).where(eq(requestFile.draftId, draftId));
    await server.services.storage.delete(row!.storedName);
    expect((await benoit.get(`/demandes/nouvelle/fichiers/${row!.id}?brouillon=${draftId}`)).status).toBe(404);
  });
});

describe("active content inside compressed streams", () => {
  test("flags a PDF whose /OpenAction and /JS sit in a Flate-compressed object stream, not an ordinary PDF", async ({
    server,
    member: benoit,
  }) => {
    const { deflateSync } = await import("node:zlib");
    const hidden = deflateSync(
      Buffer.from(
        "1 0 2 50 << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> << /S /JavaScript /JS (app.alert\\(1\\)) >>",
      ),
    );
    const objectStream = Buffer.concat([
      Buffer.from(
        `%PDF-1.7\n4 0 obj\n<< /Type /ObjStm /N 2 /First 8 /Filter /FlateDecode /Length ${hidden.length} >>\nstream\r\n`,
      ),
      hidden,
      Buffer.from("\r\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
    ]);
    expect(objectStream.includes(Buffer.from("OpenAction"))).toBe(false);
    const draftId = await startDraft(server, benoit);
    const res = await benoit.postMultipart(`/demandes/nouvelle?brouillon=${draftId}&etape=2`, {}, [
      { name: "cachee.pdf", bytes: objectStream },
      { name: "notice.pdf", bytes: cleanPdf() },
    ]);
    expect(res.status).toBe(302);
    const rows = await server.services.db.select().from(requestFile).where(eq(requestFile.draftId, draftId));
    expect(Object.fromEntries(rows.map((r) => [r.originalName, r.activeContent]))).toEqual({
      "cachee.pdf": true,
      "notice.pdf": false,
    });
  });
});
