// Reads a PDF back as text with poppler's pdftotext (Debian package poppler-utils), to check what it says.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function pdfText(pdf: ArrayBuffer | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "pdf-")), "doc.pdf");
  writeFileSync(file, Buffer.from(pdf as ArrayBuffer));
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/[\u00a0\u202f]/g, " ");
}

/** pdffonts' and pdfinfo's word on a PDF: are all its fonts embedded, is it tagged for assistive technology. */
export function pdfProperties(pdf: ArrayBuffer | Buffer): { fontsEmbedded: boolean; fonts: number; tagged: boolean } {
  const file = join(mkdtempSync(join(tmpdir(), "pdf-")), "doc.pdf");
  writeFileSync(file, Buffer.from(pdf as ArrayBuffer));
  const rows = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return { fonts: rows.length, fontsEmbedded: rows.every((r) => /\syes\s+yes\s+yes\s/.test(r)), tagged: /Tagged:\s+yes/.test(info) };
}
