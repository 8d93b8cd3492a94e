// Reads a PDF back as text with poppler's pdftotext (Debian package poppler-utils), to check what it says.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";

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
  return {
    fonts: rows.length,
    fontsEmbedded: rows.every((r) => /\syes\s+yes\s+yes\s/.test(r)),
    tagged: /Tagged:\s+yes/.test(info),
  };
}

/**
 * The PDF's structure tree as poppler reads it (`pdfinfo -struct-text`): one line per element, indented by
 * depth, e.g. `  H1 (block)` then its text in quotes. Empty when the file has no structure.
 */
export function pdfStructure(pdf: ArrayBuffer | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "pdf-")), "doc.pdf");
  writeFileSync(file, Buffer.from(pdf as ArrayBuffer));
  return execFileSync("pdfinfo", ["-struct-text", file], { encoding: "utf8" });
}

/** Every font size the PDF's page content sets (the `Tf` operators of its inflated content streams). */
export function pdfFontSizes(pdf: ArrayBuffer | Buffer): number[] {
  const bytes = Buffer.from(pdf as ArrayBuffer);
  const sizes = new Set<number>();
  let at = 0;
  for (;;) {
    const start = bytes.indexOf("stream", at, "latin1");
    if (start < 0) break;
    const dataStart = start + (bytes[start + 6] === 0x0d ? 8 : 7);
    const end = bytes.indexOf("endstream", dataStart, "latin1");
    at = end + 9;
    let content: string;
    try {
      content = inflateSync(bytes.subarray(dataStart, end)).toString("latin1");
    } catch {
      continue; // not a Flate stream (an image, a font program stored otherwise)
    }
    for (const m of content.matchAll(/\/F\d+ ([\d.]+) Tf/g)) sizes.add(Number(m[1]));
  }
  return [...sizes].sort((a, b) => a - b);
}

/**
 * The text alternatives (`/Alt`) of the PDF's Figure elements. poppler's pdfinfo does not print them, so they
 * are read from the structure element dictionaries (pdfkit writes objects uncompressed, strings as
 * literals, UTF-16BE with a byte-order mark when not ASCII).
 */
export function pdfFigureAlts(pdf: ArrayBuffer | Buffer): string[] {
  const raw = Buffer.from(pdf as ArrayBuffer).toString("latin1");
  const alts: string[] = [];
  for (const m of raw.matchAll(/<<(?:(?!>>)[\s\S])*?\/S \/Figure(?:(?!>>)[\s\S])*?>>/g)) {
    const literal = /\/Alt \(((?:\\.|[^\\)])*)\)/.exec(m[0])?.[1];
    if (literal === undefined) continue;
    const bytes = Buffer.from(
      literal.replace(/\\([nrtbf()\\])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" })[c] ?? c),
      "latin1",
    );
    alts.push(
      bytes[0] === 0xfe && bytes[1] === 0xff
        ? Buffer.from(bytes.subarray(2)).swap16().toString("utf16le")
        : bytes.toString("latin1"),
    );
  }
  return alts;
}
