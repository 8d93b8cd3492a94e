// The card's 2D code: a DataMatrix (what harmonised tiers payant cards carry), drawn by bwip-js.
import bwipjs from "bwip-js/node";

export function datamatrixSvg(text: string): string {
  return bwipjs.toSVG({ bcid: "datamatrix", text });
}

export function datamatrixPng(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: "datamatrix", text, scale: 4 });
}
