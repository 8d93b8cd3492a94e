// The card's 2D code: a DataMatrix (what harmonised tiers payant cards carry), drawn by bwip-js as one SVG
// path. The page shows the SVG; the PDF draws the same path as vectors (crisp at any zoom, no image to encode).
import type BwipJs from "bwip-js/node";

// bwip-js is loaded on first use, not at start (see pdf.server.ts).
let bwipjs: Promise<{ default: typeof BwipJs }> | undefined;

export async function datamatrixSvg(text: string): Promise<string> {
  const { default: bwip } = await (bwipjs ??= import("bwip-js/node") as Promise<{ default: typeof BwipJs }>);
  return bwip.toSVG({ bcid: "datamatrix", text });
}

/** Draws the DataMatrix for `text` at (x, y), `size` points wide. */
export async function drawDatamatrix(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  size: number,
): Promise<void> {
  const svg = await datamatrixSvg(text);
  const side = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const path = /<path d="([^"]+)"/.exec(svg)?.[1];
  if (!side || !path) throw new Error("unexpected DataMatrix SVG from bwip-js");
  doc
    .save()
    .translate(x, y)
    .scale(size / side)
    .path(path)
    .fill("evenodd")
    .restore();
}
