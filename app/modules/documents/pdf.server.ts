// Shared set-up of every PDF the portal writes: pdfkit, tagged for screen readers, in French, with an
// embedded open font (DejaVu Sans, from the dejavu-fonts-ttf package) so every reader shows the same text.
// TrueType on purpose: a WOFF font would be decompressed in JavaScript for every document (5× slower).
// pdfkit and the fonts are loaded on the first PDF, not at start: with bwip-js and qrcode they held about
// 35 MB of a page server's memory that page views never use (docs/benchmarks.md).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type PDFDocumentClass from "pdfkit";

const require = createRequire(import.meta.url);
let pdfkit: Promise<{ default: typeof PDFDocumentClass }> | undefined;
// Read once per process: each document then only parses and subsets them.
let fonts: { body: Buffer; bold: Buffer } | undefined;

/** Font names registered on every document: use these, never a built-in (unembedded) font. */
export const font = { body: "Body", bold: "Bold" } as const;

/** Some PDF readers' copy/paste mangles the narrow no-break space Intl puts in "1 234,56 €": use a plain one. */
export const pdfText = (s: string) => s.replace(/\u202f/g, "\u00a0");

export async function createPdf(info: { title: string; author: string; size?: [number, number]; margin?: number }) {
  const { default: PDFDocument } = await (pdfkit ??= import("pdfkit") as Promise<{ default: typeof PDFDocumentClass }>);
  fonts ??= {
    body: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    bold: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
  };
  const doc = new PDFDocument({
    size: info.size ?? "A4",
    margins:
      info.margin !== undefined
        ? { top: info.margin, bottom: info.margin, left: info.margin, right: info.margin }
        : { top: 48, bottom: 48, left: 40, right: 40 },
    info: { Title: info.title, Author: info.author },
    tagged: true,
    lang: "fr-FR",
    displayTitle: true,
  });
  doc.registerFont(font.body, fonts.body);
  doc.registerFont(font.bold, fonts.bold);
  doc.font(font.body);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on("end", () => {
      resolve(Buffer.concat(chunks));
    }),
  );
  // The structure tree's root: every heading, paragraph, table and figure is added under it in reading
  // order (docs/accessibility.md, "PDF structure"). `tagged: true` alone only marks the file as tagged.
  const root = doc.struct("Document");
  doc.addStructure(root);
  return { doc, done, root };
}

export type StructureElement = PDFKit.PDFStructureElement;

/**
 * Draws `draw`'s output as one structure element (H1, H2, P, TH, TD, Figure…) appended to `parent`, so a
 * screen reader meets it in the order of the calls. The drawing runs now, inside the element's marked content.
 */
export function tag(
  doc: PDFKit.PDFDocument,
  parent: StructureElement,
  type: string,
  draw: () => void,
  options: { alt?: string; scope?: "Column" | "Row" } = {},
): StructureElement {
  // pdfkit reads `scope` (a table header's) although its type declarations omit it.
  const element = doc.struct(type, options, [draw]);
  parent.add(element);
  return element;
}

/** A container element (Table, TR, L, LI, Sect) appended to `parent`; end it with `.end()` once filled. */
export function group(doc: PDFKit.PDFDocument, parent: StructureElement, type: string): StructureElement {
  const element = doc.struct(type);
  parent.add(element);
  return element;
}

/** Decoration (a coloured band, a repeated table header): marked as an artifact, skipped by screen readers. */
export function artifact(doc: PDFKit.PDFDocument, draw: () => void): void {
  doc.markContent("Artifact", { type: "Layout" });
  draw();
  doc.endMarkedContent();
}

/** The smallest text size any PDF uses (RGAA: small print stays readable when printed). */
export const minFontSize = 9;

/** Moves to a new page when fewer than `needed` points remain above the bottom margin. */
export function ensureSpace(doc: PDFKit.PDFDocument, needed: number): boolean {
  if (doc.y <= doc.page.height - doc.page.margins.bottom - needed) return false;
  doc.addPage();
  return true;
}
