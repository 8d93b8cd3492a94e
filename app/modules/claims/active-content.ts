// Finds "active content" in an uploaded file, read chunk by chunk: PDF keys that run code or act on opening
// (/JavaScript, /JS, /OpenAction, /AA, /Launch, /EmbeddedFile, /RichMedia, /XFA) and HTML markup hidden in a PDF
// or an image (a polyglot a browser could render as a page). The file is still accepted (members send what
// their software produced) and always served as a download; advisors see a warning beside it. Pure.

/** PDF names that make a document do something by itself. */
const activeNames = new Set([
  "JavaScript",
  "JS",
  "OpenAction",
  "AA",
  "Launch",
  "EmbeddedFile",
  "EmbeddedFiles",
  "RichMedia",
  "XFA",
]);
/** Start of HTML a browser would render (searched case-insensitively). */
const htmlMarkers =
  /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>]|iframe[\s>]|svg[\s>]|object[\s>]|embed[\s>]|meta[\s>])/i;
/** A PDF name: slash, then regular characters (anything but whitespace and delimiters). #xx escapes allowed. */
const pdfName = /\/([^\s()<>[\]{}/%]{1,64})(?=[\s()<>[\]{}/%]|$)/g;
/** Enough of the previous chunk to catch a marker or a name cut in two between chunks. */
const overlap = 96;

export interface ActiveContentScanner {
  push(chunk: Uint8Array): void;
  /** What was found, e.g. ["/OpenAction", "/JS", "HTML"]; empty when nothing. */
  findings(): string[];
  /**
   * Where each PDF stream's data starts (byte offsets, after "stream" and its line end), at most
   * `maxStreams`: compressed streams (object streams above all) can hide the same keys, so the caller
   * inflates them and scans them again.
   */
  streamOffsets(): number[];
}

export const maxStreams = 500;
/** "stream" and its end of line, not the end of "endstream". */
const streamStart = /(?<!end)stream\r?\n/g;

export function createActiveContentScanner(kind: "pdf" | "image"): ActiveContentScanner {
  const found = new Set<string>();
  const streams = new Set<number>();
  let tail = "";
  let consumed = 0;
  return {
    push(chunk) {
      // latin1 maps each byte to one character: positions stay byte positions, nothing is lost.
      const text = tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("latin1");
      const textStart = consumed - tail.length;
      consumed += chunk.byteLength;
      if (htmlMarkers.test(text)) found.add("HTML");
      if (kind === "pdf") {
        for (const match of text.matchAll(streamStart)) {
          // The tail is read twice: a stream found in it again has the same offset (a set keeps it once).
          if (streams.size < maxStreams) streams.add(textStart + match.index + match[0].length);
        }
        for (const match of text.matchAll(pdfName)) {
          // A name that runs to the end of this text may go on in the next chunk: judged then, with the tail.
          if (match.index + match[0].length === text.length) continue;
          const name = decodeName(match[1]!);
          if (activeNames.has(name)) found.add(`/${name}`);
        }
      }
      tail = text.slice(-overlap);
    },
    findings() {
      if (kind === "pdf") {
        for (const match of tail.matchAll(pdfName)) {
          const name = decodeName(match[1]!);
          if (activeNames.has(name)) found.add(`/${name}`);
        }
      }
      return [...found];
    },
    streamOffsets() {
      return [...streams].sort((a, b) => a - b);
    },
  };
}

/** "/J#61vaScript" is "/JavaScript": PDF names may escape any character as #xx. */
function decodeName(raw: string): string {
  return raw.includes("#")
    ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : raw;
}

/** The whole-buffer form. */
export function findActiveContent(bytes: Uint8Array, kind: "pdf" | "image"): string[] {
  const scanner = createActiveContentScanner(kind);
  scanner.push(bytes);
  return scanner.findings();
}
