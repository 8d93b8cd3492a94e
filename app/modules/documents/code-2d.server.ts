// The card's 2D code: a DataMatrix (what harmonised tiers payant cards carry), drawn by bwip-js as one SVG
// path. The page shows the SVG; the PDF draws the same path as vectors (crisp at any zoom, no image to encode).
import bwipjs from "bwip-js/node";

export function datamatrixSvg(text: string): string {
  return bwipjs.toSVG({ bcid: "datamatrix", text });
}

/** Draws the DataMatrix for `text` at (x, y), `size` points wide. */
export function drawDatamatrix(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const svg = datamatrixSvg(text);
  const side = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const path = /<path d="([^"]+)"/.exec(svg)?.[1];
  if (!side || !path) throw new Error("unexpected DataMatrix SVG from bwip-js");
  doc.save().translate(x, y).scale(size / side).path(path).fill("evenodd").restore();
}
