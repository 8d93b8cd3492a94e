// Shared set-up of every PDF the portal writes (pdfkit, built-in Helvetica: French accents and €).
import PDFDocument from "pdfkit";

/** Helvetica's encoding has the no-break space but not the narrow one Intl puts in "1 234,56 €". */
export const pdfText = (s: string) => s.replace(/\u202f/g, "\u00a0");

export function createPdf(info: { title: string; author: string; size?: [number, number]; margin?: number }) {
  const doc = new PDFDocument({
    size: info.size ?? "A4",
    margins: info.margin !== undefined
      ? { top: info.margin, bottom: info.margin, left: info.margin, right: info.margin }
      : { top: 48, bottom: 48, left: 40, right: 40 },
    info: { Title: info.title, Author: info.author },
  });
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
