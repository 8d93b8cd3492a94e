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
