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
    margins: info.margin !== undefined
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
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}

/** Moves to a new page when fewer than `needed` points remain above the bottom margin. */
export function ensureSpace(doc: PDFKit.PDFDocument, needed: number): boolean {
  if (doc.y <= doc.page.height - doc.page.margins.bottom - needed) return false;
  doc.addPage();
  return true;
}
