// Every PDF the portal writes carries a real structure tree (RGAA 13.3, PDF/UA): a screen reader meets the
// headings, paragraphs, tables with header cells and figures with a text alternative, in reading order,
// and no text is set below 9 pt. Read back from the PDFs the real server sends, with poppler's pdfinfo.
import { describe, expect, test } from "../support/fixtures.ts";
import type { TestClient } from "../support/http-client.ts";
import { pdfFigureAlts, pdfFontSizes, pdfStructure } from "../support/pdf.ts";

async function download(benoit: TestClient, path: string) {
  const res = await benoit.get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  const bytes = await res.arrayBuffer();
  return { tree: pdfStructure(bytes), sizes: pdfFontSizes(bytes), alts: pdfFigureAlts(bytes) };
}

/** The element types of the tree, in reading order (pdfinfo lists one per line, text lines in quotes). */
const elements = (tree: string) => [...tree.matchAll(/^\s*([A-Za-z0-9]+)\b(?! *")/gm)].map((m) => m[1]);
/** The text of every element of `type`, in order (after its attribute lines such as `/Scope /Row`). */
const texts = (tree: string, type: string) =>
  [...tree.matchAll(new RegExp(`^\\s*${type}\\b[^\\n]*\\n(?:\\s*/[^\\n]*\\n)*\\s*"([^"]*)"`, "gm"))].map((m) => m[1]);
const textOf = (tree: string, type: string) => texts(tree, type)[0] ?? "";

describe("PDF structure", () => {
  test("tags the card: a titled H1, the harmonised block as a table with row headers, the 2D code and R mark with alt text", async ({
    member: benoit,
  }) => {
    const { tree, sizes, alts } = await download(benoit, "/documents/carte-tiers-payant/2026/pdf");
    const types = elements(tree);
    expect(types[0]).toBe("Document");
    expect(textOf(tree, "H1")).toContain("Carte de tiers payant 2026");
    expect(types.filter((t) => t === "TH")).toHaveLength(5);
    expect(texts(tree, "TH")).toEqual([
      "N° AMC",
      "Type de convention",
      "Critère secondaire",
      "N° adhérent",
      "Validité",
    ]);
    expect(tree).toMatch(/Scope \/Row/);
    expect(types.filter((t) => t === "Figure")).toHaveLength(2);
    expect(alts).toEqual(["R : contrat responsable", expect.stringMatching(/^Code 2D de la carte/)]);
    expect(types.indexOf("H1")).toBeLessThan(types.indexOf("Table"));
    expect(types.indexOf("Table")).toBeLessThan(types.lastIndexOf("H2"));
    expect(types).toContain("LI");
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
  });

  test("tags the attestation de droits: H1, paragraphs, the covered people as a list", async ({ member: benoit }) => {
    const { tree, sizes } = await download(benoit, "/documents/attestation-de-droits/pdf");
    const types = elements(tree);
    expect(textOf(tree, "H1")).toBe("Attestation de droits");
    expect(types.filter((t) => t === "P").length).toBeGreaterThanOrEqual(4);
    expect(types).toContain("L");
    expect(texts(tree, "LBody")[0]).toMatch(/^BROUEZ Benoit/);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
  });

  test("tags the échéancier: the debits as a table with column headers and a row-headed total", async ({
    member: benoit,
  }) => {
    const { tree, sizes } = await download(benoit, "/documents/echeancier/2026/pdf");
    const types = elements(tree);
    expect(textOf(tree, "H1")).toBe("Échéancier de cotisations 2026");
    expect(types).toContain("Table");
    expect(texts(tree, "TH")).toEqual(["Date de prélèvement", "Montant", "Total 2026"]);
    expect(tree).toMatch(/Scope \/Column/);
    expect(types.filter((t) => t === "TR").length).toBeGreaterThan(2);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
  });

  test("tags the tableau de garanties: H1 the level, H2 each section, H3 each line", async ({ member: benoit }) => {
    const { tree, sizes } = await download(benoit, "/ma-mutuelle/garanties.pdf");
    const types = elements(tree);
    expect(textOf(tree, "H1")).toContain("Tableau de garanties");
    expect(types.filter((t) => t === "H2").length).toBeGreaterThanOrEqual(3);
    expect(types.filter((t) => t === "H3").length).toBeGreaterThan(types.filter((t) => t === "H2").length);
    expect(types.indexOf("H1")).toBeLessThan(types.indexOf("H2"));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
  });

  test("tags the relevé de prestations: one table, eight column headers read once, a row per payment", async ({
    member: benoit,
  }) => {
    const page = await benoit.get("/remboursements/releve?du=2026-01-01&au=2026-12-31");
    expect(page.status).toBe(302);
    const { tree, sizes } = await download(benoit, page.headers.get("location")!);
    const types = elements(tree);
    expect(textOf(tree, "H1")).toBe("Relevé de prestations");
    expect(types.filter((t) => t === "Table")).toHaveLength(1);
    // The eight column headers (once, although repeated on each printed page) and the total's row header.
    expect(texts(tree, "TH")).toEqual([
      "Payé le",
      "Soins du",
      "Bénéficiaire",
      "Soin",
      "Dépense",
      "Séc. sociale",
      "Mutuelle",
      "Reste à charge",
      "Total",
    ]);
    expect(types.filter((t) => t === "TD").length).toBeGreaterThan(8);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
  });
});
